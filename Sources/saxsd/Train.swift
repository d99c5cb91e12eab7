import ArgumentParser
import Foundation
import SAXSLearning
import SAXSPhysics

/// `saxsd train`: the model folder the service labels frames with, trained from the simulators.
struct Train: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the phase classifier and the parameter regressors from simulated curves.",
        discussion: """
            Simulates --count curves of every phase with a closed-form model from its priors (realistic counting \
            noise, q ranges and resolution), trains a multi:softprob classifier over the phases and one regressor \
            per reported parameter of each phase, and writes them with manifest.json into --out (point \
            [analysis] models at it). --test more curves per phase, never trained on, give the held-out accuracy \
            and confusion matrix. Deterministic for a seed.
            """
    )

    @Option(help: ArgumentHelp("Output folder (made when missing).", valueName: "DIR"))
    var out: String

    @Option(help: "Training curves per phase.")
    var count = 5000

    @Option(help: "Held-out curves per phase, for the accuracy report.")
    var test = 1000

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    @Option(help: "Model set id written into manifest.json and every sidecar it labels (default: a hash of the files).")
    var id: String?

    func validate() throws {
        guard count >= 2 else { throw ValidationError("--count must be at least 2") }
        guard test >= 0 else { throw ValidationError("--test must not be negative") }
    }

    func run() async throws {
        var settings = ModelSetTrainer.Settings()
        settings.curvesPerPhase = count
        settings.seed = seed
        let trainer = ModelSetTrainer(settings: settings)
        let start = Date()
        let training = await trainer.examples(0..<count)
        StandardError.line(String(format: "saxsd: %d training curves simulated in %.0f s", training.count,
                                  Date().timeIntervalSince(start)))
        let trained: TrainedModelSet
        do {
            trained = try trainer.train(training, id: id)
            try trained.write(to: absolutePath(out))
        } catch {
            StandardError.line("saxsd: \(error)")
            throw ExitCode.failure
        }
        StandardError.line(String(format: "saxsd: models trained in %.0f s", Date().timeIntervalSince(start)))
        guard test > 0 else { return }
        // Held-out curves come from indices beyond any training set's.
        let heldOut = await trainer.examples(1_000_000..<1_000_000 + test)
        let identifier: PhaseIdentifier
        do {
            identifier = try PhaseIdentifier(folder: absolutePath(out))
        } catch {
            StandardError.line("saxsd: \(error)")
            throw ExitCode.failure
        }
        let evaluation = PhaseEvaluation(identifier, on: heldOut)
        print(String(format: "held-out accuracy: %.4f (%d of %d)", evaluation.accuracy, evaluation.correct,
                     evaluation.total))
        print("true \\ predicted\t" + evaluation.labels.joined(separator: "\t"))
        for (row, label) in evaluation.labels.enumerated() {
            print(label + "\t" + evaluation.confusion[row].map(String.init).joined(separator: "\t"))
        }
    }
}
