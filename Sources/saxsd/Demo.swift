import ArgumentParser
import Foundation
import Logging
import SAXSDaemon
import SAXSFrames
import SAXSIntegration
import SAXSPhysics
import SAXSPipeline
import ServiceLifecycle
import Synchronization

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the service live on frames from a simulated Pilatus 1M detector and report latencies.",
        discussion: """
            A simulated detector writes FITS frames (a lamellar phase whose d-spacing drifts, on a power law, \
            with Poisson noise and module gaps) into a folder, write-then-rename as detector writers do. The \
            service, started in this process with the built-in configuration, integrates each frame as it \
            lands and prints one line per frame; at the end a latency summary (frame renamed into place → \
            .saxs.json renamed into place). The folder is left for inspection.
            """
    )

    @Option(help: "Number of frames.")
    var frames = 20

    @Option(help: "Folder for the frames and sidecars (default: a new folder under /tmp).")
    var dir: String?

    @Option(name: .customLong("interval-ms"), help: "Time between frames, as the detector's frame period.")
    var intervalMilliseconds = 100

    @Option(help: ArgumentHelp("Model folder that labels each frame's phase (default: the shipped models/).",
                               valueName: "DIR"))
    var models: String?

    func validate() throws {
        guard frames >= 1 else { throw ValidationError("--frames must be at least 1") }
        guard intervalMilliseconds >= 0 else { throw ValidationError("--interval-ms must not be negative") }
    }

    func run() async throws {
        LoggingSetup.bootstrap(level: .warning)
        let folder = try prepareFolder()
        let poniPath = "\(folder)/detector.poni"
        try DemoDetector.poni.write(toFile: poniPath, atomically: false, encoding: .utf8)

        var configuration = Configuration()
        configuration.watch.roots = [folder]
        configuration.integration.poni = poniPath
        configuration.integration.settings.dummy = -1
        let modelFolder = models.map(absolutePath) ?? shippedModelFolder()
        configuration.analysis.models = modelFolder ?? ""
        let settings = try configuration.pipelineSettings()
        let detector = try DemoDetector(settings: settings, folder: folder)

        print("saxsd \(Software.version) demo: \(frames) frames of a simulated \(DemoDetector.shape) Pilatus into \(folder)")
        print("geometry: \(settings.geometry.summary)")
        print("integration: \(settings.integration.npt) bins in \(settings.integration.unit.rawValue), split \(settings.integration.split.rawValue), "
              + "solid angle + polarization \(settings.integration.polarization ?? 0), Poisson errors")
        print(modelFolder.map { "phase: boosted trees of \($0)" } ?? "phase: no model folder found, frames are not labelled")

        let report = DemoReport(expected: frames)
        let logger = Logger(label: "saxsd.demo")
        let groupBox = Mutex<ServiceGroup?>(nil)
        let service = WatchService(
            configuration: configuration, settings: settings, configurationPath: nil, logger: logger,
            observer: { job, outcome, finished in
                if report.record(job: job, outcome: outcome, finished: finished, written: detector.closeTime(of: job.path),
                                 shown: detector.phase(of: job.path)?.rawValue) {
                    let group = groupBox.withLock { $0 }
                    Task { await group?.triggerGracefulShutdown() }
                }
            },
            onReady: { [frames, intervalMilliseconds] in
                Thread {
                    detector.run(frames: frames, intervalMilliseconds: intervalMilliseconds)
                }.start()
            })
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        groupBox.withLock { $0 = group }
        try await group.run()
        report.printSummary(folder: folder)
        if report.failures > 0 { throw ExitCode.failure }
    }

    private func prepareFolder() throws -> String {
        let folder = dir.map(absolutePath) ?? {
            let stamp = Timestamp.now(fractionDigits: 0).replacingOccurrences(of: ":", with: "")
            return "\(NSTemporaryDirectory())saxsd-demo-\(stamp)-\(getpid())"
        }()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return (folder as NSString).standardizingPath
    }
}
