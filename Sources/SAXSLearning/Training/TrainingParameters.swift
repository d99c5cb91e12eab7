import Foundation

/// Settings of gradient-boosted tree training, named after XGBoost's parameters and defaulting to its values
/// (`tree_method="hist"`, depthwise growth), so a configuration written for the Python package means the same here.
public struct TrainingParameters: Sendable, Hashable {
    /// How a model's quality is scored on the validation set for early stopping; lower is better for all three.
    public enum Metric: String, Sendable, Hashable, CaseIterable {
        /// Root mean squared error of the prediction (for logistic, of the probability).
        case rmse
        /// Binary cross-entropy of the predicted probability.
        case logloss
        /// Cross-entropy of the probability given to the true class.
        case mlogloss
    }

    public var objective: TreeEnsemble.Objective = .squaredError
    /// Boosting rounds (`n_estimators`); a multi-class model grows one tree per class in each round.
    public var estimatorCount = 100
    /// Shrinkage applied to every leaf (`learning_rate`, `eta`).
    public var learningRate = 0.3
    /// Levels of splits below the root (`max_depth`); at least 1.
    public var maxDepth = 6
    /// Smallest hessian sum a child may have (`min_child_weight`); for squared error, a row count.
    public var minChildWeight = 1.0
    /// L2 penalty on leaf weights (`lambda`, `reg_lambda`).
    public var lambda = 1.0
    /// Smallest loss reduction a split must bring (`gamma`, `min_split_loss`).
    public var gamma = 0.0
    /// Fraction of rows each tree is grown on, drawn afresh for every tree (`subsample`).
    public var subsample = 1.0
    /// Fraction of features each tree may split on, drawn afresh for every tree (`colsample_bytree`).
    public var columnSampleByTree = 1.0
    /// Most histogram bins per feature (`max_bin`); cut points are the feature's quantiles.
    public var maxBin = 256
    /// Seeds the row and feature sampling; the same seed gives the same model on any number of threads.
    public var seed: UInt64 = 0
    /// Starting prediction in response space (`base_score`); nil estimates it from the labels as XGBoost 3 does.
    public var baseScore: Double?
    /// Classes of a softprob model (`num_class`); nil takes the largest training label plus one.
    public var classCount: Int?
    /// Stop when the validation score has not improved for this many rounds and keep the best round's trees.
    public var earlyStoppingRounds: Int?
    /// Validation score; nil picks the objective's own (rmse, logloss, mlogloss), as XGBoost does.
    public var evalMetric: Metric?
    /// Threads that build histograms and search splits (`nthread`); the model does not depend on it.
    public var threads = ProcessInfo.processInfo.activeProcessorCount

    public init() {}

    /// The metric in force: the chosen one, else the objective's default.
    public var effectiveMetric: Metric {
        if let evalMetric { return evalMetric }
        switch objective {
        case .squaredError: return .rmse
        case .logistic: return .logloss
        case .softprob: return .mlogloss
        }
    }
}
