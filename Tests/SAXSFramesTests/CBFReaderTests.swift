import Foundation
import Testing
@testable import SAXSFrames
import SAXSTestSupport

/// Pilatus mini-CBF: a file written by fabio (an independent byte-offset encoder and MD5), and files of every
/// delta width, shape and defect that CBFWriter makes.
@Suite struct CBFReaderTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder("cbf")
    }

    // MARK: fabio's file

    /// 8 columns x 6 rows written by fabio 2026.6 with a Dectris header: the output of scripts/cbf_reference.py.
    static let fabioFile = [
        "IyMjQ0JGOiBWRVJTSU9OIDEuNSwgRmFiSU8gdmVyc2lvbiAyMDI2LjYuMCAoMTUvMDYvMjAyNikgLSBFdXJvcGVhbiBTeW5jaHJvdHJvbiBSYW",
        "RpYXRpb24gRmFjaWxpdHksIEdyZW5vYmxlLCBGcmFuY2UNCmRhdGFfZmFiaW8NCl9hcnJheV9kYXRhLmhlYWRlcl9jb252ZW50aW9uICAgICAg",
        "ICBQSUxBVFVTXzEuMg0KX2FycmF5X2RhdGEuaGVhZGVyX2NvbnRlbnRzDQo7DQojIERldGVjdG9yOiBQSUxBVFVTIDFNLCBTL04gMTAtMDAwMA",
        "0KIyAyMDI0LTA1LTAxVDEyOjAwOjAwLjAwMA0KIyBQaXhlbF9zaXplIDE3MmUtNiBtIHggMTcyZS02IG0NCiMgU2lsaWNvbiBzZW5zb3IsIHRo",
        "aWNrbmVzcyAwLjAwMDQ1MCBtDQojIEV4cG9zdXJlX3RpbWUgMC41MDAwMDAwIHMNCiMgRXhwb3N1cmVfcGVyaW9kIDAuNTEwMDAwMCBzDQojIF",
        "dhdmVsZW5ndGggMS4wMzMyIEENCiMgRGV0ZWN0b3JfZGlzdGFuY2UgMi41MDAwMCBtDQojIEJlYW1feHkgKDMuNTAsIDIuMjUpIHBpeGVscw0K",
        "Ow0KDQpfYXJyYXlfZGF0YS5kYXRhDQo7DQotLUNJRi1CSU5BUlktRk9STUFULVNFQ1RJT04tLQ0KQ29udGVudC1UeXBlOiBhcHBsaWNhdGlvbi",
        "9vY3RldC1zdHJlYW07DQogICAgIGNvbnZlcnNpb25zPSJ4LUNCRl9CWVRFX09GRlNFVCINCkNvbnRlbnQtVHJhbnNmZXItRW5jb2Rpbmc6IEJJ",
        "TkFSWQ0KWC1CaW5hcnktU2l6ZTogMTY2DQpYLUJpbmFyeS1JRDogMQ0KWC1CaW5hcnktRWxlbWVudC1UeXBlOiAic2lnbmVkIDMyLWJpdCBpbn",
        "RlZ2VyIg0KWC1CaW5hcnktRWxlbWVudC1CeXRlLU9yZGVyOiBMSVRUTEVfRU5ESUFODQpDb250ZW50LU1ENTogKzBmSG5mYjA5U3FNcUwyeHNo",
        "TWRiZz09DQpYLUJpbmFyeS1OdW1iZXItb2YtRWxlbWVudHM6IDQ4DQpYLUJpbmFyeS1TaXplLUZhc3Rlc3QtRGltZW5zaW9uOiA4DQpYLUJpbm",
        "FyeS1TaXplLVNlY29uZC1EaW1lbnNpb246IDYNClgtQmluYXJ5LVNpemUtUGFkZGluZzogMQ0KDQoMGgTVAAH+/4CBAIAC/4D/AIAA/4B/AQGA",
        "/36AAIACAP//gACA//8AAIAAgAAA//+AAID/fwEAgACAoYYAAIAAgF95/n8B/4AAgAEAAID/BoAAgGsRAQCAAIAg3f3/gACAfBEBAAEBAQEBAQ",
        "GA1QOAMPiAAIAooAAAgACAgMf+/4AAgECcAECAAIABAACAgACAAgAAQAH6AAEAAQCAAID+//9/gACACQAAgA0KDQotLUNJRi1CSU5BUlktRk9S",
        "TUFULVNFQ1RJT04tLS0tDQo7",
    ].joined()

    /// The pixels fabio reads back from its own file, row by row (scripts/cbf_reference.py prints them).
    static let fabioPixels: [Double] = [
        0, 1, -1, -2, 127, -127, 128, -128, 255, 256, 32767, -32767, 32768, -32768, 65535, 100000,
        2147483647, -2147483648, 2147483647, 0, -1, 5, 70000, -70000, 12, 13, 14, 15, 16, 17, 18, 19,
        1000, -1000, 40000, -40000, 1073741824, -1073741823, 3, 4, -2, -2, -1, -1, 0, 0, 2147483646, 7,
    ]

    @Test func readsTheFileFabioWrote() throws {
        let path = try write(Data(base64Encoded: Self.fabioFile)!, as: "fabio.cbf")
        let (format, frames) = try FrameFile(readers: [CBFReader()]).read(path: path)
        #expect(format == "cbf")
        let frame = try #require(frames.first)
        #expect(frames.count == 1)
        #expect(frame.index == 0)
        #expect(frame.shape == FrameShape(rows: 6, columns: 8))
        #expect(frame.pixels == Self.fabioPixels)
        #expect(frame[2, 0] == 2147483647, "row-major, columns along the fast dimension")

        let header = frame.header
        #expect(header.exposureTime == 0.5)
        #expect(header["Exposure_period"] == .real(0.51))
        #expect(header["Wavelength"] == .real(1.0332))
        #expect(header["Detector_distance"] == .real(2.5))
        #expect(header["Beam_xy"] == .string("(3.50, 2.25) pixels"))
        #expect(header["Beam_x"] == .real(3.5))
        #expect(header["Beam_y"] == .real(2.25))
        #expect(header["Pixel_size_x"] == .real(172e-6))
        #expect(header["Sensor_thickness"] == .real(0.00045))
        #expect(header["Date"] == .string("2024-05-01T12:00:00.000"))
        #expect(CBFReader().isComplete(path: path) == true)
    }

    @Test func theDefaultFrameFileKnowsCBF() throws {
        let path = try write(Data(base64Encoded: Self.fabioFile)!, as: "default.cbf")
        #expect(try FrameFile().read(path: path).format == "cbf")
        #expect(FrameFile().isComplete(path: path) == true)
    }

    @Test func refusesFabiosFileWhenAByteOfItsDataChanged() throws {
        var bytes = [UInt8](Data(base64Encoded: Self.fabioFile)!)
        // The first delta after the binary marker; a changed value still decodes, only Content-MD5 catches it.
        let marker = try #require(bytes.firstRange(of: CBFBinarySection.binaryMarker))
        bytes[marker.upperBound + 1] ^= 0x02
        let path = try write(Data(bytes), as: "changed.cbf")
        #expect(try readError(path).kind == .corrupt)
        #expect(try readError(path).message.contains("Content-MD5"))
    }

    @Test func writesWhatFabioWrites() throws {
        // The same pixels through CBFWriter compress to fabio's bytes: both follow the byte-offset rules.
        let fabio = [UInt8](Data(base64Encoded: Self.fabioFile)!)
        let path = folder.file("ours.cbf")
        try CBFWriter().write(Frame(shape: FrameShape(rows: 6, columns: 8), pixels: Self.fabioPixels), to: path)
        let ours = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(try compressedBytes(ours) == compressedBytes(fabio))
        #expect(try md5Line(ours) == md5Line(fabio))
    }

    // MARK: Byte-offset code

    @Test(arguments: [
        // (previous, value, bytes): each width, its last value, and the escape value that must go to the next one.
        (0, 127, [0x7F]), (0, -127, [0x81]), (0, 128, [0x80, 0x80, 0x00]), (0, -128, [0x80, 0x80, 0xFF]),
        (0, 32767, [0x80, 0xFF, 0x7F]), (0, -32767, [0x80, 0x01, 0x80]),
        (0, 32768, [0x80, 0x00, 0x80, 0x00, 0x80, 0x00, 0x00]), (0, -32768, [0x80, 0x00, 0x80, 0x00, 0x80, 0xFF, 0xFF]),
        (0, Int(Int32.max), [0x80, 0x00, 0x80, 0xFF, 0xFF, 0xFF, 0x7F]),
        (0, -Int(Int32.max), [0x80, 0x00, 0x80, 0x01, 0x00, 0x00, 0x80]),
        (0, Int(Int32.min), [0x80, 0x00, 0x80, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x80, 0xFF, 0xFF, 0xFF, 0xFF]),
        // Differences wrap in 32 bits, as CBFlib and fabio take them.
        (Int(Int32.max), Int(Int32.min), [0x01]), (Int(Int32.min), Int(Int32.max), [0xFF]),
    ] as [(Int, Int, [UInt8])])
    func encodesEachDeltaWidth(previous: Int, value: Int, bytes: [UInt8]) throws {
        let encoded = CBFByteOffset.encode([Int32(previous), Int32(value)])
        let first = CBFByteOffset.encode([Int32(previous)])
        #expect(Array(encoded.dropFirst(first.count)) == bytes)
        let decoded = try encoded.withUnsafeBytes { try CBFByteOffset.decode($0, count: 2, as: .int32) }
        #expect(decoded == [Double(previous), Double(value)])
    }

    @Test(arguments: [
        (CBFByteOffset.ElementType.int8, [-1, 126]), (.uint8, [255, 126]), (.int16, [-1, 126]), (.uint16, [65535, 126]),
        (.int32, [-1, 126]), (.uint32, [4_294_967_295, 126]),
    ] as [(CBFByteOffset.ElementType, [Double])])
    func runningValuesWrapInTheElementType(type: CBFByteOffset.ElementType, pixels: [Double]) throws {
        // -1, then +127: unsigned types read 0 - 1 as their largest value, and wrap back to 126.
        let decoded = try [UInt8]([0xFF, 0x7F]).withUnsafeBytes { try CBFByteOffset.decode($0, count: 2, as: type) }
        #expect(decoded == pixels)
    }

    @Test func decodingNeverReadsPastTheBytesItIsGiven() {
        var generator = SystemRandomNumberGenerator()
        // Escape-heavy garbage: every cut lands inside a 16, 32 or 64-bit delta sooner or later.
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in [0x80, 0x00, 0xFF, 0x7F, 0x01].randomElement(using: &generator)! } as [UInt8]
            for count in [0, 1, length / 3, length, length + 1] {
                _ = try? bytes.withUnsafeBytes { try CBFByteOffset.decode($0, count: count, as: .int32) }
            }
        }
        #expect(throws: CBFByteOffset.Failure.tooShort(decoded: 1)) {
            try [UInt8]([0x05, 0x80, 0x00]).withUnsafeBytes { try CBFByteOffset.decode($0, count: 2, as: .int32) }
        }
        #expect(throws: CBFByteOffset.Failure.tooLong(unused: 2)) {
            try [UInt8]([0x05, 0x01, 0x01]).withUnsafeBytes { try CBFByteOffset.decode($0, count: 1, as: .int32) }
        }
    }

    // MARK: Round trips

    @Test func roundTripsEveryDeltaWidthOnANonSquareFrame() throws {
        let shape = FrameShape(rows: 5, columns: 7)
        var values: [Int32] = [0, 1, -1, -2, 127, -1, 127, 255, -32767, 1, 32768, -32768, Int32.max, Int32.min, Int32.max,
                               0, Int32.min, -1, -2, 1 << 30, -(1 << 30), 100_000, -100_000, 40, 41, 39, 1_000_000, -2]
        values += (0..<(shape.pixelCount - values.count)).map { Int32($0 * 997 % 50_000) - 2 }
        let frame = Frame(shape: shape, pixels: values.map(Double.init))
        let path = folder.file("widths.cbf")
        try CBFWriter().write(frame, to: path, headerContents: Self.header)

        let read = try #require(try FrameFile(readers: [CBFReader()]).readFrames(path: path).first)
        #expect(read.shape == shape)
        #expect(read.pixels == frame.pixels)
        #expect(read[1, 0] == 255, "row 1 starts at the eighth pixel")
        #expect(read.header.exposureTime == 1.5)
        #expect(read.header["Wavelength"] == .real(0.9537))
        #expect(read.header["Detector_distance"] == .real(3.2))
        #expect(read.header["Beam_x"] == .real(487.5))
        #expect(read.header["Beam_y"] == .real(97.25))
        #expect(CBFReader().isComplete(path: path) == true)
    }

    @Test(arguments: [FrameShape(rows: 1, columns: 1), FrameShape(rows: 1, columns: 300), FrameShape(rows: 195, columns: 487)])
    func roundTripsShapes(shape: FrameShape) throws {
        let pixels = (0..<shape.pixelCount).map { Double(($0 * 7919) % 70_000) - 2 }
        let path = folder.file("shape.cbf")
        try CBFWriter().write(Frame(shape: shape, pixels: pixels), to: path)
        let read = try #require(try CBFReader().readFrames(path: path).first)
        #expect(read.shape == shape)
        #expect(read.pixels == pixels)
        #expect(read.header.entries.isEmpty, "no Dectris header, no entries")
    }

    @Test func writerRefusesPixelsThatAreNotThirtyTwoBitCounts() {
        for pixel in [0.5, Double.nan, 3e9] {
            #expect(throws: FrameError.self) {
                try CBFWriter().write(Frame(shape: FrameShape(rows: 1, columns: 1), pixels: [pixel]), to: folder.file("bad.cbf"))
            }
        }
    }

    // MARK: Cut and broken files

    @Test func aFileCutShortIsIncompleteAndCorrupt() throws {
        let whole = try writtenFrame()
        let marker = try #require(whole.firstRange(of: CBFBinarySection.binaryMarker))
        let dataEnd = marker.upperBound + (try compressedBytes(whole)).count
        for length in [7, 100, marker.lowerBound - 3, marker.lowerBound + 2, marker.upperBound, marker.upperBound + 10, dataEnd - 1] {
            let path = try write(Data(whole.prefix(length)), as: "cut.cbf")
            #expect(CBFReader().isComplete(path: path) == false, "cut at \(length)")
            #expect(try readError(path).kind == .corrupt, "cut at \(length)")
            #expect(FrameFile(readers: [CBFReader()]).isComplete(path: path) == false)
        }
        // The data is whole; only padding and the closing boundary are missing.
        for length in [dataEnd, dataEnd + 100] {
            let path = try write(Data(whole.prefix(length)), as: "padding.cbf")
            #expect(CBFReader().isComplete(path: path) == true)
            #expect(try CBFReader().readFrames(path: path).first?.shape == FrameShape(rows: 4, columns: 6))
        }
    }

    @Test func emptyMissingAndGarbageFilesGiveTheirKinds() throws {
        let file = FrameFile(readers: [CBFReader()])
        #expect(try fileError(file, write(Data(), as: "empty.cbf")).kind == .empty)
        #expect(try fileError(file, folder.file("absent.cbf")).kind == .unreadable)
        #expect(try fileError(file, write(Data("not a frame".utf8), as: "text.cbf")).kind == .unknownFormat)

        var generator = SystemRandomNumberGenerator()
        for length in [0, 10, 1000] {
            let garbage = Data("###CBF: VERSION 1.5\r\n".utf8) + Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let path = try write(garbage, as: "garbage.cbf")
            #expect(try readError(path).kind == .corrupt)
            #expect(CBFReader().isComplete(path: path) == false, "no binary section yet")
        }
        #expect(CBFReader().isComplete(path: folder.file("absent.cbf")) == nil)
    }

    @Test(arguments: [
        ("X-Binary-Number-of-Elements: 24", "X-Binary-Number-of-Elements: 25", FrameError.Kind.corrupt),
        ("X-Binary-Size-Second-Dimension: 4", "X-Binary-Size-Second-Dimension: 3", .corrupt),
        ("X-Binary-Size-Fastest-Dimension: 6", "X-Binary-Size-Fastest-Dimension: x", .corrupt),
        ("X-Binary-Number-of-Elements: 24", "X-Binary-Elements: 24", .corrupt),
        ("Content-MD5: ", "Content-MD5: ==", .corrupt),
        ("X-Binary-Number-of-Elements: 24", "X-Binary-Number-of-Elements: 0", .corrupt),
        ("x-CBF_BYTE_OFFSET", "x-CBF_PACKED", .unsupported),
        ("Content-Transfer-Encoding: BINARY", "Content-Transfer-Encoding: BASE64", .unsupported),
        ("LITTLE_ENDIAN", "BIG_ENDIAN", .unsupported),
        ("signed 32-bit integer", "signed 32-bit real IEEE", .unsupported),
    ] as [(String, String, FrameError.Kind)])
    func inconsistentSectionHeadersAreRefused(old: String, new: String, kind: FrameError.Kind) throws {
        let path = try write(Data(replacing(old, with: new, in: try writtenFrame())), as: "edited.cbf")
        #expect(try readError(path).kind == kind)
    }

    @Test func binarySizeMustMatchThePixelsExactly() throws {
        let whole = try writtenFrame()
        let size = try compressedBytes(whole).count
        for wrong in [size - 1, size + 1, 0, -5] {
            let path = try write(Data(replacing("X-Binary-Size: \(size)\r", with: "X-Binary-Size: \(wrong)\r", in: whole)), as: "size.cbf")
            #expect(try readError(path).kind == .corrupt, "X-Binary-Size \(wrong) for \(size)")
        }
        let huge = try write(Data(replacing("X-Binary-Size: \(size)\r", with: "X-Binary-Size: 99999999999\r", in: whole)), as: "huge.cbf")
        #expect(try readError(huge).kind == .corrupt)
        #expect(CBFReader().isComplete(path: huge) == false)
        // A size whose end cannot be a file offset is not a cut file, it is wrong.
        let impossible = try write(Data(replacing("X-Binary-Size: \(size)\r", with: "X-Binary-Size: \(Int.max)\r", in: whole)),
                                   as: "impossible.cbf")
        #expect(try readError(impossible).kind == .corrupt)
        #expect(CBFReader().isComplete(path: impossible) == nil)
    }

    @Test func framesAboveThePixelLimitAreRefusedBeforeDecoding() throws {
        let path = try write(Data(try writtenFrame()), as: "limit.cbf")
        #expect(throws: FrameError.self) { try CBFReader(limits: FrameLimits(maximumPixelsPerFrame: 23)).readFrames(path: path) }
        #expect(try CBFReader(limits: FrameLimits(maximumPixelsPerFrame: 24)).readFrames(path: path).count == 1)
    }

    // MARK: MD5 and base64

    @Test func md5MatchesPublishedDigests() {
        func hex(_ bytes: [UInt8]) -> String {
            bytes.withUnsafeBytes { MD5.digest($0) }.map { String($0, radix: 16).leftPadded }.joined()
        }
        #expect(hex([]) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(hex(Array("abc".utf8)) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(hex(Array("The quick brown fox jumps over the lazy dog".utf8)) == "9e107d9d372bb6826bd81d3542a419d6")
        // Lengths around the 56 and 64-byte block edges, against Python's hashlib.
        let counting = (0..<200).map { UInt8($0) }
        let expected = [55: "6912ee65fff2d9f9ce2508cddf8bcda0", 56: "51fdd1acda72405dfdfa03fcb85896d7",
                        63: "48a6295221902e8e0938f773a7185e72", 64: "b2d3f56bc197fd985d5965079b5e7148",
                        65: "8bd7053801c768420faf816fadba971c", 200: "fb7001d34b8e82c9b579be5005d5b0a5"]
        for (length, digest) in expected {
            #expect(hex(Array(counting.prefix(length))) == digest, "\(length) bytes")
        }
    }

    @Test func base64RoundTripsAndRefusesNonsense() {
        for length in 0..<10 {
            let bytes = (0..<length).map { UInt8($0 * 37 % 256) }
            #expect(Base64.encode(bytes) == Data(bytes).base64EncodedString())
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
        for nonsense in ["abc", "ab=c", "a===", "ab*d", "==ab"] {
            #expect(Base64.decode(nonsense) == nil, "\(nonsense)")
        }
    }

    // MARK: Helpers

    static let header = """
        # Detector: PILATUS 100K, S/N 1-0000
        # Pixel_size 172e-6 m x 172e-6 m
        # Exposure_time 1.5 s
        # Wavelength 0.9537 A
        # Detector_distance 3.2 m
        # Beam_xy (487.50, 97.25) pixels
        """

    /// A 6 x 4 frame as CBFWriter writes it.
    private func writtenFrame() throws -> [UInt8] {
        let path = folder.file("source.cbf")
        let pixels = (0..<24).map { Double($0 * $0 * 300) - 2 }
        try CBFWriter().write(Frame(shape: FrameShape(rows: 4, columns: 6), pixels: pixels), to: path, headerContents: Self.header)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private func write(_ data: Data, as name: String) throws -> String {
        let path = folder.file(name)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The X-Binary-Size bytes after the binary marker.
    private func compressedBytes(_ file: [UInt8]) throws -> [UInt8] {
        let text = String(decoding: file, as: UTF8.self)
        let line = try #require(text.split(separator: "\r\n").first { $0.hasPrefix("X-Binary-Size: ") })
        let size = try #require(Int(line.dropFirst("X-Binary-Size: ".count)))
        let marker = try #require(file.firstRange(of: CBFBinarySection.binaryMarker))
        return Array(file[marker.upperBound..<(marker.upperBound + size)])
    }

    private func md5Line(_ file: [UInt8]) throws -> Substring {
        try #require(String(decoding: file, as: UTF8.self).split(separator: "\r\n").first { $0.hasPrefix("Content-MD5") })
    }

    private func replacing(_ old: String, with new: String, in bytes: [UInt8]) throws -> [UInt8] {
        var bytes = bytes
        let range = try #require(bytes.firstRange(of: Array(old.utf8)), "\(old)")
        bytes.replaceSubrange(range, with: Array(new.utf8))
        return bytes
    }

    private func readError(_ path: String) throws -> FrameError {
        try fileError(FrameFile(readers: [CBFReader()]), path)
    }

    private func fileError(_ file: FrameFile, _ path: String) throws -> FrameError {
        do {
            _ = try file.readFrames(path: path)
        } catch {
            return error
        }
        Issue.record("\(path) was read without an error")
        throw FrameError(.corrupt, path: path, "expected an error")
    }
}

extension String {
    fileprivate var leftPadded: String { count == 1 ? "0" + self : self }
}
