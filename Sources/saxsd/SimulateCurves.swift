import ArgumentParser
import Foundation
import SAXSPhysics
import SAXSPipeline

struct SimulateCurves: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curves",
        abstract: "Simulate noisy I(q) curves of the phases, with parameters drawn from each phase's priors.",
        discussion: """
            Each curve has its own q range, instrument resolution (applied to Bragg peaks) and total counts \
            (1e4–1e8, Poisson in every bin). Writes parameters.csv (index, phase, total_counts, \
            relative_resolution and each phase's parameters), q.npy, intensity.npy and sigma.npy (float32, curves × \
            points, q in nm^-1) and manifest.json (phases, parameters, units, priors, seed) into DIR. Phases and \
            parameters are described in docs/models.md. The same seed gives the same files on any number of cores.
            """
    )

    @Option(help: ArgumentHelp("Comma-separated phase labels (default: all).", valueName: "LABELS"))
    var phases: String?

    @Option(help: "Curves of each phase.")
    var count = 1000

    @Option(help: "Points per curve.")
    var points = 500

    @Option(help: ArgumentHelp("Output folder (made when missing).", valueName: "DIR"))
    var out: String

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Concurrent workers (default: all cores).")
    var workers: Int?

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        guard points >= 2 else { throw ValidationError("--points must be at least 2") }
        _ = try Self.labels(phases)
    }

    /// Phase labels from a comma-separated list; every phase when none is given.
    static func labels(_ phases: String?) throws -> [PhaseLabel] {
        guard let phases else { return PhaseLabel.allCases }
        return try phases.split(separator: ",").map { name in
            guard let label = PhaseLabel(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--phases: \(name) is not a phase; phases are "
                                      + PhaseLabel.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return label
        }
    }

    func run() async throws {
        var settings = CurveSimulator.Settings()
        settings.points = points
        let dataset = CurveDataset(phases: try Self.labels(phases), count: count, seed: seed,
                                   simulator: CurveSimulator(settings: settings),
                                   workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
        let total = dataset.phases.count * count
        let start = Date()
        let curves = await dataset.generate { done in
            if done % max(1, total / 10) == 0 || done == total {
                StandardError.line(String(format: "saxsd: %d/%d curves, %.0f s", done, total, Date().timeIntervalSince(start)))
            }
        }
        let folder = absolutePath(out)
        do {
            try dataset.write(curves, to: folder, manifest: dataset.manifest(software: Software.name, version: Software.version))
        } catch {
            throw ValidationError("cannot write \(folder): \(error)")
        }
        print("\(folder): \(curves.count) curves of \(dataset.phases.map(\.rawValue).joined(separator: ", "))")
    }
}
