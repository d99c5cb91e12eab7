import Foundation
import SAXSPipeline

/// The bounded queue between the watcher and the workers.
///
/// A path is queued at most once and is never handed to two workers at the same time: a path that arrives
/// again while a worker holds it is kept aside and queued once more when that worker finishes (the ledger
/// then decides whether the file really changed). Frames the detector is writing now go before the backlog
/// a catch-up listing found, so live feedback keeps flowing while old frames are worked off. Workers are
/// threads, not tasks: integration is long CPU-bound work that would otherwise block the cooperative pool
/// the rest of the service runs on.
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
        /// Put back with `requeue(_:after:)`: counted when it is finally done.
        case postponed
    }

    public enum Priority: Sendable {
        /// Announced by an event: a frame just written.
        case live
        /// Found by listing a folder: catch-up after downtime, a rescan.
        case backlog
    }

    /// Jobs of one priority in arrival order; entries whose path was already taken through the other lane
    /// are skipped when reached.
    private struct Lane {
        var jobs: [Job] = []
        var head = 0

        var isEmpty: Bool { head == jobs.count }

        mutating func pop() -> Job {
            let job = jobs[head]
            head += 1
            if head > 4096 && head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            return job
        }
    }

    public let capacity: Int
    private let condition = NSCondition()
    private var live = Lane()
    private var backlog = Lane()
    private var queued: [String: Priority] = [:]
    private var inFlight: Set<String> = []
    private var returning: [String: Job] = [:]
    /// Jobs put back to be taken again later (a file its writer has not finished), by path: when (monotonic
    /// seconds) and the job.
    private var waiting: [String: (due: Double, job: Job)] = [:]
    private var closed = false
    private var counts = Counts()

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// False when the queue is full or closed: the caller must arrange a rescan, the job was not taken.
    @discardableResult
    public func enqueue(_ job: Job, priority: Priority = .live) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if closed { return false }
        // News of a file waiting for its writer: look at it now.
        waiting[job.path] = nil
        if let lane = queued[job.path] {
            // A backlog frame the detector just rewrote moves up to the live lane.
            if lane == .backlog && priority == .live {
                queued[job.path] = .live
                live.jobs.append(job)
                condition.signal()
            }
            return true
        }
        if inFlight.contains(job.path) {
            returning[job.path] = job
            return true
        }
        if queued.count >= capacity { return false }
        append(job, priority)
        condition.signal()
        return true
    }

    /// Blocks until a job is available; nil once the queue is closed.
    public func take() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            releaseDueWaiting()
            while queued.isEmpty && !closed {
                if let due = waiting.values.map(\.due).min() {
                    _ = condition.wait(until: Date(timeIntervalSinceNow: max(0, due - Timestamp.monotonic())))
                    releaseDueWaiting()
                } else {
                    condition.wait()
                }
            }
            if closed { return nil }
            let job = live.isEmpty ? backlog.pop() : live.pop()
            // Skip the stale entry of a job that was promoted, or already taken from the other lane.
            guard queued.removeValue(forKey: job.path) != nil else { continue }
            inFlight.insert(job.path)
            return job
        }
    }

    public func finish(_ job: Job, _ outcome: Outcome) {
        condition.lock()
        defer { condition.unlock() }
        inFlight.remove(job.path)
        switch outcome {
        case .done: counts.done += 1
        case .failed: counts.failed += 1
        case .skipped: counts.skipped += 1
        case .postponed: break
        }
        if let again = returning.removeValue(forKey: job.path), !closed {
            append(again, .live)
            condition.signal()
        }
        condition.broadcast()
    }

    /// Takes `job` back to hand it out again after `delay` seconds, unless news of it arrives first (then at
    /// once). Meanwhile it counts as queued, so `waitUntilIdle` waits for it.
    public func requeue(_ job: Job, after delay: Double) {
        condition.lock()
        defer { condition.unlock() }
        if closed || queued[job.path] != nil || returning[job.path] != nil { return }
        waiting[job.path] = (Timestamp.monotonic() + delay, job)
        condition.broadcast()
    }

    private func releaseDueWaiting() {
        guard !waiting.isEmpty else { return }
        let now = Timestamp.monotonic()
        for (path, entry) in waiting where entry.due <= now {
            waiting[path] = nil
            if queued[path] == nil && !inFlight.contains(path) { append(entry.job, .live) }
        }
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
        while !(queued.isEmpty && inFlight.isEmpty && waiting.isEmpty) && !closed {
            if let due = waiting.values.map(\.due).min() {
                _ = condition.wait(until: Date(timeIntervalSinceNow: max(0.01, due - Timestamp.monotonic())))
            } else {
                condition.wait()
            }
        }
        condition.unlock()
    }

    public func snapshot() -> Counts {
        condition.lock()
        defer { condition.unlock() }
        var current = counts
        current.queued = queued.count + waiting.count
        current.inFlight = inFlight.count
        return current
    }

    private func append(_ job: Job, _ priority: Priority) {
        switch priority {
        case .live: live.jobs.append(job)
        case .backlog: backlog.jobs.append(job)
        }
        queued[job.path] = priority
    }
}
