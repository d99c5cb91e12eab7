/// The metadata a detector wrote beside the pixels, in file order.
///
/// Keys keep the spelling of the file (FITS keywords are upper case); look-ups ignore case so later
/// stages can ask for `EXPTIME` whichever format the frame came from.
public struct FrameHeader: Sendable {
    public enum Value: Sendable, Hashable, CustomStringConvertible {
        case string(String)
        case integer(Int)
        case real(Double)
        case logical(Bool)

        public var description: String {
            switch self {
            case .string(let s): s
            case .integer(let i): String(i)
            case .real(let d): String(d)
            case .logical(let b): b ? "T" : "F"
            }
        }

        public var doubleValue: Double? {
            switch self {
            case .integer(let i): Double(i)
            case .real(let d): d
            case .string(let s): Double(s.filter { $0 != " " })
            case .logical: nil
            }
        }
    }

    public private(set) var entries: [(key: String, value: Value)] = []

    public init() {}

    public init(_ entries: [(key: String, value: Value)]) {
        self.entries = entries
    }

    public mutating func append(_ key: String, _ value: Value) {
        entries.append((key, value))
    }

    public subscript(key: String) -> Value? {
        let wanted = key.uppercased()
        return entries.first { $0.key.uppercased() == wanted }?.value
    }

    /// Exposure time in seconds, from the keywords detectors commonly use for it (`EXPOSURE_TIME` is also
    /// Dectris' `Exposure_time`, since look-ups ignore case; `EXPOSURETIME` and `COUNT_TIME` are EDF's).
    public var exposureTime: Double? {
        for key in Self.exposureKeys {
            if let value = self[key]?.doubleValue { return value }
        }
        return nil
    }

    /// The keywords detectors commonly use for the exposure time in seconds, in the order they are tried.
    public static let exposureKeys = ["EXPTIME", "EXPOSURE", "EXPOSURE_TIME", "EXPOSURETIME", "COUNT_TIME", "ACQ_TIME"]
}
