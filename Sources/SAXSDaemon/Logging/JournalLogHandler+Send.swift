import CSystemd
import Glibc
import Logging

extension JournalLogHandler {
    /// Sends one entry over journald's native socket with `sd_journal_sendv(3)`.
    ///
    /// The `iovec` form is the only one Swift can call (`sd_journal_send` is variadic), and it is binary-safe:
    /// values may hold newlines, which journald keeps, so multi-line messages stay one entry.
    static func send(_ fields: [String]) throws(JournalSendError) {
        // One contiguous buffer keeps every field alive and in place while libsystemd reads the vectors.
        var buffer: [UInt8] = []
        var ranges: [Range<Int>] = []
        for field in fields {
            let start = buffer.count
            buffer.append(contentsOf: field.utf8)
            ranges.append(start..<buffer.count)
        }
        let result = buffer.withUnsafeMutableBytes { bytes in
            let vectors = ranges.map { range in
                iovec(iov_base: bytes.baseAddress.map { $0 + range.lowerBound }, iov_len: range.count)
            }
            return sd_journal_sendv(vectors, Int32(vectors.count))
        }
        if result < 0 {
            throw JournalSendError(code: -result)
        }
    }

    /// The fallback when journald cannot be reached: one line per record, without a timestamp because the
    /// journal's stream socket (or whoever reads stderr) stamps lines itself.
    static func writeToStandardError(event: LogEvent, label: String, metadata: Logger.Metadata) {
        var line = "\(event.level) \(label): \(messageText(event.message, metadata: metadata))\n"
        // One write(2) per record, so records from concurrent tasks do not interleave mid-line; a failure here has
        // nowhere left to be reported.
        line.withUTF8 { bytes in
            _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count)
        }
    }
}
