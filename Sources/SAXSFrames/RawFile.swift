#if canImport(Glibc)
import Glibc
#endif

/// A file opened read-only for positioned reads, with its size when it was opened. The native readers (EDF, CBF,
/// the TIFF and HDF5 completeness checks, the FITS header walk) read only what their headers point at, never the
/// whole file; this is the one place that turns `pread` into exactly the bytes asked for.
struct RawFile: ~Copyable {
    /// The system refused a read; errno's text.
    struct SystemError: Error {
        var reason: String
    }

    /// Why an exact read failed: the system refused, or the file ended first.
    enum ReadFailure: Error {
        case system(String)
        case endOfFile(at: Int)
    }

    let fd: Int32
    let size: Int

    /// Nil when the file cannot be opened or its size read; `errno` says why.
    init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let saved = errno
            close(fd)
            errno = saved
            return nil
        }
        self.fd = fd
        size = Int(info.st_size)
    }

    /// The same, failing with `.unreadable` and the system's reason.
    init(opening path: String) throws(FrameError) {
        guard let file = RawFile(path: path) else {
            throw FrameError(.unreadable, path: path, "cannot open: \(String(cString: strerror(errno)))")
        }
        self = file
    }

    deinit {
        close(fd)
    }

    /// `count` bytes at `offset`, fewer only where the file ends (a file may shrink after it was opened).
    func read(at offset: Int, upTo count: Int) throws(SystemError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, count - filled, off_t(offset + filled)) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw SystemError(reason: String(cString: strerror(errno))) }
            if n == 0 { break }
            filled += n
        }
        if filled < count { buffer.removeLast(count - filled) }
        return buffer
    }

    /// Exactly `count` bytes at `offset`.
    func read(at offset: Int, count: Int) throws(ReadFailure) -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try read(at: offset, upTo: count)
        } catch {
            throw .system(error.reason)
        }
        if bytes.count < count { throw .endOfFile(at: offset + bytes.count) }
        return bytes
    }

    /// Replaces the file at `path` with `bytes` (the writers of test and demo frames); a file left half-written
    /// by a failed write is removed.
    static func write(_ bytes: [UInt8], to path: String) throws(FrameError) {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw FrameError(.unreadable, path: path, "cannot create: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw FrameError(.unreadable, path: path, "cannot write: \(reason)")
            }
            written += n
        }
    }
}
