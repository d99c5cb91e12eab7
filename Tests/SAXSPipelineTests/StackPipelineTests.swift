import Foundation
import SAXSFrames
import SAXSIntegration
import SAXSTestSupport
import Synchronization
import Testing
@testable import SAXSPipeline

/// Stacks that grow while the detector writes them, and files shorter than their headers announce.
@Suite struct StackPipelineTests {
    static let settings = try! FrameMetadataPipelineTests.settings()

    static func frames(_ count: Int) -> [Frame] {
        let shape = FrameShape(rows: SmallDetector.rows, columns: SmallDetector.columns)
        return (0..<count).map { index in
            Frame(shape: shape, pixels: (0..<shape.pixelCount).map { Double(50 + ($0 * (index + 3)) % 17) }, index: index)
        }
    }

    func processed(_ outcome: FileOutcome) -> [FrameOutcome] {
        guard case .processed(let frames) = outcome else { return [] }
        return frames
    }

    /// Rewrites the file with more frames, making sure the mtime moves on even on coarse clocks.
    func grow(_ path: String, to count: Int) throws {
        let before = try #require(SourceStamp.of(path: path))
        repeat {
            usleep(2_000)
            try FITSWriter().write(Self.frames(count), to: path)
        } while SourceStamp.of(path: path)?.mtime == before.mtime
    }

    @Test func framesAppendedToAStackAreProcessedWithoutRedoingTheEarlierOnes() throws {
        let folder = try TemporaryFolder("grow")
        let path = folder.file("stack.fits")
        let pipeline = Pipeline(settings: Self.settings)
        try FITSWriter().write(Self.frames(2), to: path)
        #expect(processed(pipeline.process(path: path, root: folder.path)).map(\.frame) == [0, 1])
        let firstPass = try String(contentsOfFile: folder.file("stack_00000.saxs.json"), encoding: .utf8)

        try grow(path, to: 5)
        let second = processed(pipeline.process(path: path, root: folder.path))
        #expect(second.map(\.frame) == [2, 3, 4])
        #expect(second.allSatisfy { $0.status == .ok })
        #expect(try String(contentsOfFile: folder.file("stack_00000.saxs.json"), encoding: .utf8) == firstPass)
        let last = try #require(Sidecar.read(path: folder.file("stack_00004.saxs.json")))
        #expect(last.source.frames == 5 && last.source.size == SourceStamp.of(path: path)?.size)

        // Forced: everything again.
        #expect(processed(pipeline.process(path: path, root: folder.path, resume: false)).count == 5)
    }

    @Test func aStackRewrittenWithAsManyFramesIsRedoneWhole() throws {
        let folder = try TemporaryFolder("rewrite")
        let path = folder.file("stack.fits")
        let pipeline = Pipeline(settings: Self.settings)
        try FITSWriter().write(Self.frames(3), to: path)
        #expect(processed(pipeline.process(path: path, root: folder.path)).count == 3)
        try grow(path, to: 3)
        #expect(processed(pipeline.process(path: path, root: folder.path)).map(\.frame) == [0, 1, 2])
    }

    /// FITS cubes read through cfitsio plane by plane, announcing that they can be read in parts the way HDF5
    /// stacks are; the ranges asked for are recorded.
    final class PartReader: FrameReader {
        let fits = FITSReader()
        let ranges = Mutex<[Range<Int>]>([])
        var format: String { "fits" }
        var readsFramesSeparately: Bool { true }
        func recognizes(magic: [UInt8]) -> Bool { fits.recognizes(magic: magic) }
        func readFrames(path: String) throws(FrameError) -> [Frame] { try fits.readFrames(path: path) }
        func frameCount(path: String) throws(FrameError) -> Int { try fits.frameCount(path: path) }
        func readFrames(path: String, range: Range<Int>) throws(FrameError) -> [Frame] {
            ranges.withLock { $0.append(range) }
            return try fits.readFrames(path: path, range: range)
        }
    }

