import Foundation
import Synchronization

/// A bound AF_UNIX datagram socket playing systemd's part: point NOTIFY_SOCKET at `path` and read what the
/// service announces. A thread reads every datagram as it arrives, as systemd does: a socket nobody reads
/// fills after a few messages (net.unix.max_dgram_qlen) and then blocks the sender in sd_notify.
public final class NotifySocket: Sendable {
    public let path: String
    private let descriptor: Int32
    private let inbox = Inbox()
    private let cursor = Mutex(0)

    /// What the reader thread shares with the socket; the thread holds this, not the socket, so the socket
    /// can go away and tell the thread to stop.
    private final class Inbox: Sendable {
        let received = Mutex<[String]>([])
        let closing = Mutex(false)
    }

    public init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        precondition(path.utf8.count < MemoryLayout.size(ofValue: address.sun_path), "socket path too long")
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        Thread { [inbox, descriptor] in Self.read(descriptor, into: inbox) }.start()
    }

    deinit {
        inbox.closing.withLock { $0 = true }
        unlink(path)
    }

    private static func read(_ descriptor: Int32, into inbox: Inbox) {
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !inbox.closing.withLock({ $0 }) {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count >= 0 {
                let message = String(decoding: buffer[..<count], as: UTF8.self)
                inbox.received.withLock { $0.append(message) }
            }
        }
    }

    /// Every message received so far.
    public var messages: [String] { inbox.received.withLock { $0 } }

    /// The first message after the previous match that satisfies `predicate`, or nil after `timeout` seconds.
    public func waitFor(timeout: Double = 10, _ predicate: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let start = cursor.withLock { $0 }
            let pending = inbox.received.withLock { Array($0.dropFirst(start)) }
            if let offset = pending.firstIndex(where: predicate) {
                cursor.withLock { $0 = start + offset + 1 }
                return pending[offset]
            }
            usleep(5_000)
        } while Date() < deadline
        return nil
    }

    /// The next message, or nil after `timeout`. Waits without blocking a thread, so that a task sending in
    /// the same process keeps one to run on.
    public func next(timeout: Duration = .seconds(5)) async -> String? {
        let deadline = ContinuousClock.now + timeout
        repeat {
            if let message = waitFor(timeout: 0, { _ in true }) { return message }
            try? await Task.sleep(for: .milliseconds(2))
        } while ContinuousClock.now < deadline
        return waitFor(timeout: 0) { _ in true }
    }

    /// Forgets what has arrived so far: later waits look only at newer messages.
    public func skipReceived() {
        let count = inbox.received.withLock { $0.count }
        cursor.withLock { $0 = count }
    }
}
