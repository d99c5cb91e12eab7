import Foundation
import SAXSTestSupport
import Testing

@testable import SAXSDaemon

/// Plays systemd's part: a datagram socket of the test's own, named in `NOTIFY_SOCKET`.
///
/// Serialized because the suite changes the process environment (`NOTIFY_SOCKET`, `WATCHDOG_USEC`,
/// `WATCHDOG_PID`), which no other suite reads.
@Suite(.serialized) struct SystemdNotifierTests {
    @Test func withoutNotifySocketNothingIsSentAndNothingFails() async throws {
        try await withEnvironment(["NOTIFY_SOCKET": nil, "WATCHDOG_USEC": nil, "WATCHDOG_PID": nil]) {
            let notifier = SystemdNotifier()
            #expect(!notifier.isActive)
            #expect(notifier.watchdogInterval == nil)
            try notifier.ready(status: "idle")
            try notifier.status("idle")
            try notifier.reloading()
            try notifier.stopping()
            try notifier.watchdog()
        }
    }

    @Test func sendsEachStateAsOneDatagram() async throws {
        let folder = try TemporaryFolder("notify")
        let manager = try NotifySocket(path: folder.file("notify.sock"))
        try await withEnvironment(["NOTIFY_SOCKET": manager.path]) {
            let notifier = SystemdNotifier()
            #expect(notifier.isActive)

            try notifier.ready(status: "watching 2 roots")
            #expect(await manager.next() == "READY=1\nSTATUS=watching 2 roots")

            try notifier.ready()
            #expect(await manager.next() == "READY=1")

            try notifier.status("queued 3, done 10, failed 1")
            #expect(await manager.next() == "STATUS=queued 3, done 10, failed 1")

            try notifier.stopping()
            #expect(await manager.next() == "STOPPING=1")

            try notifier.watchdog()
            #expect(await manager.next() == "WATCHDOG=1")
        }
    }

    @Test func statusTextCannotInjectAssignments() async throws {
        let folder = try TemporaryFolder("notify")
        let manager = try NotifySocket(path: folder.file("notify.sock"))
        try await withEnvironment(["NOTIFY_SOCKET": manager.path]) {
            try SystemdNotifier().status("failed: bad.fits\nREADY=1\r\nend")
            #expect(await manager.next() == "STATUS=failed: bad.fits READY=1 end")
        }
    }

    @Test func reloadingCarriesTheMonotonicClock() async throws {
        let folder = try TemporaryFolder("notify")
        let manager = try NotifySocket(path: folder.file("notify.sock"))
        try await withEnvironment(["NOTIFY_SOCKET": manager.path]) {
            let before = monotonicMicroseconds()
            try SystemdNotifier().reloading()
            let after = monotonicMicroseconds()

            let message = try #require(await manager.next())
            let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 2)
            #expect(lines.first == "RELOADING=1")
            let stamp = try #require(lines.last.flatMap { $0.wholeMatch(of: /MONOTONIC_USEC=([0-9]+)/) })
            let microseconds = try #require(UInt64(stamp.1))
            #expect((before...after).contains(microseconds))
        }
    }

    @Test func undeliverableMessageThrowsWithItsState() async throws {
        let folder = try TemporaryFolder("notify")
        let missing = folder.file("absent.sock")
        try await withEnvironment(["NOTIFY_SOCKET": missing]) {
            let error = #expect(throws: SystemdNotifyError.self) {
                try SystemdNotifier().stopping()
            }
            #expect(error?.state == "STOPPING=1")
            #expect(error?.code == ENOENT)
            #expect(error?.description.contains("STOPPING=1") == true)
        }
    }

    @Test func watchdogIntervalComesFromTheEnvironment() async throws {
        try await withEnvironment(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(getpid())"]) {
            let notifier = SystemdNotifier()
            #expect(notifier.watchdogInterval == .seconds(30))
            #expect(notifier.watchdogPingInterval == .seconds(15))
        }
        try await withEnvironment(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": nil]) {
            #expect(SystemdNotifier().watchdogInterval == .seconds(30))
        }
        // WATCHDOG_PID names the process systemd watches; a child that inherited the variables must not ping.
        try await withEnvironment(["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "\(getpid() + 1)"]) {
            #expect(SystemdNotifier().watchdogInterval == nil)
        }
        try await withEnvironment(["WATCHDOG_USEC": "soon", "WATCHDOG_PID": "\(getpid())"]) {
            #expect(SystemdNotifier().watchdogInterval == nil)
        }
        try await withEnvironment(["WATCHDOG_USEC": nil, "WATCHDOG_PID": nil]) {
            #expect(SystemdNotifier().watchdogInterval == nil)
        }
    }

    @Test func watchdogLoopPingsAtHalfTheIntervalUntilCancelled() async throws {
        let folder = try TemporaryFolder("notify")
        let manager = try NotifySocket(path: folder.file("notify.sock"))
        let environment = ["NOTIFY_SOCKET": manager.path, "WATCHDOG_USEC": "200000", "WATCHDOG_PID": "\(getpid())"]
        try await withEnvironment(environment) {
            let notifier = SystemdNotifier()
            #expect(notifier.watchdogPingInterval == .milliseconds(100))

            let clock = ContinuousClock()
            let start = clock.now
            let loop = Task { await notifier.runWatchdog() }
            // Pings go out at 0, 100 and 200 ms; none may come early, however busy the machine.
            for _ in 0..<3 {
                #expect(await manager.next() == "WATCHDOG=1")
            }
            #expect(clock.now - start >= .milliseconds(200))

            loop.cancel()
            await loop.value
            manager.skipReceived()
            #expect(await manager.next(timeout: .milliseconds(300)) == nil)
        }
    }

    @Test func watchdogLoopWithoutWatchdogOnlyWaitsForCancellation() async throws {
        let folder = try TemporaryFolder("notify")
        let manager = try NotifySocket(path: folder.file("notify.sock"))
        try await withEnvironment(["NOTIFY_SOCKET": manager.path, "WATCHDOG_USEC": nil, "WATCHDOG_PID": nil]) {
            let notifier = SystemdNotifier()
            let loop = Task { await notifier.runWatchdog() }
            #expect(await manager.next(timeout: .milliseconds(200)) == nil)
            loop.cancel()
            await loop.value
        }
    }
}

/// Sets (or with `nil` removes) environment variables for the duration of `body`, then restores them.
private func withEnvironment(
    _ values: [String: String?],
    _ body: () async throws -> Void
) async throws {
    var saved: [String: String?] = [:]
    for (name, value) in values {
        saved[name] = getenv(name).map { String(cString: $0) }
        if let value {
            setenv(name, value, 1)
        } else {
            unsetenv(name)
        }
    }
    defer {
        for (name, value) in saved {
            if let value {
                setenv(name, value, 1)
            } else {
                unsetenv(name)
            }
        }
    }
    try await body()
}

private func monotonicMicroseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
}
