import ArgumentParser
import Foundation
import Logging
import SAXSDaemon
import SAXSFrames
import SAXSPipeline
import Synchronization

struct Process: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Process files or folders once, then exit (exit 1 if any frame failed).",
        discussion: """
            Folders are searched recursively for files matching watch.include. Frames whose sidecars are \
            current are skipped unless --force is given. --shard K/N processes the K-th of N disjoint parts \
            (K from 1 to N), so N cluster jobs can share one experiment.
            """
    )

    @Option(help: "Configuration file (default: /etc/saxsd/saxsd.toml when it exists).")
    var config: String?

    @Flag(help: "Process frames even when their sidecars are current.")
    var force = false

    @Option(help: "Process only part K of N (e.g. 2/8).", transform: Shard.init(parsing:))
    var shard: Shard?

    @Argument(help: "Frame files or folders.")
    var paths: [String]

    func run() throws {
        LoggingSetup.bootstrap(level: .warning)
        let logger = Logger(label: "saxsd")
        let configuration = try ConfigurationLoader.loadOptional(config)
        let settings = try ConfigurationLoader.pipelineSettings(configuration)
        let filter = WatchFilter(include: configuration.watch.include)

        var jobs: [WorkQueue.Job] = []
        for path in paths.map(absolutePath) {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                StandardError.line("saxsd: \(path): no such file or folder")
                throw ExitCode.failure
            }
            if isFolder.boolValue {
                jobs += Self.frames(under: path, filter: filter, recursive: configuration.watch.recursive)
            } else {
                jobs.append(WorkQueue.Job(path: path, root: (path as NSString).deletingLastPathComponent))
            }
        }
        if let shard { jobs = jobs.filter { shard.contains($0.path) } }

        let progress = Progress(total: jobs.count)
        let queue = WorkQueue(capacity: max(1, jobs.count))
        let engine = ProcessingEngine(
            pipeline: Pipeline(settings: settings), ledger: Ledger(outputRoot: configuration.output.root),
            queue: queue, workers: configuration.service.workers, force: force,
            retryDelay: Double(configuration.watch.settleMilliseconds) / 1000 + 0.05,
            incompleteTimeout: configuration.watch.incompleteTimeoutSeconds, logger: logger,
            observer: { job, outcome, _ in progress.record(job, outcome) })
        let started = Date()
        engine.start()
        for job in jobs { queue.enqueue(job) }
        queue.waitUntilIdle()
        engine.stop()
        progress.finish()

        let counts = queue.snapshot()
        let seconds = Date().timeIntervalSince(started)
        print("\(jobs.count) file(s): \(counts.done) processed, \(counts.skipped) already current, \(counts.failed) failed"
              + " in \(String(format: "%.1f", seconds)) s")
        if counts.failed > 0 { throw ExitCode.failure }
    }

    static func frames(under root: String, filter: WatchFilter, recursive: Bool) -> [WorkQueue.Job] {
        var found: [WorkQueue.Job] = []
        func walk(_ folder: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for name in names.sorted() {
                let path = "\(folder)/\(name)"
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue {
                    if recursive && !name.hasPrefix(".") { walk(path) }
                } else if filter.accepts(name: name) {
                    found.append(WorkQueue.Job(path: path, root: root))
                }
            }
        }
        walk(root)
        return found
    }
}

/// `K/N`: a stable split of the files, by a hash of each path, so a file lands in the same shard however
/// the listing order changes between jobs.
struct Shard: Sendable {
    var index: Int
    var count: Int

    init(parsing text: String) throws {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else {
            throw ValidationError("--shard wants K/N with 1 <= K <= N, e.g. 1/4; got \(text)")
        }
        index = k - 1
        count = n
    }

    func contains(_ path: String) -> Bool {
        var hash = FNV1a()
        hash.add(path)
        return Int(hash.value % UInt64(count)) == index
    }
}

/// A one-line progress report on a terminal; silent when stderr is a file or pipe (batch jobs).
final class Progress: Sendable {
    private struct State {
        var finished = 0
        var failed = 0
    }

    private let total: Int
    private let state = Mutex(State())
    private let interactive = isatty(2) == 1

    init(total: Int) {
        self.total = total
    }

    func record(_ job: WorkQueue.Job, _ outcome: FileOutcome) {
        let line = state.withLock { state -> String in
            state.finished += 1
            if outcome.failed { state.failed += 1 }
            let name = (job.path as NSString).lastPathComponent
            return "\r[\(state.finished)/\(total)] \(state.failed) failed  \(name)\u{1B}[K"
        }
        if case .processed(let frames) = outcome {
            for frame in frames where frame.status == .error {
                StandardError.line("\(interactive ? "\r\u{1B}[K" : "")\(frame.source): \(frame.error?.kind ?? "error"): \(frame.error?.message ?? "")")
            }
        } else if case .writeFailed(let error) = outcome {
            StandardError.line("\(interactive ? "\r\u{1B}[K" : "")\(error)")
        }
        if interactive { StandardError.write(line) }
    }

    func finish() {
        if interactive { StandardError.write("\r\u{1B}[K") }
    }
}
