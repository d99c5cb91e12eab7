import Foundation
import SAXSFrames
import SAXSIntegration
import SAXSTestSupport
import Testing
@testable import SAXSPipeline

@Suite struct PipelineTests {
    /// The pyFAI reference set: Pilatus 1M frame, mask and PONI, integrated without pixel splitting.
    static let reference: PipelineSettings = {
        let geometry = try! Geometry.load(poniPath: SharedFiles.pyfai("pilatus1m.poni"))
        let mask = try! DetectorMask.load(path: SharedFiles.pyfai("pilatus1m_mask.fits"))
        return PipelineSettings(geometry: geometry, poniPath: SharedFiles.pyfai("pilatus1m.poni"), mask: mask,
                                maskPath: SharedFiles.pyfai("pilatus1m_mask.fits"),
                                integration: IntegrationSettings(npt: 1000, unit: .qNm, split: .no, polarization: 0.99))
    }()
    static let pipeline = Pipeline(settings: reference)

    func frames(_ outcome: FileOutcome) throws -> [FrameOutcome] {
        guard case .processed(let frames) = outcome else {
            Issue.record("expected sidecars, got \(outcome)")
            return []
        }
        return frames
    }

    @Test func referenceFrameGivesPyFAIsProfileInBothSidecars() throws {
        let folder = try TemporaryFolder("pipe")
        let source = folder.file("pilatus.fits")
        try FileManager.default.copyItem(atPath: SharedFiles.pyfai("pilatus1m_frame.fits"), toPath: source)
        let outcome = try #require(try frames(Self.pipeline.process(path: source, root: folder.path)).first)
        #expect(outcome.status == .ok)
        #expect(outcome.sidecar == folder.file("pilatus.saxs.json"))

        // The .dat holds exactly pyFAI's non-empty bins, to 1e-4.
        let dat = try ColumnText(path: folder.file("pilatus.saxs.dat"))
        let rows = dat.rows
        let expected = try ColumnText(path: SharedFiles.pyfai("I_no_histogram_cython.txt")).rows.filter { $0[1] != 0 || $0[2] != 0 }
        #expect(rows.count == expected.count)
        #expect(dat.comments.contains("# columns: q [1/nm] I sigma"))
        for (row, reference) in zip(rows, expected) {
            #expect(abs(row[0] - reference[0]) <= 1e-6 * reference[0])
            #expect(abs(row[1] - reference[1]) <= 1e-4 * reference[1])
            #expect(abs(row[2] - reference[2]) <= 1e-4 * reference[2])
        }

        let sidecar = try #require(Sidecar.read(path: outcome.sidecar))
        let stamp = try #require(SourceStamp.of(path: source))
        #expect(sidecar.schema == "saxsd.sidecar/1")
        #expect(sidecar.status == .ok)
        #expect(sidecar.error == nil)
        #expect(sidecar.source.path == source && sidecar.source.size == stamp.size && sidecar.source.mtime == stamp.mtime)
        #expect(sidecar.source.shape == [1043, 981])
        #expect(sidecar.profile?.points == rows.count)
        #expect(sidecar.profile?.file == "pilatus.saxs.dat")
        #expect(abs((sidecar.profile?.qMin ?? 0) - rows[0][0]) <= 1e-8 * rows[0][0])
        #expect(abs((sidecar.profile?.qMax ?? 0) - rows[rows.count - 1][0]) <= 1e-8 * rows[rows.count - 1][0])
        #expect(sidecar.integration?.polarization == 0.99)
        #expect(sidecar.integration?.geometry.distanceM == 2.0)
        #expect(sidecar.timingMs["integrate"] != nil && sidecar.timingMs["total"] != nil)
        #expect(SchemaValidator.problems(in: [outcome.sidecar]) == [])
        #expect(!folder.listing().contains { $0.contains("saxsd-tmp") })
    }

    @Test(arguments: [
        ("empty.fits", Data(), "empty"),
        ("text.fits", Data("no pixels here\n".utf8), "unknown_format"),
        ("half.fits", Data(), "incomplete"),
    ])
    func unreadableFilesGetErrorSidecars(name: String, content: Data, kind: String) throws {
        let folder = try TemporaryFolder("bad")
        let path = folder.file(name)
        var bytes = content
        if name == "half.fits" {
            bytes = try Data(contentsOf: URL(fileURLWithPath: SharedFiles.pyfai("pilatus1m_frame.fits"))).prefix(100_000)
        }
        try bytes.write(to: URL(fileURLWithPath: path))
        // An outdated profile of an earlier, readable version of the file must not survive.
        try "# stale\n".write(toFile: folder.file((name as NSString).deletingPathExtension + ".saxs.dat"), atomically: false, encoding: .utf8)
        let outcome = try #require(try frames(Self.pipeline.process(path: path, root: folder.path)).first)
        #expect(outcome.status == .error)
        #expect(outcome.error?.kind == kind)
        #expect(outcome.error?.message.isEmpty == false)
        let sidecar = try #require(Sidecar.read(path: outcome.sidecar))
        #expect(sidecar.status == .error && sidecar.profile == nil && sidecar.source.frames == nil)
        #expect(folder.listing() == [name, (name as NSString).deletingPathExtension + ".saxs.json"])
        #expect(SchemaValidator.problems(in: [outcome.sidecar]) == [])
    }

