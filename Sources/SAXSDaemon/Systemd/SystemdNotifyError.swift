import Glibc

/// `sd_notify(3)` could not deliver a message to the service manager.
public struct SystemdNotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The assignments that were not delivered, newline-separated as sent (for example `READY=1`).
    public var state: String
    /// The `errno` value libsystemd reported.
    public var code: Int32

    public init(state: String, code: Int32) {
        self.state = state
        self.code = code
    }

    public var description: String {
        let assignments = state.split(separator: "\n").joined(separator: ", ")
        return "cannot notify systemd (\(assignments)): \(String(cString: strerror(code)))"
    }
}
