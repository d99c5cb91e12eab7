#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Writes files so that readers see either the old content or the complete new one, even across a crash
/// or power loss: temporary file in the same folder, fsync, rename over the target, fsync of the folder.
public enum AtomicFile {
    /// Temporary names start with a dot (watchers skip dot-files) and carry this marker so that leftovers of
    /// a killed process can be recognised and removed.
    public static let temporaryMarker = ".saxsd-tmp-"

    public static func isTemporary(name: String) -> Bool {
        name.hasPrefix(".") && name.contains(temporaryMarker)
    }

    /// True for a temporary file whose writing process no longer exists (killed mid-write): the process id
    /// is part of the name. Another live process's temporary file is never touched.
    public static func isAbandoned(name: String) -> Bool {
        guard isTemporary(name: name), let marker = name.range(of: temporaryMarker, options: .backwards) else { return false }
        guard let pid = Int32(name[marker.upperBound...].prefix { $0 != "-" }) else { return true }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(SidecarError) {
        let (folder, name) = split(path)
        var temporary = ""
        var fd: Int32 = -1
        // O_EXCL with a random suffix: two workers (or two processes) never share a temporary file.
        for _ in 0..<100 where fd < 0 {
            let suffix = "\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            temporary = "\(folder)/.\(name)\(temporaryMarker)\(suffix)"
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd < 0 && errno != EEXIST { break }
        }
        guard fd >= 0 else { throw SidecarError(path: path, operation: "create a temporary file in \(folder)", errno: errno) }
        var failure: SidecarError?
        defer {
            if failure != nil { unlink(temporary) }
        }
        var written = 0
        while failure == nil, written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = SidecarError(path: path, operation: "write", errno: errno)
            } else {
                written += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = SidecarError(path: path, operation: "fsync", errno: errno) }
        if close(fd) != 0, failure == nil { failure = SidecarError(path: path, operation: "close", errno: errno) }
        if failure == nil, rename(temporary, path) != 0 { failure = SidecarError(path: path, operation: "rename", errno: errno) }
        if let failure { throw failure }
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 {
            // Makes the rename itself durable; without it a power cut can lose a sidecar already announced.
            fsync(dir)
            close(dir)
        }
    }

    /// Creates `path` and its missing parents (for an output root that mirrors the data tree).
    public static func makeFolders(_ path: String) throws(SidecarError) {
        var current = ""
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o777) != 0 && errno != EEXIST {
                throw SidecarError(path: path, operation: "create folder \(current)", errno: errno)
            }
        }
    }

    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }
}

/// A sidecar that could not be written (full disk, no permission): the frame is retried later, not lost.
public struct SidecarError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var code: Int32

    public init(path: String, operation: String, errno code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    public var description: String {
        "cannot \(operation) for \(path): \(String(cString: strerror(code)))"
    }
}
