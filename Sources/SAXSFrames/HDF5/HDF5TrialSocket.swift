#if canImport(Glibc)
import Glibc
#endif

/// Whole messages over the stream socket between saxsd and a trial server.
enum HDF5TrialSocket {
    /// False when the other end is gone; never raises SIGPIPE.
    static func send(_ bytes: [UInt8], to socket: Int32) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    /// Exactly `count` bytes, or nil at the end of the stream, an error, or when nothing arrives for
    /// `timeoutMilliseconds` (negative: wait as long as it takes).
    static func receive(_ count: Int, from socket: Int32, timeoutMilliseconds: Int32 = -1) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var received = 0
        while received < count {
            var ready = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let polled = poll(&ready, 1, timeoutMilliseconds)
            if polled < 0, errno == EINTR { continue }
            guard polled > 0 else { return nil }
            let got = bytes.withUnsafeMutableBytes { recv(socket, $0.baseAddress! + received, count - received, 0) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return nil }
            received += got
        }
        return bytes
    }
}
