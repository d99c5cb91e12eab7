import Foundation
import SAXSLearning
import SAXSTestSupport
import Testing

/// A model folder as the service loads it: its manifest checked, the classifier choosing the phase (or `unknown`),
/// that phase's regressors giving parameters inside their bounds.
@Suite struct PhaseIdentifierTests {
    private static func stump(column: Int32, threshold: Float, left: Float, right: Float) -> RegressionTree {
        RegressionTree(leftChildren: [1, -1, -1], rightChildren: [2, -1, -1], splitFeatures: [column, 0, 0],
                       splitConditions: [threshold, left, right], defaultLeft: [true, false, false],
                       lossChanges: [1, 0, 0], sumHessians: [2, 1, 1], baseWeights: [0, left, right])
    }

    private static func leaf(_ value: Float) -> RegressionTree {
        RegressionTree(leftChildren: [-1], rightChildren: [-1], splitFeatures: [0], splitConditions: [value],
                       defaultLeft: [false], lossChanges: [0], sumHessians: [1], baseWeights: [value])
    }

    /// Two model columns: saxsd's `noise` and `peak_2_ratio`, in that order (not saxsd's). A second peak at
    /// twice the first is lamellar, below 1.9 hexagonal; `empty` stays at margin 0.
    private static func folder(_ name: String, manifest edit: (inout [String: Any]) -> Void = { _ in }) throws -> TemporaryFolder {
        let folder = try TemporaryFolder(name)
        let classifier = TreeEnsemble(objective: .softprob, featureCount: 2, groupCount: 3, baseMargins: [0, 0, 0],
                                      trees: [stump(column: 1, threshold: 1.9, left: -3, right: 3),
                                              stump(column: 1, threshold: 1.9, left: 3, right: -3), leaf(0)],
                                      treeGroups: [0, 1, 2])
        try classifier.writeXGBoostModel(to: folder.file("phase.json"))
        let spacing = TreeEnsemble(objective: .squaredError, featureCount: 2, groupCount: 1, baseMargins: [0.5],
                                   trees: [leaf(0.2)], treeGroups: [0])
        try spacing.writeXGBoostModel(to: folder.file("d.json"))
        let domain = TreeEnsemble(objective: .squaredError, featureCount: 2, groupCount: 1, baseMargins: [40],
                                  trees: [stump(column: 0, threshold: -1, left: 10, right: -10)], treeGroups: [0])
        try domain.writeXGBoostModel(to: folder.file("domain.json"))
        var manifest: [String: Any] = [
            "schema": "saxsd.models/1", "features": ProfileFeatures.version, "feature_names": ["noise", "peak_2_ratio"],
            "classifier": ["file": "phase.json", "labels": ["lamellar", "hexagonal", "empty"]],
            "regressors": [
                ["phase": "lamellar", "parameter": "d_spacing", "unit": "nm", "file": "d.json", "target": "log10",
                 "bounds": [1, 4]],
                ["phase": "lamellar", "parameter": "domain_size", "unit": "nm", "file": "domain.json"],
            ],
        ]
        edit(&manifest)
        try JSONSerialization.data(withJSONObject: manifest, options: .sortedKeys).write(to: URL(fileURLWithPath: folder.file("manifest.json")))
        return folder
    }

    private func vector(noise: Float, ratio: Float) -> [Float] {
        let names = ProfileFeatures().names
        var vector = [Float](repeating: .nan, count: names.count)
        vector[names.firstIndex(of: "noise")!] = noise
        vector[names.firstIndex(of: "peak_2_ratio")!] = ratio
        return vector
    }

