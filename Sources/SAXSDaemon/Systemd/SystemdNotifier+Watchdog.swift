import Logging

extension SystemdNotifier {
    /// How often `runWatchdog(logger:)` pings: half of `watchdogInterval`, as sd_watchdog_enabled(3) recommends, so one
    /// late ping still arrives in time.
    public var watchdogPingInterval: Duration? {
        watchdogInterval.map { $0 / 2 }
    }

    /// Sends `WATCHDOG=1` now and then every `watchdogPingInterval` until the task is cancelled.
    ///
    /// Without a watchdog it only waits for cancellation, so callers treat it the same way in both cases
    /// (a service that returned early would end a ServiceLifecycle group). systemd's timer runs from the fork,
    /// not from `READY=1`: start this before the slow part of start-up.
    public func runWatchdog(logger: Logger = Logger(label: "saxsd.systemd")) async {
        guard let period = watchdogPingInterval else {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(3_600))
            }
            return
        }
        let clock = ContinuousClock()
        var deadline = clock.now
        while !Task.isCancelled {
            do {
                try watchdog()
            } catch {
                // Nothing to retry locally: if pings keep failing, systemd restarts saxsd, which is the point.
                logger.warning("watchdog ping failed", metadata: ["error": "\(error)"])
            }
            // Deadlines rather than fixed sleeps, so time spent pinging or waiting for a core does not add up;
            // after a long stall the next ping goes out at once instead of in a burst.
            deadline = max(deadline.advanced(by: period), clock.now)
            do {
                try await Task.sleep(until: deadline, clock: clock)
            } catch {
                return
            }
        }
    }
}
