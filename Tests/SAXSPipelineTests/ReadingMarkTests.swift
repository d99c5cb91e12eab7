import Foundation
import SAXSFrames
import SAXSTestSupport
import Testing
@testable import SAXSPipeline

/// A reader that crashes the process must not crash it again after the restart: the note a dead process left
/// turns that version of the file into an error sidecar.
@Suite struct ReadingMarkTests {
    /// The id of a process that has exited, as a crashed saxsd's would be.
    static func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    func leaveMark(for path: String, folder: TemporaryFolder, pid: Int32, deathsBefore: Int = 1) throws {
        let stamp = try #require(SourceStamp.of(path: path))
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        try "\(pid) 12345 \(stamp.size) \(stamp.mtime) \(deathsBefore)".write(toFile: folder.file(".\(stem).saxsd-reading"),
                                                            atomically: false, encoding: .utf8)
    }

    @Test func aFileWhoseReaderDiedGetsAnErrorSidecarUntilItChanges() throws {
        let folder = try TemporaryFolder("mark")
        let path = folder.file("frame.fits")
        try FITSWriter().write(StackPipelineTests.frames(1), to: path)
        try leaveMark(for: path, folder: folder, pid: try Self.deadProcessID())
        let pipeline = Pipeline(settings: StackPipelineTests.settings)

        guard case .processed(let outcomes) = pipeline.process(path: path, root: folder.path),
              let outcome = outcomes.first else {
            Issue.record("an error sidecar is written")
            return
        }
        #expect(outcome.status == .error && outcome.error?.kind == "reader_crashed")
        #expect(SchemaValidator.problems(in: [outcome.sidecar]) == [])
        #expect(!folder.listing().contains(".frame.saxsd-reading"), "the note is used once")

        // The file changes: read as usual, and no note is left behind.
        usleep(2_000)
        try FITSWriter().write(StackPipelineTests.frames(1), to: path)
        guard case .processed(let again) = pipeline.process(path: path, root: folder.path) else {
            Issue.record("read again after a change")
            return
        }
        #expect(again.first?.status == .ok)
        #expect(!folder.listing().contains { $0.contains("saxsd-reading") })
    }

    @Test func oneDeathMayBeAKillAndIsReadAgain() throws {
        let folder = try TemporaryFolder("mark-once")
        let path = folder.file("frame.fits")
        try FITSWriter().write(StackPipelineTests.frames(1), to: path)
        try leaveMark(for: path, folder: folder, pid: try Self.deadProcessID(), deathsBefore: 0)
        guard case .processed(let outcomes) = Pipeline(settings: StackPipelineTests.settings)
            .process(path: path, root: folder.path) else { return }
        #expect(outcomes.first?.status == .ok)
        #expect(!folder.listing().contains { $0.contains("saxsd-reading") })
    }

    @Test func aNoteOfALiveProcessOrOfAnotherVersionIsNoCrash() throws {
        let folder = try TemporaryFolder("mark-live")
        let path = folder.file("frame.fits")
        try FITSWriter().write(StackPipelineTests.frames(1), to: path)
        let pipeline = Pipeline(settings: StackPipelineTests.settings)
        // Another saxsd (this test's parent shell stands in: alive, not us) reading the file now.
        try leaveMark(for: path, folder: folder, pid: getppid())
        guard case .processed(let live) = pipeline.process(path: path, root: folder.path) else { return }
        #expect(live.first?.status == .ok)

        // A dead process's note about an older version of the file: that version crashed, this one is read.
        try leaveMark(for: path, folder: folder, pid: try Self.deadProcessID())
        usleep(2_000)
        try FITSWriter().write(StackPipelineTests.frames(1), to: path)
        guard case .processed(let newer) = pipeline.process(path: path, root: folder.path) else { return }
        #expect(newer.first?.status == .ok)
    }
}
