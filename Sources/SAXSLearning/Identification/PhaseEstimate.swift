/// What the boosted trees say about one curve: the phase, with every class's probability, and the parameters of
/// that phase as its regressors estimate them.
public struct PhaseEstimate: Sendable, Hashable {
    /// Written when the best probability is below the threshold (the probabilities are still given).
    public static let unknown = "unknown"

    public struct Parameter: Sendable, Hashable {
        public var name: String
        public var value: Double
        public var unit: String
        public var bounds: ClosedRange<Double>?
        /// How the value was found: "gbdt" for the boosted trees.
        public var method: String
    }

    public var label: String
    /// The best class's probability (also when the label is `unknown`).
    public var probability: Double
    public var probabilities: [String: Double]
    public var modelID: String
    /// Empty when the label is `unknown` or its phase has no regressors.
    public var parameters: [Parameter]
}
