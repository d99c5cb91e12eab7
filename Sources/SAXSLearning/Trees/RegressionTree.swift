/// One tree, stored as parallel arrays indexed by node id with the root at 0, as in XGBoost's JSON.
/// At a leaf `splitConditions` holds the leaf value with the learning rate already applied.
public struct RegressionTree: Sendable, Equatable {
    /// -1 at a leaf.
    public var leftChildren: [Int32]
    public var rightChildren: [Int32]
    public var splitFeatures: [Int32]
    /// Go left when `Float(x) < condition`; missing values follow `defaultLeft`.
    public var splitConditions: [Float]
    public var defaultLeft: [Bool]
    /// Training statistics XGBoost keeps beside each node; saved so a model round-trips, unused for prediction.
    public var lossChanges: [Float]
    public var sumHessians: [Float]
    public var baseWeights: [Float]

    public init(
        leftChildren: [Int32], rightChildren: [Int32], splitFeatures: [Int32], splitConditions: [Float],
        defaultLeft: [Bool], lossChanges: [Float], sumHessians: [Float], baseWeights: [Float]
    ) {
        self.leftChildren = leftChildren
        self.rightChildren = rightChildren
        self.splitFeatures = splitFeatures
        self.splitConditions = splitConditions
        self.defaultLeft = defaultLeft
        self.lossChanges = lossChanges
        self.sumHessians = sumHessians
        self.baseWeights = baseWeights
    }

    public var nodeCount: Int { leftChildren.count }
}
