import SAXSLearning

/// The boosted-tree models that label each frame's phase and estimate its parameters (`[analysis]`).
public struct PhaseSettings: Sendable {
    public var identifier: PhaseIdentifier
    /// Below this best probability a frame's phase is "unknown".
    public var minimumProbability: Double

    public init(identifier: PhaseIdentifier, minimumProbability: Double) {
        self.identifier = identifier
        self.minimumProbability = minimumProbability
    }
}
