import Foundation
import SAXSFrames
import SAXSIntegration
import SAXSLearning
import SAXSTestSupport
import Testing
@testable import SAXSPipeline

/// Frames labelled by a model folder: the sidecar's `phase` and `parameters`, the `.dat` header's phase line.
@Suite struct PhasePipelineTests {
    private static func leaf(_ value: Float) -> RegressionTree {
        RegressionTree(leftChildren: [-1], rightChildren: [-1], splitFeatures: [0], splitConditions: [value],
                       defaultLeft: [false], lossChanges: [0], sumHessians: [1], baseWeights: [value])
    }

    /// Margins 2, 0, 0 whatever the frame: lamellar with probability e²/(e² + 2); d-spacing 10^0.8 nm.
    private static func models(in folder: TemporaryFolder) throws -> String {
        let path = folder.file("models")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let classifier = TreeEnsemble(objective: .softprob, featureCount: 1, groupCount: 3, baseMargins: [0, 0, 0],
                                      trees: [leaf(2), leaf(0), leaf(0)], treeGroups: [0, 1, 2])
        try classifier.writeXGBoostModel(to: path + "/phase.json")
        let spacing = TreeEnsemble(objective: .squaredError, featureCount: 1, groupCount: 1, baseMargins: [0.5],
                                   trees: [leaf(0.3)], treeGroups: [0])
        try spacing.writeXGBoostModel(to: path + "/d.json")
        let manifest = ModelManifest(
            id: "test-models", featureNames: ["noise"],
            classifier: .init(file: "phase.json", labels: ["lamellar", "hexagonal", "empty"]),
            regressors: [.init(phase: "lamellar", parameter: "d_spacing", unit: "nm", file: "d.json", target: .log10,
                               bounds: 1...30)])
        try JSONEncoder().encode(manifest).write(to: URL(fileURLWithPath: path + "/manifest.json"))
        return path
    }

    private func settings(models: String, unit: RadialUnit = .qNm, threshold: Double = 0.5) throws -> PipelineSettings {
        var settings = PipelineTests.reference
        settings.integration.unit = unit
        settings.phases = PhaseSettings(identifier: try PhaseIdentifier(folder: models), minimumProbability: threshold)
        return settings
    }

    private func process(_ settings: PipelineSettings, in folder: TemporaryFolder) throws -> Sidecar {
        let source = folder.file("frame.fits")
        if !FileManager.default.fileExists(atPath: source) {
            try FileManager.default.copyItem(atPath: SharedFiles.pyfai("pilatus1m_frame.fits"), toPath: source)
        }
        _ = Pipeline(settings: settings).process(path: source, root: folder.path, resume: false)
        #expect(SchemaValidator.problems(in: [folder.file("frame.saxs.json")]) == [])
        return try #require(Sidecar.read(path: folder.file("frame.saxs.json")))
    }

    @Test func aFrameGetsItsPhaseAndParametersInBothFiles() throws {
        let folder = try TemporaryFolder("phase-pipeline")
        let sidecar = try process(settings(models: Self.models(in: folder)), in: folder)
        let expected = exp(2.0) / (exp(2.0) + 2)
        let phase = try #require(sidecar.phase)
        #expect(phase.label == "lamellar" && phase.modelID == "test-models")
        #expect(abs(phase.probability - expected) < 1e-6)
        #expect(Set(phase.probabilities.keys) == ["lamellar", "hexagonal", "empty"])
        let spacing = try #require(sidecar.parameters?["d_spacing"])
        #expect(abs(spacing.value - pow(10, 0.8)) < 1e-5 && spacing.unit == "nm" && spacing.method == "gbdt")
        #expect(spacing.bounds == [1, 30] && spacing.sigma == nil)
        #expect(sidecar.timingMs["phase"] != nil)
        let header = try ColumnText(path: folder.file("frame.saxs.dat")).comments
        #expect(header.contains { $0.hasPrefix("# phase: lamellar probability=0.7") && $0.contains("d_spacing=6.30957_nm")
            && $0.hasSuffix("model=test-models") }, "\(header)")
    }

    @Test func belowTheThresholdTheFrameIsUnknownWithoutParameters() throws {
        let folder = try TemporaryFolder("phase-pipeline-unknown")
        let sidecar = try process(settings(models: Self.models(in: folder), threshold: 0.9), in: folder)
        #expect(sidecar.phase?.label == "unknown")
        #expect(sidecar.parameters == nil)
    }

    /// A 2θ profile has no q: no features, so no phase, and a warning says why.
    @Test func aProfileWithoutQGetsAWarningInsteadOfAPhase() throws {
        let folder = try TemporaryFolder("phase-pipeline-2theta")
        let sidecar = try process(settings(models: Self.models(in: folder), unit: .twoThetaDeg), in: folder)
        #expect(sidecar.phase == nil && sidecar.parameters == nil)
        #expect(sidecar.warnings?.contains { $0.kind == "phase" } == true)
    }
}
