import CSystemd
import Glibc

/// Tells the service manager how saxsd is doing, through the `sd_notify(3)` protocol.
///
/// systemd passes the notification socket in `NOTIFY_SOCKET`. Outside systemd (a terminal, a batch job, a test)
/// the variable is absent, and every method returns at once without sending anything, so callers never need to
/// check whether they run under systemd.
public struct SystemdNotifier: Sendable {
    /// Whether a service manager listens: `NOTIFY_SOCKET` was set when the notifier was made.
    public let isActive: Bool

    /// The time after which systemd considers saxsd hung when no `WATCHDOG=1` arrives (`WatchdogSec=`);
    /// `nil` when the watchdog is off or addressed to another process (`WATCHDOG_PID`).
    public let watchdogInterval: Duration?

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` once. The variables stay in the environment
    /// (`unset_environment = 0`): after a reload saxsd notifies again through the same socket.
    public init() {
        let socket = getenv("NOTIFY_SOCKET").map { String(cString: $0) } ?? ""
        isActive = !socket.isEmpty
        var microseconds: UInt64 = 0
        // A negative result means a malformed WATCHDOG_USEC, which systemd never sets; like "no watchdog",
        // it leaves nobody to ping.
        if sd_watchdog_enabled(0, &microseconds) > 0 {
            watchdogInterval = .microseconds(microseconds)
        } else {
            watchdogInterval = nil
        }
    }

    /// Start-up (or a reload) is complete: systemd marks the unit active and `systemctl start` returns.
    public func ready(status: String? = nil) throws(SystemdNotifyError) {
        var assignments = ["READY=1"]
        if let status {
            assignments.append("STATUS=\(Self.singleLine(status))")
        }
        try send(assignments)
    }

    /// The one-line status `systemctl status saxsd` shows.
    public func status(_ text: String) throws(SystemdNotifyError) {
        try send(["STATUS=\(Self.singleLine(text))"])
    }

    /// The configuration is being re-read; `ready(status:)` ends the reload.
    ///
    /// systemd 253 and later (`Type=notify-reload`) match the reload to the request by `MONOTONIC_USEC`;
    /// older versions ignore the field.
    public func reloading() throws(SystemdNotifyError) {
        try send(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())"])
    }

    /// Shutdown has begun: saxsd finishes the frames in flight, then exits.
    public func stopping() throws(SystemdNotifyError) {
        try send(["STOPPING=1"])
    }

    /// Keep-alive for `WatchdogSec=`; see `runWatchdog(logger:)` for the loop that sends it.
    public func watchdog() throws(SystemdNotifyError) {
        try send(["WATCHDOG=1"])
    }

    private func send(_ assignments: [String]) throws(SystemdNotifyError) {
        guard isActive else { return }
        let state = assignments.joined(separator: "\n")
        let result = sd_notify(0, state)
        if result < 0 {
            throw SystemdNotifyError(state: state, code: -result)
        }
    }

    /// The protocol separates assignments by newlines: a newline inside a status text (a file name, an error
    /// message) would end the status early and could be read as another assignment.
    private static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    private static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
