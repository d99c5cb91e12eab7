import Foundation
import Logging
import SAXSFrames
import SAXSPipeline
import Synchronization

/// Watches folder trees with inotify and reports every frame that is new or changed.
///
/// One thread owns the inotify descriptor, the watch table and the settle timers, so none of them needs
/// a lock. What it guarantees:
/// - a folder is watched before it is listed, so a frame written into a brand-new folder is seen either by
///   the listing or by an event (possibly both; the queue and the ledger absorb duplicates);
/// - a file renamed into place (write-then-rename writers) is complete and reported at once; so is a file
///   closed after writing whose format shows it complete (a FITS file holding every byte its headers
///   announce); any other closed file waits `settle` seconds of quiet, for writers that close and reopen;
/// - when the kernel's event queue overflows, or the work queue was full, every root is listed again and
///   the ledger skips what is already done.
public final class FolderWatcher: Sendable {
    public struct Options: Sendable {
        public var roots: [String]
        public var filter: WatchFilter
        public var recursive: Bool
        public var settle: Double
        public var pollInterval: Double
        /// Judges whether a closed file is complete.
        public var frames: FrameFile

        public init(roots: [String], filter: WatchFilter, recursive: Bool, settle: Double, pollInterval: Double,
                    frames: FrameFile = FrameFile()) {
            self.roots = roots
            self.filter = filter
            self.recursive = recursive
            self.settle = settle
            self.pollInterval = pollInterval
            self.frames = frames
        }
    }

    /// Receives each frame to process, live (an event) or backlog (a listing); returns false when it could
    /// not take it (queue full), which makes the watcher rescan later.
    public typealias Sink = @Sendable (WorkQueue.Job, WorkQueue.Priority) -> Bool

    private struct Commands {
        var rescan = false
        var stop = false
    }

    private let loop: Mutex<WatchLoop?>
    private let commands = Mutex(Commands())
    private let wakeRead: Int32
    private let wakeWrite: Int32
    /// Whether the thread was started and not yet joined.
    private let threadRunning = Mutex<Bool>(false)
    private let exited = DispatchSemaphore(value: 0)

    public init(options: Options, ledger: Ledger, logger: Logger, sink: @escaping Sink) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw Inotify.Failure(operation: "create wake-up pipe", code: errno) }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        loop = Mutex(try WatchLoop(options: options, ledger: ledger, logger: logger, sink: sink))
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    /// Places the watches on every root and lists them (catch-up after downtime), then returns: when this
    /// returns, no later write can be missed. Events are handled on a thread of the watcher's own.
    public func start() {
        guard var state = loop.withLock({ $0.take() }) else { return }
        state.initialScan()
        let box = LoopBox(state)
        let worker = Thread { [self] in
            run(box.loop)
            exited.signal()
        }
        worker.name = "saxsd-watch"
        threadRunning.withLock { $0 = true }
        worker.start()
    }

    /// Lists every root again (SIGHUP, a drained work queue after it overflowed).
    public func requestRescan() {
        commands.withLock { $0.rescan = true }
        wake()
    }

    /// Stops the thread and waits for it. Settling files are dropped: their sidecars are missing, so the
    /// next start takes them.
    public func stop() {
        commands.withLock { $0.stop = true }
        wake()
        let running = threadRunning.withLock { running in
            defer { running = false }
            return running
        }
        if running { exited.wait() }
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    private func run(_ state: WatchLoop) {
        var state = state
        var fds = [pollfd(fd: state.inotify.descriptor, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        while true {
            let timeout = state.millisecondsUntilNextDeadline()
            _ = poll(&fds, 2, timeout)
            if fds[1].revents != 0 {
                var drain = [UInt8](repeating: 0, count: 64)
                while read(wakeRead, &drain, drain.count) > 0 {}
            }
            let command = commands.withLock { current -> Commands in
                defer { current.rescan = false }
                return current
            }
            if command.stop { return }
            if fds[0].revents != 0 { state.handleEvents() }
            if command.rescan { state.rescan(reason: "requested") }
            state.fireDueDeadlines()
        }
    }
}

/// Moves the loop state into the thread that alone will use it.
private final class LoopBox: @unchecked Sendable {
    let loop: WatchLoop
    init(_ loop: WatchLoop) { self.loop = loop }
}
