import Benchmark
import Foundation
import Logging
import SAXSDaemon
import SAXSFrames
import SAXSIntegration
import SAXSPipeline
import Synchronization

/// End-to-end latency of the service on the Pilatus 1M reference frame: from the moment a frame is in place
/// (renamed in, or closed after writing) to the moment its `.saxs.json` is renamed into place. The watcher,
/// queue, worker threads, pipeline and atomic writes are the service's own; only the detector is this file.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock], timeUnits: .milliseconds,
                                           maxDuration: .seconds(20), maxIterations: 60)

    Benchmark("Latency frame renamed in -> sidecar (Pilatus 1M, bbox)") { benchmark in
        let rig = LatencyRig.shared(split: .bbox, settleMilliseconds: 50)
        for _ in benchmark.scaledIterations {
            rig.deliver(benchmark, byRename: true)
        }
    }

    Benchmark("Latency frame renamed in -> sidecar (Pilatus 1M, no splitting)") { benchmark in
        let rig = LatencyRig.shared(split: .no, settleMilliseconds: 50)
        for _ in benchmark.scaledIterations {
            rig.deliver(benchmark, byRename: true)
        }
    }

    // Closed after writing: complete by its FITS headers, so settle_ms does not apply.
    Benchmark("Latency frame closed -> sidecar (Pilatus 1M, bbox, settle_ms 50)") { benchmark in
        let rig = LatencyRig.shared(split: .bbox, settleMilliseconds: 50)
        for _ in benchmark.scaledIterations {
            rig.deliver(benchmark, byRename: false)
        }
    }
}

final class LatencyRig: Sendable {
    private static let rigs = Mutex<[String: LatencyRig]>([:])

    static func shared(split: PixelSplitting, settleMilliseconds: Int) -> LatencyRig {
        rigs.withLock { rigs in
            let key = "\(split.rawValue)-\(settleMilliseconds)"
            if let rig = rigs[key] { return rig }
            let rig = try! LatencyRig(split: split, settleMilliseconds: settleMilliseconds)
            rigs[key] = rig
            return rig
        }
    }

    /// `../shared` beside the checkout; this file is Benchmarks/Benchmarks/Latency/Latency.swift.
    static let referenceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/reference/pyfai")

    private let folder: String
    private let frameBytes: Data
    private let done = DispatchSemaphore(value: 0)
    private let counter = Mutex(0)
    private let watcher: FolderWatcher
    private let engine: ProcessingEngine

    init(split: PixelSplitting, settleMilliseconds: Int) throws {
        folder = NSTemporaryDirectory() + "saxsd-latency-\(split.rawValue)-\(getpid())"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        frameBytes = try Data(contentsOf: Self.referenceFolder.appendingPathComponent("pilatus1m_frame.fits"))

        let geometry = try Geometry.load(poniPath: Self.referenceFolder.appendingPathComponent("pilatus1m.poni").path)
        let mask = try DetectorMask.load(path: Self.referenceFolder.appendingPathComponent("pilatus1m_mask.fits").path)
        let settings = PipelineSettings(geometry: geometry, mask: mask,
                                        integration: IntegrationSettings(npt: 1000, unit: .qNm, split: split, polarization: 0.99))
        let pipeline = Pipeline(settings: settings)
        _ = pipeline.integrators(for: FrameShape(rows: 1043, columns: 981))
        var logger = Logger(label: "saxsd.benchmark")
        logger.logLevel = .error
        let queue = WorkQueue(capacity: 1024)
        let done = self.done
        engine = ProcessingEngine(pipeline: pipeline, ledger: Ledger(outputRoot: ""), queue: queue, workers: 2,
                                  retryDelay: 0.05, logger: logger) { _, _, _ in done.signal() }
        watcher = try FolderWatcher(
            options: .init(roots: [folder], filter: WatchFilter(include: ["*.fits"]), recursive: true,
                           settle: Double(settleMilliseconds) / 1000, pollInterval: 0),
            ledger: Ledger(outputRoot: ""), logger: logger) { queue.enqueue($0, priority: $1) }
        engine.start()
        watcher.start()
    }

    /// Writes one frame and waits for its sidecars; only the time from "in place" to "sidecar in place" counts.
    func deliver(_ benchmark: Benchmark, byRename: Bool) {
        let index = counter.withLock { $0 += 1; return $0 }
        let final = "\(folder)/frame_\(index).fits"
        if byRename {
            let temporary = "\(folder)/.frame_\(index).fits.part"
            try? frameBytes.write(to: URL(fileURLWithPath: temporary))
            benchmark.startMeasurement()
            rename(temporary, final)
        } else {
            let fd = open(final, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            frameBytes.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
            benchmark.startMeasurement()
            close(fd)
        }
        done.wait()
        benchmark.stopMeasurement()
    }
}
