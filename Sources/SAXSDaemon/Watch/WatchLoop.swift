import Foundation
import Logging
import SAXSPipeline

/// The watcher thread's state: inotify descriptor, watch table, settle timers. Used by one thread only.
struct WatchLoop {
    let options: FolderWatcher.Options
    let ledger: Ledger
    let logger: Logger
    let sink: FolderWatcher.Sink
    let inotify: Inotify

    private var folders: [Int32: (path: String, root: String)] = [:]
    private var missingRoots: Set<String> = []
    /// Files waiting for their quiet time, by path: deadline (monotonic seconds), root, and whether the file
    /// is still open for writing (seen modified, not yet closed), when it is offered only once complete.
    private var settling: [String: (deadline: Double, root: String, open: Bool)] = [:]
    private var nextPoll: Double = .infinity
    private var nextMissingRootCheck: Double = .infinity
    /// Set when the work queue refused a job: the next due rescan picks it up again.
    private var owesRescan = false
    private var nextOwedRescan: Double = .infinity

    init(options: FolderWatcher.Options, ledger: Ledger, logger: Logger, sink: @escaping FolderWatcher.Sink) throws {
        self.options = options
        self.ledger = ledger
        self.logger = logger
        self.sink = sink
        self.inotify = try Inotify()
    }

    mutating func initialScan() {
        // The watched roots are cleaned as they are listed; a mirrored output tree is not listed otherwise.
        if !ledger.outputRoot.isEmpty {
            removeAbandonedTemporaries(under: ledger.outputRoot)
        }
        rescan(reason: "start")
        schedulePoll()
    }

    mutating func rescan(reason: String) {
        var seen = 0
        for root in options.roots {
            guard isFolder(root) else {
                if !missingRoots.contains(root) {
                    logger.warning("watched folder does not exist (yet); checking again every 2 s",
                                   metadata: ["root": "\(root)"])
                }
                missingRoots.insert(root)
                continue
            }
            missingRoots.remove(root)
            seen += walk(root, root: root, listFiles: true)
        }
        nextMissingRootCheck = missingRoots.isEmpty ? .infinity : Timestamp.monotonic() + 2
        logger.debug("listed watched folders", metadata: ["reason": "\(reason)", "files": "\(seen)"])
    }

