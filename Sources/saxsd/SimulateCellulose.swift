import ArgumentParser
import Foundation
import SAXSPhysics
import SAXSPipeline

struct SimulateCellulose: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cellulose",
        abstract: "Simulate scattering curves of the cellulose model with their 10 parameters.",
        discussion: """
            Writes parameters.csv (alpha_mean, alpha_std, pow_exp, mu, sld_grf1, sld_grf2, vf_crystal, vf_grf1, \
            vf_grf2, surface_area), curves.npy and sigma.npy (float32, COUNT × 500), q.npy (float64, nm^-1) and \
            manifest.json into DIR. The same seed gives the same files on any number of cores.
            """
    )

    @Option(help: "Number of curves.")
    var count = 10_000

    @Option(help: ArgumentHelp("Output folder (made when missing).", valueName: "DIR"))
    var out: String

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Independent maps averaged per curve.")
    var realizations = CelluloseSimulator.Settings().realizations

    @Option(help: ArgumentHelp("Pixels per side of the periodic map (even).", valueName: "N"))
    var mapSize = CelluloseSimulator.Settings().grid.size

    @Option(help: ArgumentHelp("Also write realization 0 of curve 0 as an image: PNG when FILE ends in .png, else PGM.",
                               valueName: "FILE"))
    var image: String?

    @Option(help: "Concurrent workers (default: all cores).")
    var workers: Int?

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        guard realizations >= 1 else { throw ValidationError("--realizations must be at least 1") }
        guard mapSize >= 64, mapSize % 2 == 0 else { throw ValidationError("--map-size must be even and at least 64") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
    }

    func run() async throws {
        var settings = CelluloseSimulator.Settings()
        settings.realizations = realizations
        // A different map size keeps the pixel (so the q range at the top) and moves the lattice spacing; the
        // low end of the q grid follows it when the box gets smaller than the default's.
        settings.grid = CrossSectionGrid(size: mapSize, pixelSize: settings.grid.pixelSize)
        if settings.q[0] < settings.grid.qStep {
            settings.q = RadialBinning.logSpaced(from: settings.grid.qStep, to: settings.q.last!, count: settings.q.count)
        }
        let dataset = CelluloseDataset(count: count, seed: seed, simulator: settings,
                                       workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
        let folder = absolutePath(out)
        let start = Date()
        let total = count
        let tty = isatty(STDERR_FILENO) != 0
        let rows = await dataset.generate { done in
            // Every whole per cent on a terminal, every tenth in a log.
            let step = max(1, total / (tty ? 100 : 10))
            if done % step == 0 || done == total {
                let elapsed = Date().timeIntervalSince(start)
                StandardError.line(String(format: "saxsd: %d/%d curves, %.0f s", done, total, elapsed))
            }
        }
        let elapsed = Date().timeIntervalSince(start)
        do {
            try dataset.write(rows, to: folder,
                              manifest: dataset.manifest(software: Software.name, version: Software.version,
                                                         elapsedSeconds: elapsed))
            if let image {
                let simulator = CelluloseSimulator(settings: settings)
                let section = simulator.crossSection(dataset.drawnParameters(index: 0), seed: seed, index: 0,
                                                     realization: 0, workspace: simulator.makeWorkspace())
                let bytes = image.lowercased().hasSuffix(".png") ? section.image.png() : section.image.pgm
                try Data(bytes).write(to: URL(fileURLWithPath: absolutePath(image)), options: .atomic)
            }
        } catch {
            StandardError.line("saxsd: \(error)")
            throw ExitCode.failure
        }
        print(String(format: "%@: %d curves × %d points in %.1f s", folder, count, settings.q.count, elapsed))
    }
}
