import Foundation

/// The bounded queue between the watcher and the workers.
///
/// A path is queued at most once and is never handed to two workers at the same time: a path that arrives
/// again while a worker holds it is kept aside and queued once more when that worker finishes (the ledger
/// then decides whether the file really changed). Workers are threads, not tasks: integration is long
/// CPU-bound work that would otherwise block the cooperative pool the rest of the service runs on.
public final class WorkQueue: @unchecked Sendable {
    public struct Job: Hashable, Sendable {
        public var path: String
        /// The watched or processed folder the file was found under (decides mirrored output paths).
        public var root: String?

        public init(path: String, root: String?) {
            self.path = path
            self.root = root
        }
    }

    public struct Counts: Sendable, Equatable {
        public var queued = 0
        public var inFlight = 0
        public var done = 0
        public var failed = 0
        public var skipped = 0
    }

    public enum Outcome: Sendable {
        case done, failed, skipped
    }

    public let capacity: Int
    private let condition = NSCondition()
    private var pending: [Job] = []
    private var head = 0
    private var queued: Set<String> = []
    private var inFlight: Set<String> = []
    private var returning: [String: Job] = [:]
    private var closed = false
    private var counts = Counts()

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// False when the queue is full or closed: the caller must arrange a rescan, the job was not taken.
    @discardableResult
    public func enqueue(_ job: Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if closed { return false }
        if queued.contains(job.path) { return true }
        if inFlight.contains(job.path) {
            returning[job.path] = job
            return true
        }
        if queued.count >= capacity { return false }
        append(job)
        condition.signal()
        return true
    }

    /// Blocks until a job is available; nil once the queue is closed.
    public func take() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while head == pending.count && !closed {
            condition.wait()
        }
        if closed { return nil }
        let job = pending[head]
        head += 1
        if head > 4096 && head * 2 > pending.count {
            pending.removeFirst(head)
            head = 0
        }
        queued.remove(job.path)
        inFlight.insert(job.path)
        return job
    }

    public func finish(_ job: Job, _ outcome: Outcome) {
        condition.lock()
        defer { condition.unlock() }
        inFlight.remove(job.path)
        switch outcome {
        case .done: counts.done += 1
        case .failed: counts.failed += 1
        case .skipped: counts.skipped += 1
        }
        if let again = returning.removeValue(forKey: job.path), !closed {
            append(again)
            condition.signal()
        }
        condition.broadcast()
    }

    /// Stops handing out jobs. Jobs still queued stay unprocessed: their sidecars are missing, so the next
    /// start's catch-up scan takes them.
    public func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until no job is queued or in flight (used by `saxsd process`).
    public func waitUntilIdle() {
        condition.lock()
        while !(head == pending.count && inFlight.isEmpty) && !closed {
            condition.wait()
        }
        condition.unlock()
    }

    public func snapshot() -> Counts {
        condition.lock()
        defer { condition.unlock() }
        var current = counts
        current.queued = pending.count - head
        current.inFlight = inFlight.count
        return current
    }

    private func append(_ job: Job) {
        pending.append(job)
        queued.insert(job.path)
    }
}
