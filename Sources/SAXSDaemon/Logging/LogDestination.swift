import Glibc

/// Where saxsd's log records go.
public enum LogDestination: Sendable, Equatable {
    /// journald's native socket, with structured fields (`JournalLogHandler`).
    case journal
    /// Plain lines on stderr (swift-log's `StreamLogHandler`): a terminal, a batch job, a pipe.
    case standardError

    /// The journal when systemd connected stderr to it, stderr otherwise.
    ///
    /// An inherited `JOURNAL_STREAM` alone is not proof: a child started from a service, or a service whose
    /// stderr an operator redirected, still sees the variable. systemd's documented test is that the variable's
    /// `<device>:<inode>` names the file stderr actually is.
    public static func detect() -> LogDestination {
        let variable = getenv("JOURNAL_STREAM").map { String(cString: $0) }
        var status = stat()
        guard let variable, fstat(STDERR_FILENO, &status) == 0 else {
            return .standardError
        }
        return isJournalStream(variable, device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
            ? .journal : .standardError
    }

    /// Whether `JOURNAL_STREAM` (decimal `<device>:<inode>`) names the given file.
    static func isJournalStream(_ variable: String, device: UInt64, inode: UInt64) -> Bool {
        let parts = variable.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let streamDevice = UInt64(parts[0]), let streamInode = UInt64(parts[1]) else {
            return false
        }
        return streamDevice == device && streamInode == inode
    }
}