    @Test func aStackReadInPartsGivesEveryFrameOnceAndResumesWhereItStopped() throws {
        let folder = try TemporaryFolder("parts")
        let path = folder.file("stack.fits")
        let reader = PartReader()
        let pipeline = Pipeline(settings: Self.settings, reader: FrameFile(readers: [reader]))
        try FITSWriter().write(Self.frames(6), to: path)
        let first = processed(pipeline.process(path: path, root: folder.path))
        #expect(first.map(\.frame) == [0, 1, 2, 3, 4, 5])
        #expect(reader.ranges.withLock { $0 } == [0..<4, 4..<6])
        for outcome in first {
            let sidecar = try #require(Sidecar.read(path: outcome.sidecar))
            #expect(sidecar.status == .ok && sidecar.source.frames == 6)
        }

        try grow(path, to: 9)
        reader.ranges.withLock { $0 = [] }
        #expect(processed(pipeline.process(path: path, root: folder.path)).map(\.frame) == [6, 7, 8])
        #expect(reader.ranges.withLock { $0 } == [6..<9])
        guard case .upToDate = pipeline.process(path: path, root: folder.path) else {
            Issue.record("nothing new to read")
            return
        }

        // Its writer closes it, flushing metadata: no new frame, and the last sidecar takes the new stamp.
        try grow(path, to: 9)
        guard case .upToDate = pipeline.process(path: path, root: folder.path) else {
            Issue.record("nothing new to read after the close")
            return
        }
        let last = try #require(Sidecar.read(path: folder.file("stack_00008.saxs.json")))
        #expect(SourceStamp(size: last.source.size, mtime: last.source.mtime) == SourceStamp.of(path: path))
        #expect(reader.ranges.withLock { $0 } == [6..<9])
    }

    @Test func aStackRewrittenSmallerIsRedoneFromTheStart() throws {
        let folder = try TemporaryFolder("shrink")
        let path = folder.file("stack.fits")
        let pipeline = Pipeline(settings: Self.settings)
        try FITSWriter().write(Self.frames(4), to: path)
        #expect(processed(pipeline.process(path: path, root: folder.path)).count == 4)
        usleep(2_000)
        try FITSWriter().write(Self.frames(3), to: path)
        #expect(processed(pipeline.process(path: path, root: folder.path)).map(\.frame) == [0, 1, 2])
    }

    @Test func aSingleFrameFileThatBecomesAStackLosesItsUnnumberedSidecars() throws {
        let folder = try TemporaryFolder("becomes")
        let path = folder.file("run.fits")
        let pipeline = Pipeline(settings: Self.settings)
        try FITSWriter().write(Self.frames(1), to: path)
        #expect(processed(pipeline.process(path: path, root: folder.path)).map(\.frame) == [nil])
        #expect(folder.listing().contains("run.saxs.json"))
        try grow(path, to: 3)
        #expect(processed(pipeline.process(path: path, root: folder.path)).map(\.frame) == [0, 1, 2])
        let listing = folder.listing()
        #expect(!listing.contains("run.saxs.json") && !listing.contains("run.saxs.dat"))
        #expect(listing.contains("run_00002.saxs.json"))
    }

    @Test func aFileShorterThanItsHeadersIsLeftForItsWriterOrGetsAnIncompleteSidecar() throws {
        let folder = try TemporaryFolder("short")
        let whole = folder.file("whole.fits")
        try FITSWriter().write(Self.frames(1), to: whole)
        let path = folder.file("short.fits")
        try Data(try Data(contentsOf: URL(fileURLWithPath: whole)).prefix(2880 * 3)).write(to: URL(fileURLWithPath: path))
        let pipeline = Pipeline(settings: Self.settings)

        guard case .incomplete = pipeline.process(path: path, root: folder.path, waitForWriter: true) else {
            Issue.record("a short file is left for its writer")
            return
        }
        #expect(!folder.listing().contains("short.saxs.json"))

        let outcome = try #require(processed(pipeline.process(path: path, root: folder.path)).first)
        #expect(outcome.status == .error && outcome.error?.kind == "incomplete")
        #expect(SchemaValidator.problems(in: [outcome.sidecar]) == [])
    }
}
