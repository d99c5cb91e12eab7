import Dispatch
import Synchronization

/// Makes a data set's rows on several threads, identically on any number of them: row i depends only on i (its
/// seed streams), each thread keeps its own scratch (`Workspace`, e.g. FFTW buffers) and the rows come back in
/// row order.
///
/// The work runs on Dispatch's threads, not on Swift concurrency's cooperative pool: minutes of simulation there
/// would hold every pool thread and stall whatever else awaits (a service's other tasks, a test runner's tests).
enum DatasetWorkers {
    /// Rows `0..<count` by `make(row, workspace)`. Rows are dealt round-robin: their cost varies with the drawn
    /// parameters but not with the index, so static shares balance as well as a queue would. `progress` is
    /// called, from the workers, with the number of rows done.
    static func map<Workspace, Row: Sendable>(
        count: Int, workers: Int, workspace: @escaping @Sendable () -> Workspace,
        progress: @escaping @Sendable (Int) -> Void, _ make: @escaping @Sendable (Int, Workspace) -> Row
    ) async -> [Row] {
        let done = CompletedCount()
        let threads = min(max(1, workers), max(1, count))
        let results = ResultSlots<Row>(count: count)
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                DispatchQueue.concurrentPerform(iterations: threads) { thread in
                    let scratch = workspace()
                    var rows: [(Int, Row)] = []
                    for row in stride(from: thread, to: count, by: threads) {
                        rows.append((row, make(row, scratch)))
                        progress(done.increment())
                    }
                    results.store(rows)
                }
                finished.resume()
            }
        }
        return results.ordered()
    }
}

/// The rows the workers made, gathered under a lock.
private final class ResultSlots<Row: Sendable>: Sendable {
    private let slots: Mutex<[Row?]>

    init(count: Int) {
        slots = Mutex([Row?](repeating: nil, count: count))
    }

    func store(_ rows: [(Int, Row)]) {
        slots.withLock { slots in for (row, value) in rows { slots[row] = value } }
    }

    func ordered() -> [Row] {
        slots.withLock { $0.map { $0! } }
    }
}

/// Rows finished so far, shared by the tasks (a Mutex in a class, because an escaping task closure cannot capture
/// a non-copyable local).
private final class CompletedCount: Sendable {
    private let count = Mutex(0)

    func increment() -> Int {
        count.withLock { value in
            value += 1
            return value
        }
    }
}
