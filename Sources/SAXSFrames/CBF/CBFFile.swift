#if canImport(Glibc)
import Glibc
#endif

/// An open CBF file, read with pread: its text head first, then only the compressed bytes it announces, so a
/// huge or garbage file is never read whole.
struct CBFFile: ~Copyable {
    let path: String
    let fd: Int32
    let size: Int
    /// The file's first bytes, up to `headLimit`: far more than a Pilatus header and MIME header need.
    let leadingBytes: [UInt8]

    static let headLimit = 1 << 20

    init(path: String) throws(FrameError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw FrameError(.unreadable, path: path, "cannot open: \(String(cString: strerror(errno)))") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw FrameError(.unreadable, path: path, "cannot stat: \(reason)")
        }
        let size = Int(info.st_size)
        let head: [UInt8]
        do {
            head = try Self.read(fd: fd, path: path, at: 0, count: min(size, Self.headLimit))
        } catch {
            close(fd)
            throw error
        }
        self.path = path
        self.fd = fd
        self.size = size
        leadingBytes = head
    }

    deinit {
        close(fd)
    }

    /// Exactly `count` bytes at `offset`; `.corrupt` when the file ends before them.
    func bytes(at offset: Int, count: Int) throws(FrameError) -> [UInt8] {
        guard offset + count <= size else {
            throw FrameError(.corrupt, path: path,
                             "the file ends at byte \(size), before the \(count) compressed bytes from byte \(offset)")
        }
        return try Self.read(fd: fd, path: path, at: offset, count: count)
    }

    private static func read(fd: Int32, path: String, at offset: Int, count: Int) throws(FrameError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, count - filled, off_t(offset + filled)) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw FrameError(.unreadable, path: path, "cannot read: \(String(cString: strerror(errno)))") }
            if n == 0 { throw FrameError(.corrupt, path: path, "the file shrank while it was read") }
            filled += n
        }
        return buffer
    }
}