    @Test func frameOfAnotherShapeThanTheMaskIsAnIntegrationError() throws {
        let folder = try TemporaryFolder("shape")
        let path = folder.file("small.fits")
        try FITSWriter().write([Frame(shape: FrameShape(rows: 10, columns: 12), pixels: .init(repeating: 5, count: 120))], to: path)
        let outcome = try #require(try frames(Self.pipeline.process(path: path, root: folder.path)).first)
        #expect(outcome.status == .error)
        #expect(outcome.error?.kind == "shape_mismatch")
        #expect(SchemaValidator.problems(in: [outcome.sidecar]) == [])
    }

    @Test func cubeGivesOneNumberedPairPerFrameUnderTheOutputRoot() throws {
        let folder = try TemporaryFolder("cube")
        let data = try folder.folder("raw/run1")
        let shape = FrameShape(rows: 64, columns: 64)
        let planes = (0..<3).map { k in Frame(shape: shape, pixels: (0..<4096).map { Double(($0 * 7 + k) % 50 + 10) }) }
        let path = "\(data)/stack.fits"
        try FITSWriter(sampleType: .int32).write(planes, to: path)
        let geometry = try Geometry(poniText: """
            poni_version: 2.1
            Detector: Detector
            Detector_config: {"pixel1": 0.0001, "pixel2": 0.0001, "max_shape": [64, 64], "orientation": 3}
            Distance: 0.1
            Poni1: 0.0032
            Poni2: 0.0032
            Rot1: 0
            Rot2: 0
            Rot3: 0
            Wavelength: 1.5e-10
            """)
        let settings = PipelineSettings(geometry: geometry, integration: IntegrationSettings(npt: 40, split: .no, polarization: nil),
                                        outputRoot: folder.file("results"))
        let outcomes = try frames(Pipeline(settings: settings).process(path: path, root: folder.file("raw")))
        #expect(outcomes.map(\.frame) == [0, 1, 2])
        let listing = folder.listing().filter { $0.hasPrefix("results/") }
        #expect(listing == ["results/run1/stack_00000.saxs.dat", "results/run1/stack_00000.saxs.json",
                            "results/run1/stack_00001.saxs.dat", "results/run1/stack_00001.saxs.json",
                            "results/run1/stack_00002.saxs.dat", "results/run1/stack_00002.saxs.json"])
        let second = try #require(Sidecar.read(path: folder.file("results/run1/stack_00001.saxs.json")))
        #expect(second.source.frame == 1 && second.source.frames == 3)
        #expect(SchemaValidator.problems(in: listing.filter { $0.hasSuffix(".json") }.map(folder.file)) == [])
    }

    @Test func fileRewrittenWhileBeingReadIsNotWritten() throws {
        let folder = try TemporaryFolder("change")
        let path = folder.file("moving.fits")
        try FITSWriter().write([Frame(shape: FrameShape(rows: 8, columns: 8), pixels: .init(repeating: 1, count: 64))], to: path)
        // A reader that rewrites the file behind the pipeline's back, like a detector still writing.
        struct Meddler: FrameReader {
            var format: String { "fits" }
            func recognizes(magic: [UInt8]) -> Bool { true }
            func readFrames(path: String) throws(FrameError) -> [Frame] {
                let frames = try FITSReader().readFrames(path: path)
                let handle = FileHandle(forWritingAtPath: path)!
                handle.seekToEndOfFile()
                handle.write(Data(repeating: 0, count: 2880))
                handle.closeFile()
                return frames
            }
        }
        let geometry = Self.reference.geometry
        var settings = PipelineSettings(geometry: geometry, integration: IntegrationSettings(npt: 10, split: .no))
        settings.writeDat = true
        let outcome = Pipeline(settings: settings, reader: FrameFile(readers: [Meddler()])).process(path: path, root: nil)
        guard case .changedWhileReading = outcome else {
            Issue.record("expected changedWhileReading, got \(outcome)")
            return
        }
        #expect(folder.listing() == ["moving.fits"])
    }

    @Test func vanishedFileIsNotAnError() {
        guard case .vanished = Self.pipeline.process(path: "/nonexistent/frame.fits", root: nil) else {
            Issue.record("a missing file is not processed")
            return
        }
    }
}
