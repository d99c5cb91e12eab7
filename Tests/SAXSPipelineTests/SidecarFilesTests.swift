import Foundation
import SAXSTestSupport
import Testing
@testable import SAXSPipeline

@Suite struct SidecarFilesTests {
    @Test func locationsBesideTheDataAndUnderAnOutputRoot() {
        let beside = SidecarLocation(source: "/data/bt/run/frame_01.fits", root: "/data/bt", outputRoot: "")
        #expect(beside.path(frame: nil, suffix: SidecarLocation.jsonSuffix) == "/data/bt/run/frame_01.saxs.json")
        #expect(beside.path(frame: 12, suffix: SidecarLocation.datSuffix) == "/data/bt/run/frame_01_00012.saxs.dat")
        let mirrored = SidecarLocation(source: "/data/bt/run/frame_01.fits", root: "/data/bt", outputRoot: "/results")
        #expect(mirrored.path(frame: nil, suffix: SidecarLocation.jsonSuffix) == "/results/run/frame_01.saxs.json")
        let atRoot = SidecarLocation(source: "/data/bt/a.b.fits", root: "/data/bt/", outputRoot: "/results")
        #expect(atRoot.path(frame: nil, suffix: SidecarLocation.jsonSuffix) == "/results/a.b.saxs.json")
        #expect(SidecarLocation.isSidecar(name: "x.saxs.json") && !SidecarLocation.isSidecar(name: "x.json"))
    }

    @Test func sectorProfilesAndCakeAreNamedBesideTheProfile() {
        let beside = SidecarLocation(source: "/data/bt/run/frame_01.fits", root: "/data/bt", outputRoot: "")
        #expect(beside.path(frame: nil, suffix: SidecarLocation.sectorSuffix(2)) == "/data/bt/run/frame_01.saxs.sector2.dat")
        #expect(beside.path(frame: 3, suffix: SidecarLocation.cakeSuffix) == "/data/bt/run/frame_01_00003.saxs.cake.fits")
        for name in ["frame_01.saxs.sector2.dat", "frame_01_00003.saxs.sector10.dat", "frame_01_00003.saxs.cake.fits"] {
            #expect(SidecarLocation.isSidecar(name: name), "\(name)")
        }
        for name in ["frame.saxs.sector.dat", "frame.saxs.sectorA.dat", "frame.sector1.dat", "cake.fits", "frame.saxs.fits"] {
            #expect(!SidecarLocation.isSidecar(name: name), "\(name)")
        }
    }

    @Test func fitsCardsAreFixedFormat() {
        #expect(FITSHeader.Card.integer("NAXIS1", 40, nil).text
                == "NAXIS1  =                   40" + String(repeating: " ", count: 50))
        #expect(FITSHeader.Card.logical("SIMPLE", true, "conforms to FITS").text.hasPrefix("SIMPLE  =                    T / conforms to FITS"))
        // Strings start in column 11 and hold at least eight characters; quotes inside are doubled.
        #expect(FITSHeader.Card.string("RADUNIT", "r_mm", nil).text.hasPrefix("RADUNIT = 'r_mm    '"))
        #expect(FITSHeader.Card.string("CREATOR", "it's", nil).text.hasPrefix("CREATOR = 'it''s   '"))
        #expect(FITSHeader.Card.string("EXTNAME", "AZIMUTH", String(repeating: "x", count: 100)).text.count == 80)
        #expect(FITSHeader.image(bitpix: -64, axes: [3], name: "RADIAL", cards: []).count == 2880)
        #expect(FITSData.float64([1, 2, 3]).count == 2880 && FITSData.float32([]).isEmpty)
        #expect(Array(FITSData.float32([1]).prefix(4)) == [0x3f, 0x80, 0, 0], "big-endian IEEE")
    }

    @Test func datRowsArePrintfExponentialAndLoadable() {
        let dat = DatFile(comments: ["source: /x.fits", "two\nlines"], columns: "q [1/nm] I sigma",
                          radial: [0.1, 1.23456789012], intensity: [12345.678, 0], sigma: [1e-300, 2.5])
        let text = String(decoding: dat.bytes(), as: UTF8.self)
        #expect(text == """
            # source: /x.fits
            # two lines
            # columns: q [1/nm] I sigma
            1.00000000e-01 1.23456780e+04 1.00000000e-300
            1.23456789e+00 0.00000000e+00 2.50000000e+00

            """)
    }

    @Test func atomicWriteReplacesWholeAndLeavesNoTemporary() throws {
        let folder = try TemporaryFolder("atomic")
        let path = folder.file("a.saxs.json")
        try AtomicFile.write(Array("first".utf8), to: path)
        try AtomicFile.write(Array("second, longer".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second, longer")
        #expect(folder.listing() == ["a.saxs.json"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o044 } == 0o044, "sidecars are readable by the analysis scripts of others")
    }

    @Test func writingIntoAMissingFolderFailsWithoutLeftovers() {
        #expect(throws: SidecarError.self) { try AtomicFile.write([1, 2, 3], to: "/nonexistent-saxsd/x.saxs.json") }
    }

    @Test func abandonedTemporariesAreRecognisedByTheirDeadWriter() {
        #expect(AtomicFile.isAbandoned(name: ".a.saxs.json.saxsd-tmp-999999999-abc"))
        #expect(!AtomicFile.isAbandoned(name: ".a.saxs.json.saxsd-tmp-\(getpid())-abc"))
        #expect(!AtomicFile.isAbandoned(name: "a.saxs.json"))
    }

    @Test func timestampsKeepNanoseconds() {
        #expect(Timestamp.iso8601(timespec(tv_sec: 0, tv_nsec: 5)) == "1970-01-01T00:00:00.000000005Z")
        #expect(Timestamp.iso8601(timespec(tv_sec: 1_790_000_000, tv_nsec: 123_456_789), fractionDigits: 3)
                == "2026-09-21T14:13:20.123Z")
    }
}
