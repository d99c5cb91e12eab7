import Foundation
import Testing
@testable import SAXSFrames
import SAXSTestSupport

@Suite struct FITSReaderTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder("fits")
    }

    func path(_ name: String) -> String { folder.file(name) }

    @Test func readsTheReferencePilatusFrame() throws {
        let frames = try FrameFile().readFrames(path: SharedFiles.pyfai("pilatus1m_frame.fits"))
        #expect(frames.count == 1)
        let frame = try #require(frames.first)
        #expect(frame.shape == FrameShape(rows: 1043, columns: 981))
        #expect(frame.header["NAXIS1"] == .integer(981))
        #expect(frame.header["BITPIX"] == .integer(32))
        #expect(frame.pixels.contains(-1))
        #expect(frame.pixels.allSatisfy { $0 == $0.rounded() })
    }

    @Test(arguments: FITSWriter.SampleType.allCases)
    func roundTripsEverySampleTypeExactly(type: FITSWriter.SampleType) throws {
        let shape = FrameShape(rows: 3, columns: 4)
        let values: [Double] = switch type {
        case .uint8: [0, 1, 2, 127, 128, 200, 254, 255, 3, 4, 5, 6]
        case .int16: [-32768, -1, 0, 1, 32767, 2, 3, 4, 5, 6, 7, 8]
        case .uint16: [0, 1, 32767, 32768, 65535, 40000, 2, 3, 4, 5, 6, 7]
        case .int32: [-2147483648, -1, 0, 2147483647, 5, 6, 7, 8, 9, 10, 11, 12]
        case .uint32: [0, 1, 2147483647, 2147483648, 4294967295, 3000000000, 2, 3, 4, 5, 6, 7]
        case .int64: [-9007199254740992, 9007199254740992, 0, -1, 1, 2, 3, 4, 5, 6, 7, 8]
        case .float32: [0.5, -1.25, 17179869184, .nan, 1, 2, 3, 4, 5, 6, 7, 8]
        case .float64: [0.1, -1e300, .nan, 1e-300, 1, 2, 3, 4, 5, 6, 7, 8]
        }
        let file = path("roundtrip-\(type).fits")
        try FITSWriter(sampleType: type).write([Frame(shape: shape, pixels: values)], to: file,
                                               keywords: [("EXPTIME", .real(1.5)), ("DETECTOR", .string("Pilatus 1M"))])
        let frame = try #require(try FrameFile().readFrames(path: file).first)
        #expect(frame.shape == shape)
        for (read, written) in zip(frame.pixels, values) {
            if written.isNaN { #expect(read.isNaN) } else { #expect(read == written, "\(type)") }
        }
        #expect(frame.header.exposureTime == 1.5)
        #expect(frame.header["detector"] == .string("Pilatus 1M"))
    }

    @Test func blankIntegerPixelsBecomeNaN() throws {
        let file = path("blank.fits")
        let pixels: [Double] = [1, -999, 3, 4]
        try FITSWriter(sampleType: .int32).write([Frame(shape: FrameShape(rows: 2, columns: 2), pixels: pixels)],
                                                 to: file, keywords: [("BLANK", .integer(-999))])
        let frame = try #require(try FrameFile().readFrames(path: file).first)
        #expect(frame.pixels[0] == 1)
        #expect(frame.pixels[1].isNaN)
    }

    @Test func aCubeIsAStackOfFrames() throws {
        let shape = FrameShape(rows: 2, columns: 3)
        let planes = (0..<4).map { k in Frame(shape: shape, pixels: (0..<6).map { Double($0 + 10 * k) }) }
        let file = path("cube.fits")
        try FITSWriter(sampleType: .int16).write(planes, to: file)
        let frames = try FrameFile().readFrames(path: file)
        #expect(frames.map(\.index) == [0, 1, 2, 3])
        #expect(frames[2].pixels == planes[2].pixels)
    }

    @Test func imageInTheFirstExtensionIsFound() throws {
        var header = FITSBytes.cards(["SIMPLE  = T", "BITPIX  = 8", "NAXIS   = 0", "EXTEND  = T"])
        header += FITSBytes.cards(["XTENSION= 'IMAGE   '", "BITPIX  = 16", "NAXIS   = 2", "NAXIS1  = 2", "NAXIS2  = 1",
                                   "PCOUNT  = 0", "GCOUNT  = 1", "EXPTIME = 2.5D0"])
        var data = [UInt8](repeating: 0, count: 2880)
        data[1] = 7; data[3] = 9
        let file = path("extension.fits")
        try Data(header + data).write(to: URL(fileURLWithPath: file))
        let frame = try #require(try FrameFile().readFrames(path: file).first)
        #expect(frame.pixels == [7, 9])
        #expect(frame.header.exposureTime == 2.5)
    }

    @Test func emptyFileIsReportedAsEmpty() throws {
        let file = path("empty.fits")
        try Data().write(to: URL(fileURLWithPath: file))
        #expect(throws: FrameError.self) { try FrameFile().readFrames(path: file) }
        #expect(kind(of: file) == .empty)
    }

    @Test func truncatedFileIsCorrupt() throws {
        let source = SharedFiles.pyfai("pilatus1m_frame.fits")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        let file = path("truncated.fits")
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: file))
        #expect(kind(of: file) == .corrupt)
    }

    @Test func textIsNotAFrame() throws {
        let file = path("notes.fits")
        try "I am not a FITS file\n".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(kind(of: file) == .unknownFormat)
    }

    @Test func absurdDimensionsAreRefusedBeforeAllocating() throws {
        let header = FITSBytes.cards(["SIMPLE  = T", "BITPIX  = 32", "NAXIS   = 2", "NAXIS1  = 4000000", "NAXIS2  = 4000000"])
        let file = path("absurd.fits")
        try Data(header + [UInt8](repeating: 0, count: 2880)).write(to: URL(fileURLWithPath: file))
        let error = try #require(throws: FrameError.self) { try FrameFile().readFrames(path: file) }
        #expect(error.kind == .unsupported || error.kind == .corrupt)
    }

    @Test func oneDimensionalImageIsUnsupported() throws {
        let header = FITSBytes.cards(["SIMPLE  = T", "BITPIX  = 8", "NAXIS   = 1", "NAXIS1  = 10"])
        let file = path("line.fits")
        try Data(header + [UInt8](repeating: 0, count: 2880)).write(to: URL(fileURLWithPath: file))
        #expect(kind(of: file) == .unsupported)
    }

    @Test func missingFileIsUnreadable() {
        #expect(kind(of: path("does-not-exist.fits")) == .unreadable)
    }

    @Test func completenessFollowsTheHeaders() throws {
        let reference = SharedFiles.pyfai("pilatus1m_frame.fits")
        #expect(FrameFile().isComplete(path: reference) == true)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: reference))
        for cut in [100, 2880, 2880 * 2, bytes.count / 2, bytes.count - 1] {
            let file = path("cut-\(cut).fits")
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: file))
            #expect(FrameFile().isComplete(path: file) == false, "cut at \(cut)")
        }
        let cube = path("cube-complete.fits")
        try FITSWriter(sampleType: .float32).write((0..<3).map { _ in Frame(shape: FrameShape(rows: 5, columns: 7), pixels: .init(repeating: 1, count: 35)) }, to: cube)
        #expect(FrameFile().isComplete(path: cube) == true)
        var withExtension = FITSBytes.cards(["SIMPLE  = T", "BITPIX  = 8", "NAXIS   = 0", "EXTEND  = T"])
        withExtension += FITSBytes.cards(["XTENSION= 'IMAGE   '", "BITPIX  = 16", "NAXIS   = 2", "NAXIS1  = 2", "NAXIS2  = 1",
                                          "PCOUNT  = 0", "GCOUNT  = 1"])
        let ext = path("ext.fits")
        try Data(withExtension).write(to: URL(fileURLWithPath: ext))
        #expect(FrameFile().isComplete(path: ext) == false, "header of the extension without its data")
        try Data(withExtension + [UInt8](repeating: 0, count: 2880)).write(to: URL(fileURLWithPath: ext))
        #expect(FrameFile().isComplete(path: ext) == true)
        let text = path("text.fits")
        try "hello".write(toFile: text, atomically: false, encoding: .utf8)
        #expect(FrameFile().isComplete(path: text) == nil)
    }

    private func kind(of file: String) -> FrameError.Kind? {
        do {
            _ = try FrameFile().readFrames(path: file)
            return nil
        } catch {
            return error.kind
        }
    }
}

/// Hand-made FITS headers for files cfitsio would refuse to write.
enum FITSBytes {
    static func cards(_ lines: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        for line in lines + ["END"] {
            bytes += Array(line.padding(toLength: 80, withPad: " ", startingAt: 0).utf8)
        }
        let padded = (bytes.count + 2879) / 2880 * 2880
        return bytes + [UInt8](repeating: UInt8(ascii: " "), count: padded - bytes.count)
    }
}
