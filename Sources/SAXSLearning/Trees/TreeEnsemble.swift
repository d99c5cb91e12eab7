/// A gradient-boosted tree model: what training produces, what inference walks, and what the XGBoost JSON
/// format stores. The layout follows that format's parallel node arrays so a loaded model and a trained one
/// are the same value, and saving one is a direct transcription.
public struct TreeEnsemble: Sendable, Equatable {
    /// The loss the model was trained for; it fixes how margins become predictions.
    public enum Objective: String, Sendable, CaseIterable {
        case squaredError = "reg:squarederror"
        case logistic = "binary:logistic"
        case softprob = "multi:softprob"
    }

    public var objective: Objective
    public var featureCount: Int
    /// Output groups: the number of classes for `softprob`, 1 otherwise.
    public var groupCount: Int
    /// Starting margin of each output group, in margin space (after the objective's link function).
    public var baseMargins: [Float]
    public var trees: [RegressionTree]
    /// Output group of each tree.
    public var treeGroups: [Int]
    public var featureNames: [String]?

    public init(
        objective: Objective, featureCount: Int, groupCount: Int, baseMargins: [Float],
        trees: [RegressionTree], treeGroups: [Int], featureNames: [String]? = nil
    ) {
        self.objective = objective
        self.featureCount = featureCount
        self.groupCount = groupCount
        self.baseMargins = baseMargins
        self.trees = trees
        self.treeGroups = treeGroups
        self.featureNames = featureNames
    }
}
