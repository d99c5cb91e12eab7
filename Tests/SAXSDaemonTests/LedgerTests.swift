import Foundation
import SAXSPipeline
import SAXSTestSupport
import Testing
@testable import SAXSDaemon

@Suite struct LedgerTests {
    func sidecar(for path: String, status: Sidecar.Status = .ok, version: String = Software.version,
                 frame: Int? = nil, frames: Int? = nil) throws -> Sidecar {
        let stamp = try #require(SourceStamp.of(path: path))
        var sidecar = Sidecar(status: status, error: status == .error ? .init(kind: "corrupt", message: "m") : nil,
                              source: .init(path: path, size: stamp.size, mtime: stamp.mtime, frame: frame, frames: frames),
                              timingMs: [:], processedAt: Timestamp.now())
        sidecar.software.version = version
        return sidecar
    }

    func write(_ sidecar: Sidecar, to path: String) throws {
        try AtomicFile.write(try sidecar.jsonBytes(), to: path)
    }

    @Test func aFrameIsDoneWhenItsSidecarNamesItsSizeAndMtime() throws {
        let folder = try TemporaryFolder("ledger")
        let frame = folder.file("a.fits")
        try Data("0123".utf8).write(to: URL(fileURLWithPath: frame))
        let ledger = Ledger(outputRoot: "")
        #expect(!ledger.isDone(path: frame, root: folder.path))
        try write(sidecar(for: frame), to: folder.file("a.saxs.json"))
        #expect(ledger.isDone(path: frame, root: folder.path))

        // Rewritten: another mtime (and size) makes it new again.
        usleep(10_000)
        try Data("01234".utf8).write(to: URL(fileURLWithPath: frame))
        #expect(!ledger.isDone(path: frame, root: folder.path))
    }

    @Test func errorSidecarsHoldUntilANewerVersion() throws {
        let folder = try TemporaryFolder("ledger-error")
        let frame = folder.file("b.fits")
        try Data("x".utf8).write(to: URL(fileURLWithPath: frame))
        let ledger = Ledger(outputRoot: "")
        try write(sidecar(for: frame, status: .error), to: folder.file("b.saxs.json"))
        #expect(ledger.isDone(path: frame, root: nil))
        try write(sidecar(for: frame, status: .error, version: "0.0.1"), to: folder.file("b.saxs.json"))
        #expect(!ledger.isDone(path: frame, root: nil))
        try write(sidecar(for: frame, status: .ok, version: "0.0.1"), to: folder.file("b.saxs.json"))
        #expect(ledger.isDone(path: frame, root: nil), "good results of older versions stand")
    }

    @Test func multiFrameFilesNeedTheirLastFrame() throws {
        let folder = try TemporaryFolder("ledger-stack")
        let frame = folder.file("s.fits")
        try Data("stack".utf8).write(to: URL(fileURLWithPath: frame))
        let ledger = Ledger(outputRoot: folder.file("out"))
        try AtomicFile.makeFolders(folder.file("out"))
        try write(sidecar(for: frame, frame: 0, frames: 3), to: folder.file("out/s_00000.saxs.json"))
        #expect(!ledger.isDone(path: frame, root: folder.path))
        try write(sidecar(for: frame, frame: 2, frames: 3), to: folder.file("out/s_00002.saxs.json"))
        #expect(ledger.isDone(path: frame, root: folder.path))
    }

    @Test func aStackDoneInPassesIsDoneWhenItsLastPassIsCurrent() throws {
        let folder = try TemporaryFolder("ledger-passes")
        let frame = folder.file("g.h5")
        try Data("two frames".utf8).write(to: URL(fileURLWithPath: frame))
        let ledger = Ledger(outputRoot: "")
        // First pass: frames 0 and 1 of a file of 2.
        try write(sidecar(for: frame, frame: 0, frames: 2), to: folder.file("g_00000.saxs.json"))
        try write(sidecar(for: frame, frame: 1, frames: 2), to: folder.file("g_00001.saxs.json"))
        #expect(ledger.isDone(path: frame, root: nil))
        // The file grew: the first pass no longer describes it.
        usleep(10_000)
        try Data("now five frames".utf8).write(to: URL(fileURLWithPath: frame))
        #expect(!ledger.isDone(path: frame, root: nil))
        // Second pass: frames 2 to 4 of a file of 5, with the current stamp.
        try write(sidecar(for: frame, frame: 2, frames: 5), to: folder.file("g_00002.saxs.json"))
        #expect(!ledger.isDone(path: frame, root: nil), "the pass's last frame is not there yet")
        try write(sidecar(for: frame, frame: 4, frames: 5), to: folder.file("g_00004.saxs.json"))
        #expect(ledger.isDone(path: frame, root: nil))
    }

    @Test func aVanishedFileHasNothingLeftToDo() {
        #expect(Ledger(outputRoot: "").isDone(path: "/nonexistent/gone.fits", root: nil))
    }
}
