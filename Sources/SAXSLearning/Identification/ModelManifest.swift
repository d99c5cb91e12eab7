/// `manifest.json` of a model folder: which boosted-tree files identify the phase and estimate each phase's
/// parameters, and which features they read. saxsd's own folder (`models/`, made by `saxsd train`) has one; a
/// user's XGBoost models need one too, naming the saxsd features their columns are (any subset, any order) and
/// what each regressor predicts.
///
/// ```json
/// {
///   "schema": "saxsd.models/1",
///   "id": "saxsd-2026.11-seed42",
///   "features": "saxsd.features/2",
///   "feature_names": ["log_i_000", "…", "peak_6_ratio"],
///   "classifier": {"file": "phase.json", "labels": ["lamellar", "hexagonal", "…"]},
///   "regressors": [
///     {"phase": "lamellar", "parameter": "d_spacing", "unit": "nm", "file": "lamellar_d_spacing.json",
///      "target": "log10", "bounds": [2, 30]}
///   ]
/// }
/// ```
/// `target` says what the regressor was trained on: the parameter itself (`linear`, the default) or its log₁₀
/// (`log10`, for parameters spanning decades); `bounds` are the physical bounds predictions are kept inside.
public struct ModelManifest: Sendable, Hashable, Codable {
    public static let schema = "saxsd.models/1"

    public struct Classifier: Sendable, Hashable, Codable {
        public var file: String
        /// Class i of the model is labels[i].
        public var labels: [String]

        public init(file: String, labels: [String]) {
            self.file = file
            self.labels = labels
        }
    }

    public struct Regressor: Sendable, Hashable, Codable {
        public enum Target: String, Sendable, Hashable, Codable {
            case linear
            case log10
        }

        public var phase: String
        public var parameter: String
        public var unit: String
        public var file: String
        public var target: Target?
        public var bounds: [Double]?

        public init(phase: String, parameter: String, unit: String, file: String, target: Target = .linear,
                    bounds: ClosedRange<Double>?) {
            self.phase = phase
            self.parameter = parameter
            self.unit = unit
            self.file = file
            self.target = target
            self.bounds = bounds.map { [$0.lowerBound, $0.upperBound] }
        }
    }

    public var schema: String
    /// Names this set of models in every sidecar it labels; defaults to a hash of the folder's files.
    public var id: String?
    /// The feature function's version the models were trained with (`ProfileFeatures.version`).
    public var features: String
    public var featureNames: [String]
    public var classifier: Classifier?
    public var regressors: [Regressor]

    public init(id: String?, featureNames: [String], classifier: Classifier?, regressors: [Regressor]) {
        schema = Self.schema
        self.id = id
        features = ProfileFeatures.version
        self.featureNames = featureNames
        self.classifier = classifier
        self.regressors = regressors
    }

    enum CodingKeys: String, CodingKey {
        case schema, id, features, classifier, regressors
        case featureNames = "feature_names"
    }
}
