/// Why a mask could not be read or used.
public struct MaskError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The mask file, when the mask came from one.
    public var path: String?
    public var reason: String

    public init(path: String? = nil, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "\(path ?? "mask"): \(reason)"
    }
}