    /// Watches `folder` (and, when recursive, every folder below it) before listing it, then offers each
    /// frame found that the ledger does not already hold.
    @discardableResult
    private mutating func walk(_ folder: String, root: String, listFiles: Bool) -> Int {
        do {
            let wd = try inotify.addWatch(folder)
            folders[wd] = (folder, root)
        } catch {
            logger.error("cannot watch folder: \(error)", metadata: ["folder": "\(folder)"])
        }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return 0 }
        var found = 0
        let now = Date().timeIntervalSince1970
        for name in entries.sorted() {
            let path = folder == "/" ? "/\(name)" : "\(folder)/\(name)"
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let type = info.st_mode & S_IFMT
            if type == S_IFREG && AtomicFile.isAbandoned(name: name) {
                removeAbandoned(path)
                continue
            }
            if type == S_IFDIR {
                if options.recursive && !name.hasPrefix(".") { found += walk(path, root: root, listFiles: listFiles) }
                continue
            }
            guard listFiles, options.filter.accepts(name: name) else { continue }
            found += 1
            if ledger.isDone(path: path, root: root) { continue }
            let age = now - (Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) * 1e-9)
            // A file modified within the quiet time may still be being written.
            if age < options.settle {
                settleUnlessComplete(path, root: root)
            } else {
                offer(path, root: root, .backlog)
            }
        }
        return found
    }

    mutating func handleEvents() {
        let events: [Inotify.Event]
        do {
            events = try inotify.readEvents()
        } catch {
            logger.error("\(error)")
            return
        }
        for event in events {
            if event.has(IN_Q_OVERFLOW) {
                logger.warning("inotify queue overflowed; listing every watched folder again")
                rescan(reason: "overflow")
                continue
            }
            if event.has(IN_IGNORED) {
                folders[event.descriptor] = nil
                continue
            }
            guard let folder = folders[event.descriptor] else { continue }
            if event.has(IN_DELETE_SELF) || event.has(IN_MOVE_SELF) {
                if options.roots.contains(folder.path) {
                    logger.warning("watched folder went away; waiting for it to come back", metadata: ["root": "\(folder.path)"])
                    missingRoots.insert(folder.path)
                    nextMissingRootCheck = Timestamp.monotonic() + 2
                }
                continue
            }
            guard !event.name.isEmpty else { continue }
            let path = folder.path == "/" ? "/\(event.name)" : "\(folder.path)/\(event.name)"
            if event.has(IN_ISDIR) {
                if options.recursive && (event.has(IN_CREATE) || event.has(IN_MOVED_TO)) && !event.name.hasPrefix(".") {
                    walk(path, root: folder.root, listFiles: true)
                }
                continue
            }
            guard options.filter.accepts(name: event.name) else { continue }
            if event.has(IN_MOVED_TO) {
                settling[path] = nil
                offer(path, root: folder.root, .live)
            } else if event.has(IN_CLOSE_WRITE) {
                settleUnlessComplete(path, root: folder.root)
            } else if event.has(IN_MODIFY) && settling[path] == nil {
                // A writer that keeps its file open and appends frames (an HDF5 stack in SWMR mode, an EDF
                // series) never closes it between frames: look at it once per quiet time while it grows, and
                // take what its headers say is whole. The first modification sets the time, so a steady
                // stream of writes cannot postpone the look for ever.
                settling[path] = (Timestamp.monotonic() + max(options.settle, Self.growingInterval), folder.root, true)
            }
        }
    }

    private mutating func settleUnlessComplete(_ path: String, root: String) {
        if options.frames.isComplete(path: path) == true {
            settling[path] = nil
            offer(path, root: root, .live)
        } else {
            settling[path] = (Timestamp.monotonic() + options.settle, root, false)
        }
    }

    private mutating func offer(_ path: String, root: String, _ priority: WorkQueue.Priority) {
        if !sink(WorkQueue.Job(path: path, root: root), priority) && !owesRescan {
            owesRescan = true
            nextOwedRescan = Timestamp.monotonic() + 0.25
            logger.warning("work queue is full; the folders will be listed again once it drains",
                           metadata: ["frame": "\(path)"])
        }
    }

    mutating func fireDueDeadlines() {
        let now = Timestamp.monotonic()
        if !settling.isEmpty {
            let due = settling.filter { $0.value.deadline <= now }.sorted { $0.value.deadline < $1.value.deadline }
            for (path, entry) in due {
                settling[path] = nil
                if entry.open && options.frames.isComplete(path: path) != true { continue }
                offer(path, root: entry.root, .live)
            }
        }
        if owesRescan && now >= nextOwedRescan {
            owesRescan = false
            nextOwedRescan = .infinity
            rescan(reason: "work queue was full")
        }
        if now >= nextMissingRootCheck {
            rescan(reason: "missing root")
        }
        if now >= nextPoll {
            rescan(reason: "poll_interval_s")
            schedulePoll()
        }
    }

    func millisecondsUntilNextDeadline() -> Int32 {
        var next = min(nextPoll, nextMissingRootCheck, nextOwedRescan)
        for entry in settling.values where entry.deadline < next { next = entry.deadline }
        if next == .infinity { return -1 }
        let milliseconds = ((next - Timestamp.monotonic()) * 1000).rounded(.up)
        return Int32(max(0, min(milliseconds, 60_000)))
    }

    /// Seconds between looks at a file that is being written without being closed.
    static let growingInterval = 0.2

    private mutating func schedulePoll() {
        nextPoll = options.pollInterval > 0 ? Timestamp.monotonic() + options.pollInterval : .infinity
    }

    /// Temporary sidecars left by a killed process; a live process's (a `saxsd process` running beside the
    /// service) are left alone.
    private func removeAbandonedTemporaries(under root: String) {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return }
        while let relative = enumerator.nextObject() as? String {
            if AtomicFile.isAbandoned(name: (relative as NSString).lastPathComponent) {
                removeAbandoned("\(root)/\(relative)")
            }
        }
    }

    private func removeAbandoned(_ path: String) {
        if unlink(path) == 0 {
            logger.info("removed a temporary sidecar left by an interrupted run", metadata: ["file": "\(path)"])
        }
    }

    private func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
