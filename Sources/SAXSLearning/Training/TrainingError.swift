/// Why a model could not be trained: the data or the parameters are unusable. `kind` is a stable word for
/// programs; `message` names the parameter, row or column at fault for people.
public struct TrainingError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// A parameter is out of its range.
        case invalidParameter = "invalid_parameter"
        /// No rows, or label and row counts differ, or validation rows have another width.
        case shapeMismatch = "shape_mismatch"
        /// A label is NaN or infinite, or not a class the objective allows.
        case invalidLabel = "invalid_label"
        /// A feature value is infinite (NaN is fine: it means missing).
        case invalidFeature = "invalid_feature"
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