    @Test func theClassifierChoosesThePhaseAndItsRegressorsItsParameters() throws {
        let folder = try Self.folder("identifier")
        let identifier = try PhaseIdentifier(folder: folder.path)
        let lamellar = identifier.estimate(features: vector(noise: -2, ratio: 2), minimumProbability: 0.5)
        let expected = exp(3.0) / (exp(3.0) + exp(-3.0) + 1)
        #expect(lamellar.label == "lamellar")
        #expect(abs(lamellar.probability - expected) < 1e-6)
        #expect(abs(lamellar.probabilities.values.reduce(0, +) - 1) < 1e-6)
        // log10 d = 0.5 + 0.2 gives 5.0 nm, kept inside the bounds [1, 4]; domain size 40 + 10 (noise < −1).
        #expect(lamellar.parameters.map(\.name) == ["d_spacing", "domain_size"])
        #expect(lamellar.parameters[0].value == 4 && lamellar.parameters[0].bounds == 1...4)
        #expect(lamellar.parameters[1].value == 50 && lamellar.parameters[1].bounds == nil)
        #expect(lamellar.parameters.allSatisfy { $0.method == "gbdt" && $0.unit == "nm" })
        #expect(lamellar.modelID.hasPrefix("fnv1a-"))

        let hexagonal = identifier.estimate(features: vector(noise: 0, ratio: 1.73), minimumProbability: 0.5)
        #expect(hexagonal.label == "hexagonal" && hexagonal.parameters.isEmpty)
        // A missing ratio follows the split's default (left: hexagonal).
        #expect(identifier.estimate(features: vector(noise: 0, ratio: .nan), minimumProbability: 0.5).label == "hexagonal")
    }

    @Test func belowTheThresholdThePhaseIsUnknownWithItsProbabilities() throws {
        let folder = try Self.folder("identifier-unknown")
        let identifier = try PhaseIdentifier(folder: folder.path)
        let estimate = identifier.estimate(features: vector(noise: -2, ratio: 2), minimumProbability: 0.999)
        #expect(estimate.label == "unknown" && estimate.parameters.isEmpty)
        #expect(estimate.probability > 0.9 && estimate.probabilities["lamellar"] == estimate.probability)
    }

    @Test func theModelIDIsTheManifestsOrAHashOfTheFiles() throws {
        let folder = try Self.folder("identifier-id") { $0["id"] = "beamtime-2026" }
        let named = try PhaseIdentifier(folder: folder.path)
        #expect(named.id == "beamtime-2026")
        let first = try Self.folder("identifier-hash")
        let second = try Self.folder("identifier-hash2")
        #expect(try PhaseIdentifier(folder: first.path).id == PhaseIdentifier(folder: second.path).id)
        let other = TreeEnsemble(objective: .squaredError, featureCount: 2, groupCount: 1, baseMargins: [0.6],
                                 trees: [Self.leaf(0.2)], treeGroups: [0])
        try other.writeXGBoostModel(to: second.file("d.json"))
        #expect(try PhaseIdentifier(folder: first.path).id != PhaseIdentifier(folder: second.path).id)
    }

    @Test(arguments: [
        ("schema", "schema"), ("features", "features"), ("feature_names", "feature_names"),
        ("labels", "classifier"), ("phase", "regressors[0].phase"), ("bounds", "regressors[0].bounds"),
        ("file", "regressors[1].file"), ("classifier", "classifier"),
    ])
    func aBadManifestNamesItsKey(broken: String, key: String) throws {
        let folder = try Self.folder("identifier-bad-\(broken)") { manifest in
            var regressors = manifest["regressors"] as! [[String: Any]]
            switch broken {
            case "schema": manifest["schema"] = "saxsd.models/9"
            case "features": manifest["features"] = "saxsd.features/0"
            case "feature_names": manifest["feature_names"] = ["noise", "peak_9_ratio"]
            case "labels": manifest["classifier"] = ["file": "phase.json", "labels": ["lamellar", "hexagonal"]]
            case "phase": regressors[0]["phase"] = "sponge"
            case "bounds": regressors[0]["bounds"] = [4, 1]
            case "file": regressors[1]["file"] = "missing.json"
            default: manifest.removeValue(forKey: "classifier")
            }
            manifest["regressors"] = regressors
        }
        let error = try #require(throws: ModelSetError.self) { try PhaseIdentifier(folder: folder.path) }
        #expect(error.key == key, "\(error)")
        #expect(error.path.hasSuffix("manifest.json"))
    }
}
