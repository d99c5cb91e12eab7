/// Why a frame could not be read. `kind` is the stable word the error sidecar records.
public struct FrameError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The file is absent or cannot be opened.
        case unreadable
        /// Zero bytes.
        case empty
        /// The leading bytes match no supported format.
        case unknownFormat = "unknown_format"
        /// Recognised format, but the content is cut short or inconsistent.
        case corrupt
        /// Shorter than its own headers announce, after the wait for its writer ran out: still being written
        /// by a stalled writer, or cut short for good.
        case incomplete
        /// Valid file, but not something saxsd can integrate (no image, 1-D data, absurd size, text table).
        case unsupported
    }

    public var kind: Kind
    public var path: String
    public var frame: Int?
    public var message: String

    public init(_ kind: Kind, path: String, frame: Int? = nil, _ message: String) {
        self.kind = kind
        self.path = path
        self.frame = frame
        self.message = message
    }

    public var description: String {
        let at = frame.map { " (frame \($0))" } ?? ""
        return "\(path)\(at): \(message)"
    }
}
