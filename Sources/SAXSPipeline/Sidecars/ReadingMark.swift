#if canImport(Glibc)
import Glibc
#endif

/// A note in the sidecar folder that this process is reading a raw file: `.<stem>.saxsd-reading`, holding
/// the process id, a token of this process, the file's size and mtime, and how many processes died reading
/// that version before. Placed before the readers touch the file, removed after.
///
/// Readers run C libraries (cfitsio, libtiff, libhdf5) that can crash on a damaged file, taking the service
/// down; systemd restarts it and the catch-up listing would hand it the same file, again and again. A mark
/// left by a process that no longer runs says it died while reading that version of the file. Once may be a
/// kill from outside (SIGKILL, the OOM killer, a watchdog) and the file is read again; a second death on the
/// same version is the reader's doing, and the file gets an error sidecar of kind `reader_crashed` instead,
/// until it changes.
struct ReadingMark {
    static let suffix = ".saxsd-reading"
    /// Tells this process's marks from those of an earlier process that had the same id (a restarted
    /// container often gets the same pid).
    private static let token = UInt64.random(in: 1...UInt64.max)

    let path: String

    static func path(for location: SidecarLocation) -> String {
        "\(location.folder)/.\(location.stem)\(suffix)"
    }

    /// Deaths it takes to call a version of a file the reader's undoing.
    static let crashesToGiveUp = 2

    /// The version of the file a dead process was reading when it stopped, and how many processes have died
    /// reading it, that one included; the mark is removed. Marks of live processes (another saxsd beside this
    /// one) are left alone.
    static func abandoned(at location: SidecarLocation) -> (stamp: SourceStamp, deaths: Int)? {
        let path = path(for: location)
        guard let text = read(path) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count == 5, let pid = Int32(fields[0]), let token = UInt64(fields[1]), let size = Int64(fields[2]),
              let deaths = Int(fields[4]) else {
            unlink(path)
            return nil
        }
        let ours = pid == getpid() && token == Self.token
        if ours || (pid != getpid() && !(kill(pid, 0) != 0 && errno == ESRCH)) { return nil }
        unlink(path)
        return (SourceStamp(size: size, mtime: String(fields[3])), deaths + 1)
    }

    /// Best effort: a folder saxsd cannot write into gets no mark, and the read goes on without one. The folder
    /// of a mirrored output tree is made here when the file's first sidecars are still to come.
    static func place(at location: SidecarLocation, stamp: SourceStamp, deaths: Int) -> ReadingMark? {
        let path = path(for: location)
        var fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT, (try? AtomicFile.makeFolders(location.folder)) != nil {
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let text = Array("\(getpid()) \(token) \(stamp.size) \(stamp.mtime) \(deaths)".utf8)
        guard text.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == text.count else {
            unlink(path)
            return nil
        }
        return ReadingMark(path: path)
    }

    func remove() {
        unlink(path)
    }

    private static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return "" }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
