import Foundation
import SAXSLearning
import SAXSPhysics
import SAXSTestSupport
import Testing

/// The model folder in `models/`, as the service and the demo load it: complete, made by the current feature
/// function, and labelling curves it never saw as the phases they show.
@Suite struct ShippedModelsTests {
    let folder = SharedFiles.repository.appendingPathComponent("models").path

    @Test func theFolderCoversEveryPhaseAndEveryReportedParameter() throws {
        let identifier = try PhaseIdentifier(folder: folder)
        #expect(identifier.manifest.features == ProfileFeatures.version)
        #expect(identifier.manifest.classifier?.labels == PhaseLabel.allCases.map(\.rawValue))
        var expected: Set<String> = Set(CelluloseParameters.names.map { "cellulose/\($0)" })
        for phase in PhaseModel.all() { for name in phase.reported { expected.insert("\(phase.label.rawValue)/\(name)") } }
        #expect(Set(identifier.manifest.regressors.map { "\($0.phase)/\($0.parameter)" }) == expected)
        #expect(identifier.manifest.regressors.allSatisfy { $0.bounds != nil })
    }

    @Test func freshCurvesOfEveryPhaseAreLabelledAsTheyAre() async throws {
        let identifier = try PhaseIdentifier(folder: folder)
        var settings = ModelSetTrainer.Settings()
        settings.seed = 2026
        // Far beyond the indices `saxsd train` trains and tests on.
        let curves = await ModelSetTrainer(settings: settings).examples(3_000_000..<3_000_004)
        let evaluation = PhaseEvaluation(identifier, on: curves)
        #expect(evaluation.total == 4 * PhaseLabel.allCases.count)
        #expect(evaluation.accuracy >= 0.95, "\(evaluation.correct) of \(evaluation.total): \(evaluation.confusion)")
        for example in curves {
            for parameter in identifier.estimate(features: example.features, minimumProbability: 0).parameters {
                let bounds = try #require(parameter.bounds)
                #expect(bounds.contains(parameter.value), "\(parameter.name) \(parameter.value)")
            }
        }
    }
}
