#if canImport(Glibc)
import Glibc
#endif

/// A typed wrapper over one inotify file descriptor. Owned by the watcher thread; not shared.
final class Inotify {
    struct Event {
        var descriptor: Int32
        var mask: UInt32
        var name: String

        func has(_ flag: Int32) -> Bool { mask & UInt32(flag) != 0 }
        func has(_ flag: UInt32) -> Bool { mask & flag != 0 }
    }

    struct Failure: Error, CustomStringConvertible {
        var operation: String
        var path: String?
        var code: Int32
        var description: String {
            let target = path.map { " \($0)" } ?? ""
            let hint = code == ENOSPC ? " (raise fs.inotify.max_user_watches)" : ""
            return "inotify \(operation)\(target): \(String(cString: strerror(code)))\(hint)"
        }
    }

    let descriptor: Int32
    private var buffer = [UInt8](repeating: 0, count: 256 * 1024)

    init() throws(Failure) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if descriptor < 0 { throw Failure(operation: "init", code: errno) }
    }

    deinit { close(descriptor) }

    /// Events a watched folder reports: a file finished by its writer, a file or folder moved in, a folder
    /// created (to watch it too), and the folder itself going away.
    static let folderMask: UInt32 = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE) | UInt32(IN_MODIFY)
        | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ONLYDIR) | UInt32(IN_EXCL_UNLINK)

    func addWatch(_ path: String) throws(Failure) -> Int32 {
        let wd = inotify_add_watch(descriptor, path, Self.folderMask)
        if wd < 0 { throw Failure(operation: "add watch", path: path, code: errno) }
        return wd
    }

    /// Everything queued now; empty when nothing is pending (the descriptor is non-blocking).
    func readEvents() throws(Failure) -> [Event] {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EAGAIN || errno == EINTR { return [] }
            throw Failure(operation: "read", code: errno)
        }
        var events: [Event] = []
        buffer.withUnsafeBytes { raw in
            var offset = 0
            // struct inotify_event: int wd, uint32 mask, uint32 cookie, uint32 len, then len bytes of name
            // (NUL-padded) starting at offset 16.
            while offset + 16 <= count {
                let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameBytes = raw[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
                events.append(Event(descriptor: wd, mask: mask, name: String(decoding: nameBytes, as: UTF8.self)))
                offset += 16 + length
            }
        }
        return events
    }
}
