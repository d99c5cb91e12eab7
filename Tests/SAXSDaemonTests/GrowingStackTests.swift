import Foundation
import Logging
import SAXSFrames
import SAXSIntegration
import SAXSPipeline
import SAXSTestSupport
import Synchronization
import Testing
@testable import SAXSDaemon

/// An Eiger-style HDF5 stack written frame by frame in SWMR mode, its writer never closing the file between
/// frames: watcher, queue and pipeline together must give every frame its sidecar as it arrives, once.
@Suite struct GrowingStackTests {
    static let shape = FrameShape(rows: SmallDetector.rows, columns: SmallDetector.columns)

    static func frame(_ index: Int) -> Frame {
        Frame(shape: shape, pixels: (0..<shape.pixelCount).map { Double(20 + ($0 * (index + 5)) % 23) }, index: index)
    }

    @Test func framesAppendedWhileTheWriterHoldsTheFileOpenAreProcessedAsTheyArriveAndOnce() throws {
        let folder = try TemporaryFolder("growing")
        try SmallDetector.poni.write(toFile: folder.file("d.poni"), atomically: false, encoding: .utf8)
        let data = try folder.folder("data")
        let settings = PipelineSettings(geometry: try Geometry.load(poniPath: folder.file("d.poni")),
                                        integration: IntegrationSettings(npt: 40, split: .no))
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let processed = Mutex<[Int?]>([])
        let queue = WorkQueue(capacity: 64)
        let ledger = Ledger(outputRoot: "")
        let engine = ProcessingEngine(pipeline: Pipeline(settings: settings), ledger: ledger, queue: queue, workers: 2,
                                      retryDelay: 0.02, incompleteTimeout: 30, logger: logger) { _, outcome, _ in
            if case .processed(let frames) = outcome { processed.withLock { $0 += frames.map(\.frame) } }
        }
        let watcher = try FolderWatcher(
            options: .init(roots: [data], filter: WatchFilter(include: ["*.h5"]), recursive: true, settle: 0.05,
                           pollInterval: 0),
            ledger: ledger, logger: logger) { queue.enqueue($0, priority: $1) }
        engine.start()
        watcher.start()
        defer {
            watcher.stop()
            engine.stop()
        }

        let path = "\(data)/series_data_000001.h5"
        let location = SidecarLocation(source: path, root: data, outputRoot: "")
        func sidecar(_ frame: Int) -> Sidecar? {
            Sidecar.read(path: location.path(frame: frame, suffix: SidecarLocation.jsonSuffix))
        }
        func waitFor(_ frame: Int) -> Bool {
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                if sidecar(frame) != nil { return true }
                usleep(10_000)
            }
            return false
        }

        var appender = try HDF5Writer(pixelType: .uint32, compression: .bitshuffleLZ4).startStack(at: path, shape: Self.shape)
        for index in 0..<2 { try appender.append(Self.frame(index)) }
        // The frames so far are processed while the writer still holds the file.
        #expect(waitFor(1), "frames 0 and 1 while the file is open")
        for index in 2..<5 {
            try appender.append(Self.frame(index))
            #expect(waitFor(index), "frame \(index) as it arrives")
        }
        try appender.close()
        usleep(500_000)
        queue.waitUntilIdle()

        for index in 0..<5 {
            let result = try #require(sidecar(index))
            #expect(result.status == .ok, "\(index): \(String(describing: result.error))")
            #expect(result.source.format == "hdf5")
        }
        let counted = processed.withLock { $0 }
        #expect(counted.sorted { ($0 ?? -1) < ($1 ?? -1) } == [0, 1, 2, 3, 4], "each frame once: \(counted)")
        #expect(ledger.isDone(path: path, root: data))
        #expect(!FileManager.default.fileExists(atPath: location.path(frame: nil, suffix: SidecarLocation.jsonSuffix)),
                "no single-frame sidecar for a stack that held one frame for a moment")
    }
}
