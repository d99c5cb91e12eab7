/// Why a model-independent analysis (Guinier, Porod, invariant, peaks) gave no result. `kind` is the stable word a
/// sidecar or a log line can record; `message` says what was found, with the numbers that decided it.
public struct AnalysisError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The curve's radial axis is not a momentum transfer (2θ or millimetres on the detector).
        case unsupportedUnit = "unsupported_unit"
        /// Columns of different lengths, or values that are not finite where they must be.
        case invalidInput = "invalid_input"
        /// Fewer usable points (positive intensity, positive finite sigma) than the method needs.
        case tooFewPoints = "too_few_points"
        /// No window at the low-q end obeys the Guinier law within the q·Rg limit.
        case noGuinierRegion = "no_guinier_region"
        /// No high-q tail is consistent with I = K_p q⁻⁴ + B with K_p > 0.
        case noPorodRegion = "no_porod_region"
        /// A fit was degenerate (all points at one q, zero weights).
        case singularFit = "singular_fit"
    }

    public var kind: Kind
    /// The analysis that failed: "guinier", "porod", "invariant", "peaks", "curve".
    public var analysis: String
    public var message: String

    public init(_ kind: Kind, analysis: String, _ message: String) {
        self.kind = kind
        self.analysis = analysis
        self.message = message
    }

    public var description: String { "\(analysis) analysis: \(message)" }
}
