import Foundation
import Logging
import SAXSTestSupport
import Synchronization
import Testing
@testable import SAXSDaemon

/// The watcher alone, in-process: what it offers, and when.
@Suite struct FolderWatcherTests {
    final class Offers: Sendable {
        let jobs = Mutex<[(WorkQueue.Job, Double)]>([])
        var paths: [String] { jobs.withLock { $0.map(\.0.path) } }

        func waitFor(_ path: String, timeout: Double = 10) -> Double? {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if let hit = jobs.withLock({ $0.first { $0.0.path == path }?.1 }) { return hit }
                usleep(5_000)
            }
            return nil
        }
    }

    func watcher(_ roots: [String], recursive: Bool = true, settle: Double = 0.05, poll: Double = 0,
                 accept: Bool = true) throws -> (FolderWatcher, Offers) {
        let offers = Offers()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let watcher = try FolderWatcher(
            options: .init(roots: roots, filter: WatchFilter(include: ["*.fits"]), recursive: recursive,
                           settle: settle, pollInterval: poll),
            ledger: Ledger(outputRoot: ""), logger: logger) { job, _ in
                offers.jobs.withLock { $0.append((job, ProcessInfo.processInfo.systemUptime)) }
                return accept
            }
        watcher.start()
        return (watcher, offers)
    }

    @Test func renamedFilesAreOfferedAtOnceClosedOnesAfterTheirQuietTime() throws {
        let folder = try TemporaryFolder("fw")
        let (watcher, offers) = try watcher([folder.path], settle: 0.3)
        defer { watcher.stop() }
        let renamed = folder.file("renamed.fits")
        writeInPlace(folder.file(".renamed.fits.tmp"), "x")
        let renameTime = ProcessInfo.processInfo.systemUptime
        rename(folder.file(".renamed.fits.tmp"), renamed)
        let renamedAt = try #require(offers.waitFor(renamed))
        #expect(renamedAt - renameTime < 0.25, "a renamed-in file needs no quiet time")

        let closed = folder.file("closed.fits")
        let closeTime = ProcessInfo.processInfo.systemUptime
        writeInPlace(closed, "y")
        let closedAt = try #require(offers.waitFor(closed))
        #expect(closedAt - closeTime >= 0.29, "a closed file waits settle_ms")
        #expect(!offers.paths.contains { $0.hasSuffix(".tmp") })
    }

    @Test func aClosedFrameThatIsCompleteNeedsNoQuietTime() throws {
        let folder = try TemporaryFolder("complete")
        let (watcher, offers) = try watcher([folder.path], settle: 0.5)
        defer { watcher.stop() }
        let reference = try Data(contentsOf: URL(fileURLWithPath: SharedFiles.pyfai("pilatus1m_frame.fits")))
        let complete = folder.file("complete.fits")
        let start = ProcessInfo.processInfo.systemUptime
        writeInPlace(complete, reference)
        let completeAt = try #require(offers.waitFor(complete))
        #expect(completeAt - start < 0.4, "a FITS file holding all its announced bytes is read at once")

        let partial = folder.file("partial.fits")
        let partialStart = ProcessInfo.processInfo.systemUptime
        writeInPlace(partial, reference.prefix(reference.count / 2))
        let partialAt = try #require(offers.waitFor(partial))
        #expect(partialAt - partialStart >= 0.49, "a cut-short file waits for quiet")
    }

    @Test func aFileKeptOpenIsOfferedOnceItsHeadersSayItIsWhole() throws {
        let folder = try TemporaryFolder("open")
        let (watcher, offers) = try watcher([folder.path], settle: 0.05)
        defer { watcher.stop() }
        let reference = try Data(contentsOf: URL(fileURLWithPath: SharedFiles.pyfai("pilatus1m_frame.fits")))
        let path = folder.file("growing.fits")
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(fd >= 0)
        defer { close(fd) }
        // Half of it: modified, not whole, not offered.
        let half = reference.count / 2
        _ = reference.prefix(half).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        usleep(600_000)
        #expect(!offers.paths.contains(path), "a file cut short is not taken while its writer holds it open")
        // The rest, still without closing: taken within the growing interval.
        let start = ProcessInfo.processInfo.systemUptime
        _ = reference.dropFirst(half).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let offeredAt = try #require(offers.waitFor(path, timeout: 5))
        #expect(offeredAt - start < 1.5)
    }

    @Test func rootsThatAppearLaterAreWatchedThen() throws {
        let folder = try TemporaryFolder("late")
        let root = folder.file("later")
        let (watcher, offers) = try watcher([root])
        defer { watcher.stop() }
        usleep(100_000)
        try folder.folder("later")
        writeInPlace("\(root)/first.fits", "z")
        #expect(offers.waitFor("\(root)/first.fits") != nil)
    }

    @Test func nonRecursiveWatchingIgnoresSubfolders() throws {
        let folder = try TemporaryFolder("flat")
        let (watcher, offers) = try watcher([folder.path], recursive: false)
        defer { watcher.stop() }
        let sub = try folder.folder("sub")
        writeInPlace("\(sub)/deep.fits", "d")
        writeInPlace(folder.file("top.fits"), "t")
        #expect(offers.waitFor(folder.file("top.fits")) != nil)
        usleep(200_000)
        #expect(!offers.paths.contains("\(sub)/deep.fits"))
    }

    @Test func pollingFindsFilesWithoutEvents() throws {
        let folder = try TemporaryFolder("poll")
        let (watcher, offers) = try watcher([folder.path], poll: 0.3, accept: true)
        defer { watcher.stop() }
        let path = folder.file("polled.fits")
        writeInPlace(path, "p")
        #expect(offers.waitFor(path) != nil)
        // Without a sidecar it is not done, so every poll offers it again: how a write on another NFS client,
        // which raises no inotify event here, is found.
        let count = offers.paths.filter { $0 == path }.count
        usleep(800_000)
        #expect(offers.paths.filter { $0 == path }.count > count)
    }

    @Test func refusedJobsComeBackThroughARescan() throws {
        let folder = try TemporaryFolder("refuse")
        let (watcher, offers) = try watcher([folder.path], accept: false)
        defer { watcher.stop() }
        let path = folder.file("refused.fits")
        writeInPlace(path, "r")
        #expect(offers.waitFor(path) != nil)
        let deadline = Date().addingTimeInterval(5)
        while offers.paths.filter({ $0 == path }).count < 2 && Date() < deadline { usleep(10_000) }
        #expect(offers.paths.filter { $0 == path }.count >= 2, "a refused frame is offered again")
    }
}

/// One open, write, close: the watcher sees IN_CLOSE_WRITE (FileManager.createFile writes by rename).
func writeInPlace(_ path: String, _ bytes: some DataProtocol) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(fd >= 0, "cannot create \(path)")
    let data = Data(bytes)
    _ = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
}

func writeInPlace(_ path: String, _ text: String) {
    writeInPlace(path, Data(text.utf8))
}
