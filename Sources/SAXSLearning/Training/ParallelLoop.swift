import Dispatch
import Synchronization

/// Runs independent pieces of training work on several threads. Pieces are handed out one at a time from a
/// shared counter, so a thread that finishes early takes the next one; each piece writes only its own results,
/// which is why the model never depends on how many threads there were or which one ran what.
enum ParallelLoop {
    static func forEach(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        let workers = min(max(threads, 1), count)
        guard workers > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                body(index)
            }
        }
    }
}
