import CTIFF
import Foundation
import Testing
@testable import SAXSFrames
import SAXSTestSupport

/// Real Pilatus TIFFs from ../shared/data, checked against numbers that fabio and Pillow agree on
/// (scripts/tiff_reference.py), and TIFFs of every kind that TIFFWriter makes.
@Suite struct TIFFReaderTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder("tiff")
    }

    // MARK: Real frames

    @Test(.needsSharedData) func readsThePilatus100KFrameOfBioXTASRAW() throws {
        let frame = try onlyFrame(SharedFiles.data("bioxtasraw/GI2_A9_19_001_0000.tiff"))
        #expect(frame.shape == FrameShape(rows: 195, columns: 487))
        #expect(Statistics(frame.pixels) == Statistics(sum: 594964, min: -2, max: 39, negatives: 1))
        #expect(frame[0, 0] == 10)
        #expect(frame[97, 243] == 5)
        #expect(frame[194, 486] == 10)
        // The brightest pixel, and the first row's sum: a frame flipped or transposed would miss both.
        #expect(frame[95, 473] == 39)
        #expect(frame.pixels[0..<487].reduce(0, +) == 3053)

        let header = frame.header
        #expect(header.exposureTime == 1)
        #expect(header["Exposure_time"] == .real(1))
        #expect(header["Exposure_period"] == .real(1.02))
        #expect(header["Tau"] == .real(199.1e-9))
        #expect(header["Count_cutoff"] == .integer(1380198))
        #expect(header["Threshold_setting"] == .integer(5000))
        #expect(header["Gain_setting"] == .string("mid gain (vrf = -0.200)"))
        #expect(header["Detector_distance"] == .real(1))
        // As stored: this detector left the beam centre at zero and wrote no wavelength (GI2.poni has both).
        #expect(header["Beam_xy"] == .string("(0.00, 0.00) pixels"))
        #expect(header["Beam_x"] == .real(0))
        #expect(header["Beam_y"] == .real(0))
        #expect(header["Wavelength"] == nil)
        #expect(header["Pixel_size_x"] == .real(172e-6))
        #expect(header["Pixel_size_y"] == .real(172e-6))
        #expect(header["Sensor_material"] == .string("Silicon"))
        #expect(header["Sensor_thickness"] == .real(0.00032))
        #expect(header["Oscillation_axis"] == .string("X, CW"))
        #expect(header["Model"] == .string("PILATUS 100K-S, S/N 1-0299,"))
        #expect(header["Software"] == .string("TVX TIFF v 1.3"))
        #expect(header["DateTime"] == .string("2015:11:14 14:02:45"))
        #expect(header["ImageDescription"] == nil, "a Dectris header is parsed, not kept whole")
        #expect(header["Artist"] == nil, "a blank tag is left out")
    }

    @Test(.needsSharedData) func readsTheSAXSLABFrameWithItsParameterBlock() throws {
        let frame = try onlyFrame(SharedFiles.data("bioxtasraw/saxslab_image.tiff"))
        #expect(frame.shape == FrameShape(rows: 619, columns: 487))
        #expect(Statistics(frame.pixels) == Statistics(sum: 34737747, min: -2, max: 230504, negatives: 20650))
        #expect(frame[0, 0] == -1)
        #expect(frame[309, 243] == 68)
        #expect(frame[353, 270] == 230504)
        #expect(frame.header.exposureTime == 999)
        #expect(frame.header["Model"] == .string("PILATUS3 300K, S/N 3-0327"))
        #expect(frame.header["wavelength"] == .real(1.5418))
        #expect(frame.header["detector_dist"] == .real(487.5608))
        #expect(frame.header["beamcenter_actual"] == .string("359.10    267.30"))
        #expect(frame.header["detectortype"] == .string("Pilatus"))
        #expect(frame.header["Artist"] == nil, "the parameter block is parsed, not kept whole")
    }

    @Test(.needsSharedData) func readsTheDioptasPilatus1MFrame() throws {
        let path = SharedFiles.data("dioptas/CeO2_Pilatus1M.tif")
        let (format, frames) = try FrameFile().read(path: path)
        #expect(format == "tiff")
        let frame = try #require(frames.first)
        #expect(frames.count == 1 && frame.index == 0)
        #expect(frame.shape == FrameShape(rows: 1043, columns: 981))
        #expect(Statistics(frame.pixels) == Statistics(sum: 126770499, min: -2, max: 621698, negatives: 73560))
        #expect(frame[0, 0] == 34)
        #expect(frame[521, 490] == -1)
        #expect(frame[1042, 980] == 39)
        #expect(frame[463, 742] == 621698)
        #expect(frame.pixels[0..<981].reduce(0, +) == 85155)
        #expect(frame.header.exposureTime == 3)
        #expect(frame.header["Beam_x"] == .real(498.18))
        #expect(frame.header["Beam_y"] == .real(515.77))
        #expect(frame.header["Detector_distance"] == .real(0.21143))
        #expect(frame.header["Polarization"] == .real(0.99))
        #expect(frame.header["N_excluded_pixels"] == .integer(27))
    }

    // MARK: Round trips through TIFFWriter

    @Test(arguments: TIFFSampleType.allCases)
    func roundTripsEverySampleTypeExactly(type: TIFFSampleType) throws {
        let values: [Double] = switch type {
        case .uint8: [0, 1, 2, 127, 128, 200, 254, 255, 3, 4, 5, 6]
        case .int8: [-128, -1, 0, 1, 127, 2, 3, 4, 5, 6, 7, 8]
        case .uint16: [0, 1, 32767, 32768, 65535, 40000, 2, 3, 4, 5, 6, 7]
        case .int16: [-32768, -1, 0, 1, 32767, 2, 3, 4, 5, 6, 7, 8]
        case .uint32: [0, 1, 2147483647, 2147483648, 4294967295, 3000000000, 2, 3, 4, 5, 6, 7]
        case .int32: [-2147483648, -1, 0, 2147483647, 5, 6, 7, 8, 9, 10, 11, 12]
        case .uint64: [0, 1, 9007199254740992, 4294967296, 18446744073709549568.0, 2, 3, 4, 5, 6, 7, 8]
        case .int64: [-9007199254740992, 9007199254740992, 0, -1, 1, 2, 3, 4, 5, 6, 7, 8]
        case .float32: [0.5, -1.25, 17179869184, .nan, .infinity, 2, 3, 4, 5, 6, 7, 8]
        case .float64: [0.1, -1e300, .nan, 1e-300, 1, 2, 3, 4, 5, 6, 7, 8]
        }
        let shape = FrameShape(rows: 3, columns: 4)
        let file = folder.file("roundtrip-\(type).tif")
        try TIFFWriter(sampleType: type).write([Frame(shape: shape, pixels: values)], to: file,
                                                tags: [(.software, "saxsd tests"), (.make, "DECTRIS")])
        let frame = try onlyFrame(file)
        #expect(frame.shape == shape)
        for (read, written) in zip(frame.pixels, values) {
            if written.isNaN { #expect(read.isNaN, "\(type)") } else { #expect(read == written, "\(type)") }
        }
        #expect(frame.header["Software"] == .string("saxsd tests"))
        #expect(frame.header["Make"] == .string("DECTRIS"))
        #expect(FrameFile().isComplete(path: file) == true)
    }

    /// Layouts the writer makes and the reader must put back in place: strips that do not divide the height,
    /// tiles that overhang both edges, every codec, both byte orders, BigTIFF.
    static let layouts: [TIFFWriter] = [
        TIFFWriter(sampleType: .int32),
        TIFFWriter(sampleType: .uint16, layout: .strips(rowsPerStrip: 1)),
        TIFFWriter(sampleType: .float32, layout: .strips(rowsPerStrip: 7), compression: .lzw),
        TIFFWriter(sampleType: .int32, layout: .strips(rowsPerStrip: 10), compression: .deflate),
        TIFFWriter(sampleType: .int16, layout: .strips(rowsPerStrip: 4), compression: .packBits),
        TIFFWriter(sampleType: .uint32, layout: .tiles(width: 16, length: 16)),
        TIFFWriter(sampleType: .float64, layout: .tiles(width: 32, length: 16), compression: .deflate),
        TIFFWriter(sampleType: .int32, layout: .strips(rowsPerStrip: 5), bigEndian: true),
        TIFFWriter(sampleType: .float32, layout: .tiles(width: 16, length: 32), compression: .lzw, bigEndian: true),
        TIFFWriter(sampleType: .int32, layout: .strips(rowsPerStrip: 6), bigTIFF: true),
        TIFFWriter(sampleType: .uint16, layout: .tiles(width: 16, length: 16), bigEndian: true, bigTIFF: true),
    ]

    @Test(arguments: TIFFReaderTests.layouts.indices)
    func roundTripsStripsTilesCodecsAndByteOrders(layout: Int) throws {
        let writer = Self.layouts[layout]
        let shape = FrameShape(rows: 37, columns: 45)
        // Distinct in every pixel, so a strip or tile put in the wrong place shows.
        let pixels = (0..<shape.pixelCount).map { Double($0 % 30_000) - (writer.sampleType == .uint16 || writer.sampleType == .uint32 ? 0 : 700) }
        let file = folder.file("layout-\(layout).tif")
        try writer.write([Frame(shape: shape, pixels: pixels)], to: file)

        let magic = try Array(Data(contentsOf: URL(fileURLWithPath: file)).prefix(4))
        let expectedMagic: [UInt8] = switch (writer.bigEndian, writer.bigTIFF) {
        case (false, false): [0x49, 0x49, 0x2A, 0x00]
        case (true, false): [0x4D, 0x4D, 0x00, 0x2A]
        case (false, true): [0x49, 0x49, 0x2B, 0x00]
        case (true, true): [0x4D, 0x4D, 0x00, 0x2B]
        }
        #expect(magic == expectedMagic)
        #expect(TIFFReader().recognizes(magic: magic))
        let frame = try onlyFrame(file)
        #expect(frame.shape == shape)
        #expect(frame.pixels == pixels)
        #expect(TIFFReader().isComplete(path: file) == true)
    }

    @Test func multiPageFileIsAStackOfFrames() throws {
        let shapes = [FrameShape(rows: 4, columns: 5), FrameShape(rows: 4, columns: 5), FrameShape(rows: 2, columns: 3)]
        let pages = shapes.enumerated().map { page, shape in
            Frame(shape: shape, pixels: (0..<shape.pixelCount).map { Double($0 + 100 * page) })
        }
        let file = folder.file("stack.tif")
        try TIFFWriter(sampleType: .uint16, layout: .strips(rowsPerStrip: 3), compression: .lzw)
            .write(pages, to: file, tags: [(.imageDescription, "# Pixel_size 75e-6 m x 75e-6 m\r\n# Exposure_time 0.5 s\r\n")])
        let frames = try FrameFile().readFrames(path: file)
        #expect(frames.map(\.index) == [0, 1, 2])
        #expect(frames.map(\.shape) == shapes)
        #expect(frames.map(\.pixels) == pages.map(\.pixels))
        #expect(frames.allSatisfy { $0.header.exposureTime == 0.5 })
        #expect(FrameFile().isComplete(path: file) == true)
    }

    @Test func pilatusHeaderValuesLoseTheirUnitsAndPairsSplit() throws {
        let description = """
            # Detector: PILATUS3 1M, 1-0113\r
            # 2014-10-24T16:33:09.000\r
            # Pixel_size 172e-6 m x 172e-6 m\r
            # Silicon sensor, thickness 0.000450 m\r
            # Exposure_time 0.0950000 s\r
            # Wavelength 1.2450 A\r
            # Detector_distance 1.50000 m\r
            # Beam_xy (487.00, 97.00) pixels\r
            # Flux 0.000000\r
            # Energy_range (0, 0) eV\r
            # Threshold_setting: 4024 eV\r
            # Flat_field: (nil)\r
            # Start_angle -3.5000 deg.\r

            """
        let file = folder.file("pilatus.tif")
        try TIFFWriter(sampleType: .int32).write([Frame(shape: FrameShape(rows: 1, columns: 2), pixels: [1, 2])], to: file,
                                                 tags: [(.imageDescription, description), (.model, "PILATUS3 1M")])
        let header = try onlyFrame(file).header
        #expect(header["Detector"] == .string("PILATUS3 1M, 1-0113"))
        #expect(header["Date"] == .string("2014-10-24T16:33:09.000"))
        #expect(header["Pixel_size"] == .string("172e-6 m x 172e-6 m"))
        #expect(header["Pixel_size_y"] == .real(172e-6))
        #expect(header["Sensor_thickness"] == .real(0.00045))
        #expect(header.exposureTime == 0.095)
        #expect(header["Wavelength"] == .real(1.245))
        #expect(header["Detector_distance"] == .real(1.5))
        #expect(header["Beam_xy"] == .string("(487.00, 97.00) pixels"))
        #expect(header["Beam_x"] == .real(487))
        #expect(header["Beam_y"] == .real(97))
        #expect(header["Flux"] == .real(0))
        #expect(header["Energy_range_high"] == .integer(0))
        #expect(header["Threshold_setting"] == .integer(4024))
        #expect(header["Flat_field"] == .string("(nil)"))
        #expect(header["Start_angle"] == .real(-3.5))
        #expect(header["Model"] == .string("PILATUS3 1M"))
        #expect(header["ImageDescription"] == nil)
    }

    @Test func otherDescriptionsAreKeptWhole() throws {
        let file = folder.file("described.tif")
        let description = "{\"shape\": [2, 2]}\n# not a detector header"
        try TIFFWriter(sampleType: .uint8).write([Frame(shape: FrameShape(rows: 2, columns: 2), pixels: [1, 2, 3, 4])], to: file,
                                                 tags: [(.imageDescription, description)])
        #expect(try onlyFrame(file).header["ImageDescription"] == .string(description))
    }

    @Test func writerRefusesPixelsItsTypeCannotHold() throws {
        let frame = Frame(shape: FrameShape(rows: 1, columns: 3), pixels: [1, 70000, 2])
        let file = folder.file("overflow.tif")
        let error = try #require(throws: FrameError.self) { try TIFFWriter(sampleType: .uint16).write([frame], to: file) }
        #expect(error.kind == .unsupported)
        #expect(error.message.contains("(0, 1) = 70000.0"))
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(throws: FrameError.self) {
            try TIFFWriter(sampleType: .int32).write([Frame(shape: frame.shape, pixels: [1, .nan, 2])], to: file)
        }
    }

    // MARK: Files that are not frames

    @Test func emptyFileIsEmptyOrCorrupt() throws {
        let file = folder.file("empty.tif")
        try Data().write(to: URL(fileURLWithPath: file))
        #expect(kind(of: file) == .empty)
        #expect(kind(of: file, reader: TIFFReader()) == .corrupt)
    }

    @Test func garbageAfterTheMagicIsCorrupt() throws {
        let file = folder.file("garbage.tif")
        var bytes: [UInt8] = [0x49, 0x49, 0x2A, 0x00, 0xFF, 0x00, 0x00, 0x10]
        var state: UInt32 = 12345
        for _ in 0..<500 {
            state = state &* 1_103_515_245 &+ 12345
            bytes.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        #expect(kind(of: file) == .corrupt)
        let directoryInGarbage = folder.file("garbage-directory.tif")
        bytes[4...7] = [0x08, 0x00, 0x00, 0x00]
        try Data(bytes).write(to: URL(fileURLWithPath: directoryInGarbage))
        let outcome = kind(of: directoryInGarbage)
        #expect(outcome == .corrupt || outcome == .unsupported, "a random directory may parse, but never as a frame")
    }

    @Test(.needsSharedData) func truncatedFramesAreCorruptWithLibtiffsReason() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: SharedFiles.data("dioptas/CeO2_Pilatus1M.tif")))
        for cut in [6, 100, 4096, bytes.count / 2, bytes.count - 1] {
            let file = folder.file("cut-\(cut).tif")
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: file))
            let error = try #require(throws: FrameError.self) { try FrameFile().readFrames(path: file) }
            #expect(error.kind == .corrupt, "cut at \(cut)")
            #expect(error.path == file)
            #expect(error.message.contains("libtiff: "), "cut at \(cut): \(error.message)")
        }
    }

    @Test func truncatedMultiPageFileNamesThePage() throws {
        let pages = (0..<3).map { page in Frame(shape: FrameShape(rows: 8, columns: 8), pixels: .init(repeating: Double(page), count: 64)) }
        let file = folder.file("stack.tif")
        try TIFFWriter(sampleType: .float32).write(pages, to: file)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let cut = folder.file("stack-cut.tif")
        try bytes.prefix(bytes.count - 10).write(to: URL(fileURLWithPath: cut))
        let error = try #require(throws: FrameError.self) { try FrameFile().readFrames(path: cut) }
        #expect(error.kind == .corrupt)
        #expect(error.frame == 2)
        #expect(FrameFile().isComplete(path: cut) == false)
    }

    @Test func colourAndOneBitImagesAreUnsupported() throws {
        let rgb = folder.file("rgb.tif")
        try TIFFBytes.file([(256, 2), (257, 2), (258, 8), (262, 2), (277, 3), (278, 2)], data: .init(repeating: 9, count: 12))
            .write(to: URL(fileURLWithPath: rgb))
        let rgbError = try #require(throws: FrameError.self) { try FrameFile().readFrames(path: rgb) }
        #expect(rgbError.kind == .unsupported)
        #expect(rgbError.message.contains("3 samples per pixel"))

        let bits = folder.file("bilevel.tif")
        try TIFFBytes.file([(256, 16), (257, 2), (258, 1), (262, 1), (278, 2)], data: .init(repeating: 0xF0, count: 4))
            .write(to: URL(fileURLWithPath: bits))
        #expect(kind(of: bits) == .unsupported)
    }

    @Test func absurdDimensionsAreRefusedBeforeAllocating() throws {
        let file = folder.file("absurd.tif")
        try TIFFBytes.file([(256, 4_000_000), (257, 4_000_000), (258, 32), (262, 1), (278, 4_000_000)], data: .init(repeating: 0, count: 16))
            .write(to: URL(fileURLWithPath: file))
        let error = try #require(throws: FrameError.self) { try FrameFile().readFrames(path: file) }
        #expect(error.kind == .unsupported)
        #expect(error.message.contains("4000000x4000000"))

        let small = folder.file("small.tif")
        try TIFFWriter(sampleType: .uint8).write([Frame(shape: FrameShape(rows: 10, columns: 10), pixels: .init(repeating: 1, count: 100))], to: small)
        #expect(kind(of: small, reader: TIFFReader(limits: FrameLimits(maximumPixelsPerFrame: 99))) == .unsupported)
    }

    @Test func missingFileIsUnreadable() {
        #expect(kind(of: folder.file("does-not-exist.tif")) == .unreadable)
        #expect(kind(of: folder.file("does-not-exist.tif"), reader: TIFFReader()) == .unreadable)
    }

    /// libtiff's own handlers print to stderr; a service reading thousands of frames must stay quiet. The
    /// reason reaches the FrameError instead (checked in the truncation tests).
    @Test func libtiffIsSilencedProcessWide() throws {
        let file = folder.file("quiet.tif")
        try Data([0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, 0x00]).write(to: URL(fileURLWithPath: file))
        #expect(kind(of: file) == .corrupt)
        #expect(TIFFSetErrorHandler(nil) == nil)
        #expect(TIFFSetWarningHandler(nil) == nil)
    }

    // MARK: Completeness

    @Test(.needsSharedData) func completenessFollowsTheStripTable() throws {
        let reference = SharedFiles.data("dioptas/CeO2_Pilatus1M.tif")
        #expect(FrameFile().isComplete(path: reference) == true)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: reference))
        for cut in [4, 7, 100, 4096, bytes.count / 2, bytes.count - 1] {
            let file = folder.file("cut-\(cut).tif")
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: file))
            #expect(FrameFile().isComplete(path: file) == false, "cut at \(cut)")
        }
    }

    @Test func completenessOfWrittenFilesAndUndecidableOnes() throws {
        // libtiff writes each page's data before its directory: a cut anywhere loses a strip or a directory.
        let file = folder.file("tiled.tif")
        let pages = (0..<2).map { _ in Frame(shape: FrameShape(rows: 40, columns: 50), pixels: .init(repeating: 3, count: 2000)) }
        try TIFFWriter(sampleType: .int32, layout: .tiles(width: 16, length: 16), bigTIFF: true).write(pages, to: file)
        #expect(FrameFile().isComplete(path: file) == true)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        for cut in stride(from: 8, to: bytes.count, by: 997) {
            let partial = folder.file("tiled-\(cut).tif")
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: partial))
            #expect(FrameFile().isComplete(path: partial) == false, "cut at \(cut)")
        }

        // Not yet given a first directory: the header's offset is still 0.
        let fresh = folder.file("fresh.tif")
        try Data([0x49, 0x49, 0x2A, 0x00, 0, 0, 0, 0]).write(to: URL(fileURLWithPath: fresh))
        #expect(FrameFile().isComplete(path: fresh) == false)

        // Without StripByteCounts nothing says where the data ends.
        let noCounts = folder.file("no-counts.tif")
        try TIFFBytes.file([(256, 2), (257, 2), (258, 8), (262, 1), (278, 2)], data: [1, 2, 3, 4], byteCounts: false)
            .write(to: URL(fileURLWithPath: noCounts))
        #expect(FrameFile().isComplete(path: noCounts) == nil)
        let text = folder.file("text.tif")
        try "hello".write(toFile: text, atomically: false, encoding: .utf8)
        #expect(FrameFile().isComplete(path: text) == nil)
    }

    // MARK: Helpers

    private func onlyFrame(_ path: String) throws -> Frame {
        let frames = try FrameFile().readFrames(path: path)
        #expect(frames.count == 1)
        return try #require(frames.first)
    }

    private func kind(of file: String, reader: TIFFReader? = nil) -> FrameError.Kind? {
        do {
            if let reader { _ = try reader.readFrames(path: file) } else { _ = try FrameFile().readFrames(path: file) }
            return nil
        } catch {
            return error.kind
        }
    }
}

