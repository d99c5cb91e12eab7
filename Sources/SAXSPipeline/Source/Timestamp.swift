#if canImport(Glibc)
import Glibc
#endif

/// ISO 8601 UTC strings without Foundation's formatter, which is slow and drops nanoseconds.
public enum Timestamp {
    public static func iso8601(_ time: timespec, fractionDigits: Int = 9) -> String {
        var seconds = time.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
        text += "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
        if fractionDigits > 0 {
            let nanos = String(time.tv_nsec)
            let padded = String(repeating: "0", count: 9 - nanos.count) + nanos
            text += "." + padded.prefix(fractionDigits)
        }
        return text + "Z"
    }

    public static func now(fractionDigits: Int = 3) -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return iso8601(time, fractionDigits: fractionDigits)
    }

    /// Monotonic seconds, for latencies that must not jump with the wall clock.
    public static func monotonic() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
