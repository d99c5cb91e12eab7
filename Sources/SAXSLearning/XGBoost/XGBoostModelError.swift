/// Why an XGBoost JSON model was refused. `kind` separates a damaged file from a sound model that saxsd cannot
/// run as XGBoost would, so the message can say which of the two the user has.
public struct XGBoostModelError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Not JSON, or not XGBoost's model layout: a field missing or of the wrong type.
        case malformed
        /// A valid XGBoost model that saxsd cannot represent: another booster (dart, gblinear), another
        /// objective, categorical splits, vector leaves.
        case unsupported
        /// XGBoost's layout, but numbers that contradict each other: array lengths, counts, indices out of range,
        /// cycles.
        case inconsistent
        /// The file cannot be read or written.
        case io
    }

    public var kind: Kind
    public var path: String
    /// Where in the model: a JSON field path or a tree and node.
    public var location: String?
    public var message: String

    public init(_ kind: Kind, path: String, at location: String? = nil, _ message: String) {
        self.kind = kind
        self.path = path
        self.location = location
        self.message = message
    }

    public var description: String {
        "\(path): \(location.map { "\($0): " } ?? "")\(message)"
    }
}
