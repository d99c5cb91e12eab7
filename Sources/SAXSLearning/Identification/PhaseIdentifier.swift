import Foundation
import SAXSFrames
import SAXSIntegration
import SAXSPhysics

/// A model folder loaded for use: the phase classifier and each phase's parameter regressors, checked against
/// their manifest once, so that labelling a frame is only feature extraction and tree walks.
public struct PhaseIdentifier: Sendable {
    public let manifest: ModelManifest
    /// `manifest.id`, or "fnv1a-" and a hash of the manifest and every model file.
    public let id: String
    public let features: ProfileFeatures
    private let classifier: FlatTreeEnsemble
    private let labels: [String]
    /// For each model column, its index in `features`' vector.
    private let columns: [Int]
    private let regressors: [String: [(spec: ModelManifest.Regressor, model: FlatTreeEnsemble)]]

    public init(folder: String, features: ProfileFeatures = ProfileFeatures()) throws(ModelSetError) {
        let manifestPath = (folder as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw ModelSetError(path: manifestPath, "cannot be read (a model folder needs its manifest.json)")
        }
        let manifest: ModelManifest
        do {
            manifest = try JSONDecoder().decode(ModelManifest.self, from: data)
        } catch {
            throw ModelSetError(path: manifestPath, "is not a model manifest: \(Self.describe(error))")
        }
        guard manifest.schema == ModelManifest.schema else {
            throw ModelSetError(path: manifestPath, key: "schema", "\"\(manifest.schema)\", expected \"\(ModelManifest.schema)\"")
        }
        guard manifest.features == ProfileFeatures.version else {
            throw ModelSetError(path: manifestPath, key: "features",
                                "models trained on features \"\(manifest.features)\"; this saxsd makes \"\(ProfileFeatures.version)\"")
        }
        var columns: [Int] = []
        for name in manifest.featureNames {
            guard let index = features.names.firstIndex(of: name) else {
                throw ModelSetError(path: manifestPath, key: "feature_names", "\"\(name)\" is not one of saxsd's features")
            }
            columns.append(index)
        }
        var hash = FNV1a()
        hash.add(bytes: data)

        func load(_ file: String, key: String) throws(ModelSetError) -> FlatTreeEnsemble {
            let path = (folder as NSString).appendingPathComponent(file)
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw ModelSetError(path: manifestPath, key: key, "model file \(path) cannot be read")
            }
            hash.add(bytes: bytes)
            do {
                let ensemble = try TreeEnsemble(xgboostJSON: bytes, path: path)
                guard ensemble.featureCount <= columns.count else {
                    throw ModelSetError(path: path, "reads \(ensemble.featureCount) features; the manifest names \(columns.count)")
                }
                return try FlatTreeEnsemble(ensemble)
            } catch let error as ModelSetError {
                throw error
            } catch {
                throw ModelSetError(path: path, "\(error)")
            }
        }

        guard let classifierSpec = manifest.classifier else {
            throw ModelSetError(path: manifestPath, key: "classifier", "missing: the phase classifier chooses which regressors apply")
        }
        let classifier = try load(classifierSpec.file, key: "classifier.file")
        let labels = classifierSpec.labels
        guard Set(labels).count == labels.count, !labels.contains(PhaseEstimate.unknown) else {
            throw ModelSetError(path: manifestPath, key: "classifier.labels", "labels must be distinct and not \"unknown\"")
        }
        switch classifier.objective {
        case .softprob where classifier.groupCount == labels.count, .logistic where labels.count == 2:
            break
        default:
            throw ModelSetError(path: manifestPath, key: "classifier",
                                "a \(classifier.objective.rawValue) model with \(classifier.groupCount) outputs cannot "
                                + "label \(labels.count) phases")
        }
        var regressors: [String: [(spec: ModelManifest.Regressor, model: FlatTreeEnsemble)]] = [:]
        for (index, spec) in manifest.regressors.enumerated() {
            let key = "regressors[\(index)]"
            guard labels.contains(spec.phase) else {
                throw ModelSetError(path: manifestPath, key: key + ".phase", "\"\(spec.phase)\" is not a label of the classifier")
            }
            if let bounds = spec.bounds, bounds.count != 2 || !(bounds[0] <= bounds[1]) {
                throw ModelSetError(path: manifestPath, key: key + ".bounds", "must be [lower, upper] with lower ≤ upper")
            }
            let model = try load(spec.file, key: key + ".file")
            guard model.objective == .squaredError, model.groupCount == 1 else {
                throw ModelSetError(path: manifestPath, key: key, "a regressor must be reg:squarederror with one output")
            }
            regressors[spec.phase, default: []].append((spec, model))
        }
        self.manifest = manifest
        self.id = manifest.id ?? "fnv1a-" + hash.hex
        self.features = features
        self.classifier = classifier
        self.labels = labels
        self.columns = columns
        self.regressors = regressors
    }

    /// The phase of an integrated profile, or `unknown` when no phase reaches `minimumProbability`.
    public func estimate(_ profile: Profile, minimumProbability: Double) throws(AnalysisError) -> PhaseEstimate {
        estimate(features: try features.vector(profile), minimumProbability: minimumProbability)
    }

    /// The same from a vector `features` made.
    public func estimate(features vector: [Float], minimumProbability: Double) -> PhaseEstimate {
        let row = columns.map { vector[$0] }
        let output = classifier.predict(row)
        let probabilities = output.count == labels.count ? output.map(Double.init) : [1 - Double(output[0]), Double(output[0])]
        let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
        let confident = probabilities[best] >= minimumProbability
        let label = confident ? labels[best] : PhaseEstimate.unknown
        var parameters: [PhaseEstimate.Parameter] = []
        for (spec, model) in confident ? regressors[label] ?? [] : [] {
            var value = Double(model.predict(row)[0])
            if spec.target == .log10 { value = pow(10, value) }
            let bounds = spec.bounds.map { $0[0]...$0[1] }
            if let bounds { value = min(max(value, bounds.lowerBound), bounds.upperBound) }
            parameters.append(PhaseEstimate.Parameter(name: spec.parameter, value: value, unit: spec.unit, bounds: bounds,
                                                      method: "gbdt"))
        }
        return PhaseEstimate(label: label, probability: probabilities[best],
                             probabilities: Dictionary(uniqueKeysWithValues: zip(labels, probabilities)), modelID: id,
                             parameters: parameters)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "key \"\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))\" is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (path.isEmpty ? "" : "key \"\(path)\": ") + context.debugDescription
        default:
            return "\(error)"
        }
    }
}
