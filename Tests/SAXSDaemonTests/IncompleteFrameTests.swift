import Foundation
import Logging
import SAXSFrames
import SAXSIntegration
import SAXSPipeline
import SAXSTestSupport
import Synchronization
import Testing
@testable import SAXSDaemon

/// Files shorter than their headers announce: waited for with growing pauses, without holding a worker, then
/// given an error sidecar of kind `incomplete`; processed as usual when the writer finishes in time.
@Suite struct IncompleteFrameTests {
    static let shape = FrameShape(rows: SmallDetector.rows, columns: SmallDetector.columns)

    func engine(timeout: Double, folder: TemporaryFolder) throws -> (ProcessingEngine, WorkQueue) {
        try SmallDetector.poni.write(toFile: folder.file("d.poni"), atomically: false, encoding: .utf8)
        let settings = PipelineSettings(geometry: try Geometry.load(poniPath: folder.file("d.poni")),
                                        integration: IntegrationSettings(npt: 40, split: .no))
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let queue = WorkQueue(capacity: 16)
        let engine = ProcessingEngine(pipeline: Pipeline(settings: settings), ledger: Ledger(outputRoot: ""),
                                      queue: queue, workers: 1, retryDelay: 0.01, incompleteTimeout: timeout,
                                      logger: logger)
        return (engine, queue)
    }

    func frameBytes(_ folder: TemporaryFolder) throws -> Data {
        let path = folder.file("template.fits")
        try FITSWriter().write([Frame(shape: Self.shape, pixels: .init(repeating: 7, count: Self.shape.pixelCount))], to: path)
        defer { unlink(path) }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test func aStalledWriterGetsAnIncompleteSidecarAfterTheTimeout() throws {
        let folder = try TemporaryFolder("stalled")
        let (engine, queue) = try engine(timeout: 0.6, folder: folder)
        let path = folder.file("cut.fits")
        try Data(try frameBytes(folder).prefix(2880 * 4)).write(to: URL(fileURLWithPath: path))
        let started = ProcessInfo.processInfo.systemUptime
        engine.start()
        queue.enqueue(WorkQueue.Job(path: path, root: folder.path))
        queue.waitUntilIdle()
        let waited = ProcessInfo.processInfo.systemUptime - started
        engine.stop()

        let sidecar = try #require(Sidecar.read(path: folder.file("cut.saxs.json")))
        #expect(sidecar.status == .error && sidecar.error?.kind == "incomplete")
        #expect(waited >= 0.55, "waited \(waited) s, the timeout is 0.6 s")
        #expect(waited < 3)
        let counts = queue.snapshot()
        #expect(counts.failed == 1 && counts.done == 0 && counts.skipped == 0, "\(counts)")
    }

    @Test func aWriterThatFinishesInTimeGivesAnOrdinaryResultAndTheWorkerStaysFree() throws {
        let folder = try TemporaryFolder("slow")
        let (engine, queue) = try engine(timeout: 10, folder: folder)
        let bytes = try frameBytes(folder)
        let slow = folder.file("slow.fits")
        try Data(bytes.prefix(2880 * 2)).write(to: URL(fileURLWithPath: slow))
        let quick = folder.file("quick.fits")
        try bytes.write(to: URL(fileURLWithPath: quick))
        engine.start()
        queue.enqueue(WorkQueue.Job(path: slow, root: folder.path))
        queue.enqueue(WorkQueue.Job(path: quick, root: folder.path))

        // The one worker handles the complete frame while the short one waits in the queue.
        let deadline = Date().addingTimeInterval(5)
        while Sidecar.read(path: folder.file("quick.saxs.json")) == nil && Date() < deadline { usleep(5_000) }
        #expect(Sidecar.read(path: folder.file("quick.saxs.json"))?.status == .ok)
        #expect(Sidecar.read(path: folder.file("slow.saxs.json")) == nil)

        try bytes.write(to: URL(fileURLWithPath: slow))
        queue.waitUntilIdle()
        engine.stop()
        #expect(Sidecar.read(path: folder.file("slow.saxs.json"))?.status == .ok)
        #expect(queue.snapshot().done == 2)
    }

    @Test func aRequeuedJobComesBackAfterItsPauseOrAtOnceOnNews() throws {
        let queue = WorkQueue(capacity: 4)
        let job = WorkQueue.Job(path: "/data/a", root: "/data")
        queue.enqueue(job)
        let taken = try #require(queue.take())
        queue.requeue(taken, after: 0.3)
        queue.finish(taken, .postponed)
        #expect(queue.snapshot().queued == 1)
        let started = ProcessInfo.processInfo.systemUptime
        #expect(queue.take() == job)
        #expect(ProcessInfo.processInfo.systemUptime - started >= 0.28)
        queue.requeue(job, after: 30)
        queue.finish(job, .postponed)
        queue.enqueue(job)
        let again = ProcessInfo.processInfo.systemUptime
        #expect(queue.take() == job)
        #expect(ProcessInfo.processInfo.systemUptime - again < 1, "news of the file cuts the pause short")
        queue.finish(job, .done)
        #expect(queue.snapshot() == WorkQueue.Counts(queued: 0, inFlight: 0, done: 1, failed: 0, skipped: 0))
    }
}
