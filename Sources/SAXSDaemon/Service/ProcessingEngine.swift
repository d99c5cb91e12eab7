import Foundation
import Logging
import SAXSPipeline
import Synchronization

/// Worker threads that take jobs from the queue, ask the ledger, run the pipeline and report.
public final class ProcessingEngine: Sendable {
    /// Called on the worker thread after each file, with the monotonic time its sidecars were in place.
    public typealias Observer = @Sendable (WorkQueue.Job, FileOutcome, Double) -> Void

    public let queue: WorkQueue
    private let pipeline: Pipeline
    public var pipelineSettings: PipelineSettings { pipeline.settings }
    private let ledger: Ledger
    private let workers: Int
    private let force: Bool
    private let retryDelay: Double
    private let incompleteTimeout: Double
    /// Files shorter than their headers announce, by path: when first seen so (monotonic seconds) and how
    /// many times they were looked at since.
    private let incomplete = Mutex<[String: (since: Double, attempts: Int)]>([:])
    private let logger: Logger
    private let observer: Observer?
    private let exited = DispatchSemaphore(value: 0)

    /// - Parameters:
    ///   - force: process even what the ledger holds as done (`saxsd process --force`).
    ///   - retryDelay: how long a file that changed while being read waits before it is read again.
    ///   - incompleteTimeout: how long a file shorter than its headers announce is waited for before it gets an
    ///     error sidecar of kind `incomplete`.
    public init(pipeline: Pipeline, ledger: Ledger, queue: WorkQueue, workers: Int, force: Bool = false,
                retryDelay: Double, incompleteTimeout: Double = 30, logger: Logger, observer: Observer? = nil) {
        self.pipeline = pipeline
        self.ledger = ledger
        self.queue = queue
        self.workers = max(1, workers)
        self.force = force
        self.retryDelay = retryDelay
        self.incompleteTimeout = incompleteTimeout
        self.logger = logger
        self.observer = observer
    }

    public func start() {
        for index in 0..<workers {
            let thread = Thread { [self] in
                while let job = queue.take() {
                    queue.finish(job, handle(job))
                }
                exited.signal()
            }
            thread.name = "saxsd-worker-\(index)"
            thread.stackSize = 4 << 20
            thread.start()
        }
    }

    /// Lets the frames in flight finish (their sidecars are complete), drops what is still queued, and
    /// waits for every worker to exit.
    public func stop() {
        queue.close()
        for _ in 0..<workers { exited.wait() }
    }

    private func handle(_ job: WorkQueue.Job) -> WorkQueue.Outcome {
        let waitingSince = incomplete.withLock { $0[job.path]?.since }
        let waitForWriter = Timestamp.monotonic() - (waitingSince ?? Timestamp.monotonic()) < incompleteTimeout
        var outcome = force || !ledger.isDone(path: job.path, root: job.root)
            ? pipeline.process(path: job.path, root: job.root, waitForWriter: waitForWriter, resume: !force) : .upToDate
        // A writer still at work: wait for quiet on this worker (a thread of its own, so nothing else
        // stalls) rather than requeue, so `saxsd process` cannot finish before the file is done.
        var attempts = 1
        while case .changedWhileReading = outcome, attempts < Self.maximumAttempts {
            logger.debug("frame changed while it was read; reading it again", metadata: ["frame": "\(job.path)"])
            usleep(useconds_t(retryDelay * 1_000_000))
            outcome = pipeline.process(path: job.path, root: job.root, waitForWriter: waitForWriter, resume: !force)
            attempts += 1
        }
        if case .incomplete = outcome {
            postpone(job)
            return .postponed
        }
        incomplete.withLock { $0[job.path] = nil }
        let finished = Timestamp.monotonic()
        defer { observer?(job, outcome, finished) }
        switch outcome {
        case .upToDate:
            return .skipped
        case .processed(let frames):
            for frame in frames { log(frame) }
            return outcome.failed ? .failed : .done
        case .changedWhileReading:
            // Its writer's next close brings it back; a rescan would too.
            logger.warning("frame kept changing while it was read; waiting for its writer", metadata: ["frame": "\(job.path)"])
            return .skipped
        case .incomplete:
            return .postponed
        case .vanished:
            logger.debug("frame vanished before it was read", metadata: ["frame": "\(job.path)"])
            return .skipped
        case .writeFailed(let error):
            logger.error("cannot write sidecar: \(error)", metadata: ["frame": "\(job.path)"])
            return .failed
        }
    }

    static let maximumAttempts = 20

    /// Back to the queue after a pause that doubles from 50 ms up to 2 s, the last one ending at the timeout so
    /// that the error sidecar comes on time. Waiting in the queue rather than on this thread keeps the worker
    /// free for the frames that are complete.
    private func postpone(_ job: WorkQueue.Job) {
        let now = Timestamp.monotonic()
        let (since, attempts) = incomplete.withLock { waiting in
            let entry = waiting[job.path] ?? (now, 0)
            waiting[job.path] = (entry.since, entry.attempts + 1)
            return entry
        }
        let pause = min(0.05 * Double(1 << min(attempts, 10)), 2, max(0, since + incompleteTimeout - now))
        logger.debug("frame is not complete yet; looking again later",
                     metadata: ["frame": "\(job.path)", "after_s": "\(pause)"])
        queue.requeue(job, after: pause)
    }

    private func log(_ frame: FrameOutcome) {
        var metadata: Logger.Metadata = [
            "frame": "\(frame.source)",
            "sidecar": "\(frame.sidecar)",
            "status": "\(frame.status.rawValue)",
        ]
        if let index = frame.frame { metadata["index"] = "\(index)" }
        if let total = frame.timingMs["total"] { metadata["ms"] = "\(String(format: "%.1f", total))" }
        if let error = frame.error {
            metadata["error_kind"] = "\(error.kind)"
            logger.warning("frame failed: \(error.message)", metadata: metadata)
        } else {
            metadata["points"] = "\(frame.points)"
            logger.info("frame processed", metadata: metadata)
        }
    }
}
