import Synchronization

/// Makes a data set's rows on several tasks, identically on any number of them: row i depends only on i (its
/// seed streams), each task keeps its own scratch (`Workspace`, e.g. FFTW buffers) and the rows come back in
/// row order.
enum DatasetWorkers {
    /// Rows `0..<count` by `make(row, workspace)`. Rows are dealt round-robin: their cost varies with the drawn
    /// parameters but not with the index, so static shares balance as well as a queue would. `progress` is
    /// called, from the tasks, with the number of rows done.
    static func map<Workspace, Row: Sendable>(
        count: Int, workers: Int, workspace: @escaping @Sendable () -> Workspace,
        progress: @escaping @Sendable (Int) -> Void, _ make: @escaping @Sendable (Int, Workspace) -> Row
    ) async -> [Row] {
        let done = CompletedCount()
        let tasks = min(max(1, workers), max(1, count))
        let chunks = await withTaskGroup(of: [(Int, Row)].self) { group in
            for task in 0..<tasks {
                group.addTask {
                    let scratch = workspace()
                    var rows: [(Int, Row)] = []
                    for row in stride(from: task, to: count, by: tasks) {
                        rows.append((row, make(row, scratch)))
                        progress(done.increment())
                    }
                    return rows
                }
            }
            var all: [[(Int, Row)]] = []
            for await chunk in group { all.append(chunk) }
            return all
        }
        var ordered = [Row?](repeating: nil, count: count)
        for chunk in chunks { for (row, value) in chunk { ordered[row] = value } }
        return ordered.map { $0! }
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
