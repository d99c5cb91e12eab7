import Foundation
import Synchronization
import Testing
@testable import SAXSDaemon

@Suite struct WorkQueueTests {
    func job(_ name: String) -> WorkQueue.Job { WorkQueue.Job(path: "/data/\(name)", root: "/data") }

    @Test func aQueuedPathIsQueuedOnce() {
        let queue = WorkQueue(capacity: 10)
        #expect(queue.enqueue(job("a")))
        #expect(queue.enqueue(job("a")))
        #expect(queue.snapshot().queued == 1)
    }

    @Test func fullQueueRefuses() {
        let queue = WorkQueue(capacity: 2)
        #expect(queue.enqueue(job("a")))
        #expect(queue.enqueue(job("b")))
        #expect(!queue.enqueue(job("c")))
        #expect(queue.snapshot().queued == 2)
    }

    @Test func aPathInFlightIsNotHandedOutTwiceButComesBackOnce() throws {
        let queue = WorkQueue(capacity: 10)
        queue.enqueue(job("a"))
        let first = try #require(queue.take())
        queue.enqueue(job("a"))
        queue.enqueue(job("a"))
        #expect(queue.snapshot().queued == 0)
        #expect(queue.snapshot().inFlight == 1)
        queue.finish(first, .done)
        #expect(queue.snapshot().queued == 1)
        let again = try #require(queue.take())
        #expect(again == first)
        queue.finish(again, .skipped)
        #expect(queue.snapshot() == WorkQueue.Counts(queued: 0, inFlight: 0, done: 1, failed: 0, skipped: 1))
    }

    @Test func liveFramesGoBeforeTheBacklog() throws {
        let queue = WorkQueue(capacity: 10)
        queue.enqueue(job("old1"), priority: .backlog)
        queue.enqueue(job("old2"), priority: .backlog)
        queue.enqueue(job("new"), priority: .live)
        // A backlog frame rewritten by the detector is promoted, and taken once only.
        queue.enqueue(job("old2"), priority: .live)
        var order: [String] = []
        while queue.snapshot().queued > 0, let next = queue.take() {
            order.append((next.path as NSString).lastPathComponent)
            queue.finish(next, .done)
        }
        #expect(order == ["new", "old2", "old1"])
        #expect(queue.snapshot().done == 3)
    }

    @Test func closeReleasesWaitingWorkers() {
        let queue = WorkQueue(capacity: 4)
        let result = Mutex<WorkQueue.Job??>(nil)
        let done = DispatchSemaphore(value: 0)
        // A thread, not a task: take() blocks, and blocking the cooperative pool would stall other tests.
        Thread {
            let job = queue.take()
            result.withLock { $0 = .some(job) }
            done.signal()
        }.start()
        usleep(20_000)
        queue.close()
        #expect(done.wait(timeout: .now() + 5) == .success)
        #expect(result.withLock { $0 } == .some(nil))
        #expect(!queue.enqueue(job("late")))
    }

    @Test func concurrentWorkersNeverShareAPath() {
        let queue = WorkQueue(capacity: 10_000)
        let holding = Mutex<Set<String>>([])
        let clashes = Mutex(0)
        let exited = DispatchSemaphore(value: 0)
        for _ in 0..<4 {
            Thread {
                while let j = queue.take() {
                    holding.withLock { if !$0.insert(j.path).inserted { clashes.withLock { $0 += 1 } } }
                    usleep(200)
                    holding.withLock { _ = $0.remove(j.path) }
                    queue.finish(j, .done)
                }
                exited.signal()
            }.start()
        }
        for i in 0..<200 { queue.enqueue(job("f\(i % 50)")) }
        queue.waitUntilIdle()
        queue.close()
        for _ in 0..<4 { #expect(exited.wait(timeout: .now() + 10) == .success) }
        #expect(clashes.withLock { $0 } == 0)
        #expect(queue.snapshot().done >= 50)
    }
}
