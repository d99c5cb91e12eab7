import Foundation
import Logging
import SAXSPipeline
import ServiceLifecycle
import Synchronization
import UnixSignals

/// `saxsd watch`: watches the configured folders and processes every frame until SIGTERM.
///
/// systemd sees READY=1 once the watches are in place, STATUS= with the counts, WATCHDOG=1 at half the
/// interval it asked for, RELOADING=1 on SIGHUP (a bad new configuration keeps the old one) and STOPPING=1
/// on SIGTERM, after which the frames in flight are finished and nothing partial is left.
public final class WatchService: Service, Sendable {
    private struct Running {
        var configuration: Configuration
        var engine: ProcessingEngine
        var watcher: FolderWatcher
    }

    private let configurationPath: String?
    private let rootsOverride: [String]
    private let logger: Logger
    private let observer: ProcessingEngine.Observer?
    private let notifier = SystemdNotifier()
    private let initial: Configuration
    private let initialSettings: PipelineSettings
    private let running = Mutex<Running?>(nil)
    /// Frames finished by the engines that reloads replaced, so STATUS= counts the whole run.
    private let finishedBefore = Mutex(WorkQueue.Counts())
    /// Invoked once the first watches are in place (the demo starts its detector then).
    private let onReady: (@Sendable () -> Void)?

    /// - Parameters:
    ///   - configuration: already validated, with `settings` its loaded geometry and mask (callers validate
    ///     first so that an invalid file ends the process with exit code 78); `configurationPath` is re-read
    ///     on SIGHUP.
    ///   - rootsOverride: folders given on the command line replace `watch.roots`, also after reloads.
    public init(configuration: Configuration, settings: PipelineSettings, configurationPath: String?,
                rootsOverride: [String] = [], logger: Logger, observer: ProcessingEngine.Observer? = nil,
                onReady: (@Sendable () -> Void)? = nil) {
        self.initial = configuration
        self.initialSettings = settings
        self.configurationPath = configurationPath
        self.rootsOverride = rootsOverride
        self.logger = logger
        self.observer = observer
        self.onReady = onReady
    }

    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            // systemd's watchdog clock runs from the start, not from READY=1: ping while watches are placed.
            group.addTask { [notifier, logger] in await notifier.runWatchdog(logger: logger) }
            let first = try start(effective(initial), settings: initialSettings)
            running.withLock { $0 = first }
            notifyReady(first.configuration)
            onReady?()
            group.addTask { [self] in await reportStatus() }
            group.addTask { [self] in
                for await _ in await UnixSignalsSequence(trapping: .sighup) { reload() }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }

        try? notifier.stopping()
        logger.info("stopping: finishing the frames in flight")
        if let current = running.withLock({ $0.take() }) {
            current.watcher.stop()
            current.engine.stop()
            let counts = total(current.engine.queue.snapshot())
            logger.info("stopped", metadata: ["done": "\(counts.done)", "failed": "\(counts.failed)"])
        }
    }

    private func effective(_ configuration: Configuration) -> Configuration {
        var configuration = configuration
        if !rootsOverride.isEmpty { configuration.watch.roots = rootsOverride }
        return configuration
    }

    /// Counts of the running engine plus those of the engines before it.
    private func total(_ counts: WorkQueue.Counts) -> WorkQueue.Counts {
        var sum = counts
        let before = finishedBefore.withLock { $0 }
        sum.done += before.done
        sum.failed += before.failed
        sum.skipped += before.skipped
        return sum
    }

    /// Starts workers and watcher for an effective configuration whose geometry and mask are loaded.
    private func start(_ configuration: Configuration, settings: PipelineSettings) throws -> Running {
        let pipeline = Pipeline(settings: settings)
        let ledger = Ledger(outputRoot: configuration.output.root)
        let queue = WorkQueue(capacity: configuration.service.queue)
        let settle = Double(configuration.watch.settleMilliseconds) / 1000
        let engine = ProcessingEngine(pipeline: pipeline, ledger: ledger, queue: queue,
                                      workers: configuration.service.workers, retryDelay: max(settle, 0.05),
                                      incompleteTimeout: configuration.watch.incompleteTimeoutSeconds,
                                      logger: logger, observer: observer)
        let options = FolderWatcher.Options(roots: configuration.watch.roots,
                                            filter: WatchFilter(include: configuration.watch.include),
                                            recursive: configuration.watch.recursive, settle: settle,
                                            pollInterval: configuration.watch.pollIntervalSeconds)
        let watcher = try FolderWatcher(options: options, ledger: ledger, logger: logger) { queue.enqueue($0, priority: $1) }
        // Prepare the integrators now rather than on the first frame, whose latency would otherwise include them.
        if let shape = pipeline.settings.geometry.maxShape, case .failure(let error) = pipeline.integrators(for: shape) {
            logger.warning("cannot prepare the integrators for the detector's shape: \(error)")
        }
        engine.start()
        watcher.start()
        logger.info("watching", metadata: ["roots": "\(configuration.watch.roots.joined(separator: ", "))",
                                           "workers": "\(configuration.service.workers)"])
        return Running(configuration: configuration, engine: engine, watcher: watcher)
    }

    /// SIGHUP: re-read the file; only a valid new configuration replaces the running one. The old workers
    /// finish their frames first; the new watcher's catch-up listing takes whatever was still queued.
    private func reload() {
        try? notifier.reloading()
        logger.info("reloading configuration", metadata: ["config": "\(configurationPath ?? "(built-in)")"])
        defer { notifyReady(running.withLock { $0?.configuration }) }
        guard let configurationPath else {
            logger.warning("no configuration file to reload; keeping the built-in configuration")
            return
        }
        let fresh: Configuration
        let settings: PipelineSettings
        do {
            fresh = effective(try Configuration.load(path: configurationPath))
            settings = try fresh.pipelineSettings()
        } catch {
            logger.error("invalid configuration, keeping the previous one: \(error)")
            return
        }
        running.withLock { current in
            guard let old = current else { return }
            old.watcher.stop()
            old.engine.stop()
            let finished = old.engine.queue.snapshot()
            finishedBefore.withLock {
                $0.done += finished.done
                $0.failed += finished.failed
                $0.skipped += finished.skipped
            }
            do {
                current = try start(fresh, settings: settings)
            } catch {
                logger.error("cannot start with the new configuration: \(error); keeping the previous one")
                current = try? start(old.configuration, settings: old.engine.pipelineSettings)
            }
        }
    }

    private func notifyReady(_ configuration: Configuration?) {
        let roots = configuration?.watch.roots.count ?? 0
        try? notifier.ready(status: "watching \(roots) folder(s)")
    }

    private func reportStatus() async {
        var last: WorkQueue.Counts?
        while !Task.isCancelled {
            if let counts = running.withLock({ $0?.engine.queue.snapshot() }).map(total), counts != last {
                last = counts
                try? notifier.status("queued \(counts.queued), in flight \(counts.inFlight), done \(counts.done), failed \(counts.failed)")
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
