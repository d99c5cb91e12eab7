/// A trained model with what the validation set said along the way.
public struct TrainingOutcome: Sendable {
    /// With early stopping, holds the trees of the best round and those before it.
    public var ensemble: TreeEnsemble
    /// The validation metric after each boosting round; empty without a validation set.
    public var validationScores: [Double]
    /// The round (from 0) with the lowest validation score; nil without a validation set.
    public var bestRound: Int?
}
