import Foundation
import SAXSLearning
import SAXSPhysics
import SAXSTestSupport
import Testing

/// A small model folder trained from the simulators, written, loaded as the service loads it, and judged on
/// held-out curves.
@Suite struct ModelSetTrainerTests {
    @Test func aTrainedFolderLabelsHeldOutCurvesAndKeepsParametersInBounds() async throws {
        var settings = ModelSetTrainer.Settings()
        settings.curvesPerPhase = 40
        settings.classifier.estimatorCount = 20
        settings.regressor.estimatorCount = 20
        // Coarse cellulose maps: the same physics at a sixteenth of the pixels, which a debug build needs.
        settings.cellulose.grid = CrossSectionGrid(size: 128, pixelSize: 0.6)
        let trainer = ModelSetTrainer(settings: settings)
        let training = await trainer.examples(0..<settings.curvesPerPhase)
        let trained = try trainer.train(training, id: "test-set")
        #expect(trained.manifest.classifier?.labels == settings.labels.map(\.rawValue))
        // Two regressors per mesophase, three for disordered, ten for cellulose, none for empty.
        let expectedRegressors = settings.labels.compactMap { PhaseModel($0) }.reduce(0) { $0 + $1.reported.count }
            + CelluloseParameters.names.count
        #expect(trained.manifest.regressors.count == expectedRegressors)

        let folder = try TemporaryFolder("trained-models")
        try trained.write(to: folder.path)
        let identifier = try PhaseIdentifier(folder: folder.path)
        #expect(identifier.id == "test-set")

        let heldOut = await trainer.examples(1000..<1010)
        for example in heldOut {
            let estimate = identifier.estimate(features: example.features, minimumProbability: 0)
            for parameter in estimate.parameters {
                let bounds = try #require(parameter.bounds)
                #expect(bounds.contains(parameter.value), "\(parameter.name) \(parameter.value)")
            }
        }
        // Nine phases: chance is 1 in 9. Forty curves a phase already separate most of them.
        let accuracy = PhaseEvaluation(identifier, on: heldOut).accuracy
        #expect(accuracy > 0.7, "held-out accuracy \(accuracy)")
    }
}
