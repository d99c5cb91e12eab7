extension Sidecar {
    /// The boosted trees' label for the frame's profile.
    public struct Phase: Codable, Sendable, Equatable {
        /// A phase of the model set, or "unknown" when no phase reaches `[analysis] min_probability`.
        public var label: String
        /// The most probable phase's probability (also when the label is "unknown").
        public var probability: Double
        public var probabilities: [String: Double]
        /// The model set that labelled the frame (`manifest.json`'s id, or a hash of its files).
        public var modelID: String

        enum CodingKeys: String, CodingKey {
            case label, probability, probabilities
            case modelID = "model_id"
        }
    }

    /// One physical parameter of the phase.
    public struct Parameter: Codable, Sendable, Equatable {
        public var value: Double
        /// Standard error; absent where the method gives none (the boosted trees do not).
        public var sigma: Double?
        public var unit: String
        /// Physical bounds the value is kept inside.
        public var bounds: [Double]?
        /// "gbdt": the boosted trees' estimate.
        public var method: String
        /// The boosted trees' estimate a refinement started from; absent when `method` is "gbdt".
        public var initial: Double?
    }
}
