import Glibc

/// `sd_journal_sendv(3)` could not hand an entry to journald.
public struct JournalSendError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `errno` value libsystemd reported.
    public var code: Int32

    public init(code: Int32) {
        self.code = code
    }

    public var description: String {
        "cannot write to the systemd journal: \(String(cString: strerror(code)))"
    }
}
