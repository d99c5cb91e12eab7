import Foundation
import SAXSPhysics

/// Trains a model folder from the simulators: a `multi:softprob` classifier over the phases and, for each phase,
/// one regressor per parameter the phase table reports, on the features (`ProfileFeatures`) of curves drawn from
/// the phases' priors with realistic counting noise (`CurveSimulator`; cellulose's from its cross-section
/// simulator). Deterministic for a seed, whatever the number of workers.
///
/// Regressors of parameters drawn on a log scale (lengths) learn log₁₀ of the parameter, so an error means the
/// same relative error at 3 nm as at 300; their predictions are kept inside the parameter's physical bounds.
public struct ModelSetTrainer: Sendable {
    public struct Settings: Sendable {
        public var labels: [PhaseLabel] = PhaseLabel.allCases
        public var curvesPerPhase = 5000
        /// Tasks simulating curves and extracting their features.
        public var workers = ProcessInfo.processInfo.activeProcessorCount
        public var seed: UInt64 = 42
        public var curves = CurveSimulator.Settings()
        public var cellulose = CelluloseSimulator.Settings()
        public var classifier: TrainingParameters
        public var regressor: TrainingParameters

        public init() {
            classifier = TrainingParameters()
            classifier.objective = .softprob
            classifier.estimatorCount = 100
            classifier.learningRate = 0.3
            classifier.maxDepth = 6
            classifier.seed = 42
            // The seed paper's regressor configuration.
            regressor = TrainingParameters()
            regressor.estimatorCount = 100
            regressor.learningRate = 0.1
            regressor.maxDepth = 5
            regressor.seed = 42
        }
    }

    /// One simulated curve as the trees see it.
    public struct Example: Sendable {
        public var label: PhaseLabel
        public var features: [Float]
        public var parameters: [String: Double]
    }

    public let settings: Settings
    public let features: ProfileFeatures

    public init(settings: Settings = Settings(), features: ProfileFeatures = ProfileFeatures()) {
        self.settings = settings
        self.features = features
    }

    /// Curves `indices` of every phase: training sets take indices from 0, held-out sets from beyond them.
    public func examples(_ indices: Range<Int>) async -> [Example] {
        var dataset = CurveDataset(phases: settings.labels, count: indices.count, seed: settings.seed,
                                   simulator: CurveSimulator(settings: settings.curves), workers: settings.workers)
        dataset.firstIndex = indices.lowerBound
        dataset.cellulose = settings.cellulose
        return await dataset.map { [features] curve in
            let vector: [Float]
            if let analysis = try? AnalysisCurve(q: curve.q, intensity: curve.intensity, sigma: curve.sigma) {
                vector = features.vector(analysis)
            } else {
                vector = [Float](repeating: .nan, count: features.count)
            }
            return Example(label: curve.label, features: vector,
                           parameters: Dictionary(curve.parameters.map { ($0.name, $0.value) },
                                                  uniquingKeysWith: { first, _ in first }))
        }
    }

    /// The classifier and the regressors, with the manifest that names them.
    public func train(_ examples: [Example], id: String?) throws(TrainingError) -> TrainedModelSet {
        let labels = settings.labels
        let matrix = FeatureMatrix(rows: examples.map(\.features))
        var classifierParameters = settings.classifier
        classifierParameters.classCount = labels.count
        let classes = examples.map { Float(labels.firstIndex(of: $0.label)!) }
        let classifier = try BoostedTreeTrainer(parameters: classifierParameters).fit(features: matrix, labels: classes)

        var regressors: [(spec: ModelManifest.Regressor, model: TreeEnsemble)] = []
        for label in labels {
            let rows = examples.filter { $0.label == label }
            guard !rows.isEmpty else { continue }
            let phaseMatrix = FeatureMatrix(rows: rows.map(\.features))
            for target in Self.targets(label) {
                let values = rows.map { Float(target.logarithmic ? log10($0.parameters[target.name]!) : $0.parameters[target.name]!) }
                let model = try BoostedTreeTrainer(parameters: settings.regressor).fit(features: phaseMatrix, labels: values)
                let spec = ModelManifest.Regressor(phase: label.rawValue, parameter: target.name, unit: target.unit,
                                                   file: "\(label.rawValue)_\(target.name).json",
                                                   target: target.logarithmic ? .log10 : .linear, bounds: target.bounds)
                regressors.append((spec, model))
            }
        }
        let manifest = ModelManifest(id: id, featureNames: features.names,
                                     classifier: .init(file: "phase.json", labels: labels.map(\.rawValue)),
                                     regressors: regressors.map(\.spec))
        return TrainedModelSet(manifest: manifest, classifier: classifier, regressors: regressors.map(\.model))
    }
}

extension ModelSetTrainer {
    /// A reported parameter a regressor learns.
    struct Target {
        var name: String
        var unit: String
        var logarithmic: Bool
        var bounds: ClosedRange<Double>?
    }

    /// The parameters the phase table reports for `label`: from its phase model, or for cellulose from the
    /// simulator's parameters (all linear: the seed's regressors learn them as they are).
    static func targets(_ label: PhaseLabel) -> [Target] {
        if label == .cellulose {
            return CelluloseParameters.names.indices.map { index in
                Target(name: CelluloseParameters.names[index], unit: CelluloseParameters.units[index], logarithmic: false,
                       bounds: CelluloseParameters.bounds[index])
            }
        }
        guard let phase = PhaseModel(label) else { return [] }
        return phase.reported.compactMap { name in
            guard let parameter = phase.model.parameters.first(where: { $0.name == name }) else { return nil }
            let bounds = parameter.bounds
            return Target(name: name, unit: parameter.unit, logarithmic: parameter.priorScale == .log,
                          bounds: bounds.lowerBound.isFinite && bounds.upperBound.isFinite ? bounds : nil)
        }
    }
}

/// A model folder's contents before they are written.
public struct TrainedModelSet: Sendable {
    public var manifest: ModelManifest
    public var classifier: TreeEnsemble
    /// In the manifest's order.
    public var regressors: [TreeEnsemble]

    /// Writes each model, then `manifest.json` last: a folder whose manifest is there is whole.
    public func write(to folder: String) throws(ModelSetError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ModelSetError(path: folder, "cannot be made: \(error.localizedDescription)")
        }
        func path(_ file: String) -> String { (folder as NSString).appendingPathComponent(file) }
        do {
            try classifier.writeXGBoostModel(to: path(manifest.classifier!.file))
            for (spec, model) in zip(manifest.regressors, regressors) { try model.writeXGBoostModel(to: path(spec.file)) }
        } catch {
            throw ModelSetError(path: error.path, error.message)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(manifest).write(to: URL(fileURLWithPath: path("manifest.json")), options: .atomic)
        } catch {
            throw ModelSetError(path: path("manifest.json"), "cannot be written: \(error.localizedDescription)")
        }
    }
}
