#if canImport(Glibc)
import Glibc
#endif

/// Size and modification time of a raw file, as the ledger compares them.
///
/// The mtime keeps nanoseconds and is written as an ISO 8601 string: comparing strings of the same stat
/// result is exact, while a floating-point seconds value would round and make frames look changed.
public struct SourceStamp: Sendable, Hashable {
    public var size: Int64
    public var mtime: String

    public init(size: Int64, mtime: String) {
        self.size = size
        self.mtime = mtime
    }

    /// Nil when the file is gone or is not a regular file.
    public static func of(path: String) -> SourceStamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return SourceStamp(size: Int64(info.st_size), mtime: Timestamp.iso8601(info.st_mtim))
    }
}