/// What scripts/tiff_reference.py prints for a frame.
struct Statistics: Equatable, CustomStringConvertible {
    var sum: Double
    var min: Double
    var max: Double
    var negatives: Int

    init(sum: Double, min: Double, max: Double, negatives: Int) {
        self.sum = sum
        self.min = min
        self.max = max
        self.negatives = negatives
    }

    init(_ pixels: [Double]) {
        self.init(sum: pixels.reduce(0, +), min: pixels.min() ?? .nan, max: pixels.max() ?? .nan,
                  negatives: pixels.count { $0 < 0 })
    }

    var description: String { "sum \(sum), min \(min), max \(max), \(negatives) negative" }
}

/// Hand-made classic little-endian TIFFs, for directories libtiff's writer would refuse to make.
enum TIFFBytes {
    /// One directory of single-valued SHORT fields (LONG where the value needs it), with StripOffsets (and
    /// StripByteCounts unless `byteCounts` is false) pointing at `data`, which follows the directory.
    static func file(_ fields: [(tag: UInt16, value: UInt32)], data: [UInt8], byteCounts: Bool = true) -> Data {
        var entries = fields
        let count = fields.count + (byteCounts ? 2 : 1)
        let dataOffset = UInt32(8 + 2 + 12 * count + 4)
        entries.append((273, dataOffset))
        if byteCounts { entries.append((279, UInt32(data.count))) }
        var bytes: [UInt8] = [0x49, 0x49, 0x2A, 0x00] + little(UInt32(8))
        bytes += little(UInt16(count))
        for (tag, value) in entries.sorted(by: { $0.tag < $1.tag }) {
            let type: UInt16 = value > UInt16.max || tag == 273 || tag == 279 ? 4 : 3
            bytes += little(tag) + little(type) + little(UInt32(1)) + little(value)
        }
        bytes += little(UInt32(0))
        return Data(bytes + data)
    }

    private static func little<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}

extension Trait where Self == ConditionTrait {
    /// Real detector frames live in ../shared/data beside the checkout, as in CI; without it these tests skip.
    static var needsSharedData: Self {
        .enabled(if: FileManager.default.fileExists(atPath: SharedFiles.data("README.md")),
                 "needs the real detector frames of ../shared/data beside the checkout")
    }
}
