import Foundation
import Testing
@testable import SAXSFrames
import SAXSTestSupport

/// Real Pilatus 1M EDF frames from Xi-cam in ../shared/data, checked against fabio's numbers, EDF files of every
/// data type, byte order and layout that these tests write byte by byte, and gzip, zlib and bzip2 blocks written by
/// `EDFWriter` and, for gzip and zlib, by an encoder of stored deflate blocks here, independent of zlib.
@Suite struct EDFReaderTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder("edf")
    }

    // MARK: Real frames

    /// What fabio reads: `d = fabio.open(path).data`; d.shape, d.sum(), d.min(), d.max(), d[0, 0], d[-1, -1],
    /// d[0].sum(), and the position of d.argmax().
    struct XicamFrame: Sendable, CustomTestStringConvertible {
        var name: String
        var statistics: Statistics
        var first: Double
        var last: Double
        var firstRowSum: Double
        var date: String
        var testDescription: String { name }
    }

    static let xicamFrames = [
        XicamFrame(name: "AgB_10s_hi_1m.edf", statistics: Statistics(sum: 150385408, min: 0, max: 875935, negatives: 0),
                   first: 9, last: 3, firstRowSum: 4364, date: "Fri Jul 19 00:42:22 2013"),
        XicamFrame(name: "AgB_10s_lo_1m.edf", statistics: Statistics(sum: 152767469, min: 0, max: 867744, negatives: 0),
                   first: 3, last: 0, firstRowSum: 5552, date: "Fri Jul 19 00:42:07 2013"),
    ]

    @Test(.needsSharedData, arguments: xicamFrames)
    func readsTheXicamPilatus1MFrame(_ expected: XicamFrame) throws {
        let path = SharedFiles.data("xicam/\(expected.name)")
        let (format, frames) = try FrameFile().read(path: path)
        #expect(format == "edf")
        let frame = try #require(frames.first)
        #expect(frames.count == 1 && frame.index == 0)
        #expect(frame.shape == FrameShape(rows: 1043, columns: 981))
        #expect(Statistics(frame.pixels) == expected.statistics)
        #expect(frame[0, 0] == expected.first)
        #expect(frame[1042, 980] == expected.last)
        // The brightest pixel and the first row's sum: a frame flipped or transposed would miss both.
        #expect(frame[984, 368] == expected.statistics.max)
        #expect(frame.pixels[0..<981].reduce(0, +) == expected.firstRowSum)

        let header = frame.header
        #expect(header["HeaderID"] == .string("EH:000001:000000:000000"))
        #expect(header["Image"] == .integer(1))
        #expect(header["VersionNumber"] == .real(0.1))
        #expect(header["ByteOrder"] == .string("LowByteFirst"))
        #expect(header["DataType"] == .string("SignedInteger"))
        #expect(header["Dim_1"] == .integer(981))
        #expect(header["Dim_2"] == .integer(1043))
        #expect(header["Size"] == .integer(4_092_732))
        #expect(header["Date"] == .string(expected.date))
        #expect(header["count_time"] == .real(10))
        // The value holds a CR before its `;`, as SPEC wrote it; trimmed like fabio does.
        #expect(header["title"] == .string("# Pixel_size 172e-6 m x 172e-6 m"))
        #expect(header["run"] == .integer(0))
        #expect(header.exposureTime == 10)
        #expect(header.entries.map(\.key) == ["HeaderID", "Image", "VersionNumber", "ByteOrder", "DataType", "Dim_1",
                                             "Dim_2", "Size", "Date", "count_time", "title", "run"])
        #expect(FrameFile().isComplete(path: path) == true)
    }

    @Test(.needsSharedData) func truncatedRealFramesAreCorruptAndIncomplete() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: SharedFiles.data("xicam/AgB_10s_hi_1m.edf")))
        for cut in [1, 2, 100, 1022, 1023, 1024, 1025, bytes.count / 2, bytes.count - 1] {
            let file = folder.file("cut-\(cut).edf")
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: file))
            let error = try #require(throws: FrameError.self) { try FrameFile().readFrames(path: file) }
            #expect(error.kind == .corrupt, "cut at \(cut)")
            #expect(error.path == file && error.frame == nil, "cut at \(cut)")
            #expect(error.message.contains("cut short"), "cut at \(cut): \(error.message)")
            #expect(EDFReader().isComplete(path: file) == false, "cut at \(cut)")
        }
    }

    // MARK: Written files

    /// Every spelling of every DataType, with values at the edges of its range.
    static let typeNames: [(name: String, type: EDFDataType)] = [
        ("UnsignedByte", .uint8), ("UnsignedChar", .uint8), ("SignedByte", .int8), ("SignedChar", .int8),
        ("UnsignedShort", .uint16), ("UnsignedShortInteger", .uint16), ("SignedShort", .int16), ("SignedShortInteger", .int16),
        ("UnsignedInteger", .uint32), ("UnsignedLong", .uint32), ("UnsignedLongInteger", .uint32),
        ("SignedInteger", .int32), ("SignedLong", .int32), ("SignedLongInteger", .int32),
        ("Unsigned64", .uint64), ("Signed64", .int64),
        ("FloatValue", .float32), ("Float", .float32), ("DoubleValue", .float64), ("Double", .float64),
    ]

    @Test(arguments: typeNames.map(\.name), [false, true])
    func roundTripsEveryDataTypeInBothByteOrders(_ name: String, bigEndian: Bool) throws {
        let type = try #require(Self.typeNames.first { $0.name == name }?.type)
        let values = EDFBytes.extremes(of: type)
        let file = folder.file("\(name)-\(bigEndian).edf")
        try EDFBytes.write(file, [EDFBytes.frame(type: name, rows: 2, columns: 3, values: values, of: type, bigEndian: bigEndian)])
        let frame = try #require(try EDFReader().readFrames(path: file).first)
        #expect(frame.shape == FrameShape(rows: 2, columns: 3))
        #expect(frame.pixels.map(Sample.init) == values.map(Sample.init), "\(name), big-endian: \(bigEndian)")
        #expect(frame.header["DataType"] == .string(name))
        #expect(EDFReader().isComplete(path: file) == true)
    }

    @Test func readsEveryFrameOfAMultiFrameFile() throws {
        let file = folder.file("stack.edf")
        try EDFBytes.write(file, [
            EDFBytes.frame(type: "UnsignedShort", rows: 2, columns: 2, values: [1, 2, 3, 4], of: .uint16,
                           extra: [("Image", "1"), ("ExposureTime", "0.5")]),
            // No padding to 512 bytes, and Size beyond the pixels: the reader skips to the next `{`.
            EDFBytes.frame(type: "FloatValue", rows: 1, columns: 3, values: [0.5, -1, .nan], of: .float32, bigEndian: true,
                           extra: [("Image", "2"), ("exposure_time", "2")], headerBlock: 1, trailing: 8),
            // A bigger header block, CR-LF lines, and no Size.
            EDFBytes.frame(type: "SignedLong", rows: 3, columns: 1, values: [-5, 0, 5], of: .int32,
                           extra: [("Image", "3"), ("count_time", "1e-3")], headerBlock: 4096, newline: "\r\n", size: false),
        ])
        let frames = try FrameFile().readFrames(path: file)
        #expect(frames.map(\.index) == [0, 1, 2])
        #expect(frames.map(\.shape) == [FrameShape(rows: 2, columns: 2), FrameShape(rows: 1, columns: 3),
                                        FrameShape(rows: 3, columns: 1)])
        #expect(frames[0].pixels == [1, 2, 3, 4])
        #expect(frames[1].pixels.map(Sample.init) == [0.5, -1, .nan].map(Sample.init))
        #expect(frames[2].pixels == [-5, 0, 5])
        #expect(frames.map(\.header["Image"]) == [.integer(1), .integer(2), .integer(3)])
        #expect(frames.map(\.header.exposureTime) == [0.5, 2, 0.001])
        #expect(frames[2].header["Size"] == nil)
        #expect(FrameFile().isComplete(path: file) == true)
    }

    @Test func aMultiFrameFileCutShortNamesTheFrameAndIsIncomplete() throws {
        let frames = (1...3).map { image in
            EDFBytes.frame(type: "SignedInteger", rows: 4, columns: 5, values: (0..<20).map(Double.init), of: .int32,
                           extra: [("Image", "\(image)")])
        }
        let bytes = frames.reduce([], +)
        let first = frames[0].count
        // Inside the second header, inside the second block, and one byte short of the end.
        for (cut, frame) in [(first + 10, 1), (first + 520, 1), (bytes.count - 1, 2)] {
            let file = folder.file("stack-\(cut).edf")
            try EDFBytes.write(file, [Array(bytes.prefix(cut))])
            let error = try #require(throws: FrameError.self) { try FrameFile().readFrames(path: file) }
            #expect(error.kind == .corrupt && error.frame == frame, "cut at \(cut): \(error)")
            #expect(FrameFile().isComplete(path: file) == false, "cut at \(cut)")
        }
        // Cut between frames, the file is a complete stack of fewer frames: nothing in it says otherwise.
        let file = folder.file("stack-between.edf")
        try EDFBytes.write(file, [Array(bytes.prefix(first))])
        #expect(try FrameFile().readFrames(path: file).count == 1)
        #expect(FrameFile().isComplete(path: file) == true)
    }

    @Test func malformedAndUnsupportedHeadersGiveTheirKinds() throws {
        let pixels = [UInt8](repeating: 0, count: 16)
        let cases: [(String, [UInt8], FrameError.Kind, String)] = [
            ("no-type", EDFBytes.header([("Dim_1", "2"), ("Dim_2", "2")]) + pixels, .corrupt, "DataType"),
            ("no-dim1", EDFBytes.header([("DataType", "FloatValue"), ("Dim_2", "2")]) + pixels, .corrupt, "Dim_1"),
            ("bad-dims", EDFBytes.header([("DataType", "FloatValue"), ("Dim_1", "two"), ("Dim_2", "2")]) + pixels,
             .corrupt, "Dim_1"),
            ("byte-order", EDFBytes.header([("DataType", "FloatValue"), ("ByteOrder", "Middle"), ("Dim_1", "2"),
                                            ("Dim_2", "2")]) + pixels, .corrupt, "ByteOrder"),
            ("small-size", EDFBytes.header([("DataType", "FloatValue"), ("Dim_1", "2"), ("Dim_2", "2"), ("Size", "8")])
             + pixels, .corrupt, "Size"),
            ("unclosed", Array("{\nDataType = FloatValue ;\n".utf8) + [UInt8](repeating: 0x20, count: 2000), .corrupt,
             "cut short"),
            ("garbage-after", EDFBytes.frame(type: "UnsignedByte", rows: 1, columns: 2, values: [1, 2], of: .uint8)
             + Array("GARBAGE".utf8), .corrupt, "'{'"),
            ("type", EDFBytes.header([("DataType", "Complex"), ("Dim_1", "2"), ("Dim_2", "2")]) + pixels, .unsupported,
             "Complex"),
            ("gzip-no-size", EDFBytes.header([("DataType", "FloatValue"), ("Dim_1", "2"), ("Dim_2", "2"),
                                              ("Compression", "GzipCompression")]) + pixels, .corrupt, "no Size"),
            ("byte-offset", EDFBytes.header([("DataType", "SignedInteger"), ("Dim_1", "2"), ("Dim_2", "2"), ("Size", "16"),
                                             ("Compression", "BYTE_OFFSET")]) + pixels, .unsupported, "BYTE_OFFSET"),
            ("volume", EDFBytes.header([("DataType", "UnsignedByte"), ("Dim_1", "2"), ("Dim_2", "2"), ("Dim_3", "4")])
             + pixels, .unsupported, "3-D"),
            ("line", EDFBytes.header([("DataType", "UnsignedByte"), ("Dim_1", "16")]) + pixels, .unsupported, "1-D"),
            ("empty-image", EDFBytes.header([("DataType", "UnsignedByte"), ("Dim_1", "0"), ("Dim_2", "2")]),
             .unsupported, "empty"),
            // Checked before anything is allocated: the file is a few hundred bytes.
            ("huge", EDFBytes.header([("DataType", "DoubleValue"), ("Dim_1", "100000"), ("Dim_2", "100000")]) + pixels,
             .unsupported, "more than"),
            ("overflow", EDFBytes.header([("DataType", "DoubleValue"), ("Dim_1", "\(Int.max)"), ("Dim_2", "3")]),
             .unsupported, "more than"),
        ]
        for (name, bytes, kind, words) in cases {
            let file = folder.file("\(name).edf")
            try EDFBytes.write(file, [bytes])
            let error = try #require(throws: FrameError.self, "\(name)") { try FrameFile().readFrames(path: file) }
            #expect(error.kind == kind, "\(name): \(error)")
            #expect(error.path == file)
            #expect(error.message.contains(words), "\(name): \(error.message)")
        }
    }

    @Test func emptyMissingAndForeignFiles() throws {
        let empty = folder.file("empty.edf")
        try EDFBytes.write(empty, [])
        #expect(kind(of: empty) == .empty)
        #expect(kind(of: empty, reader: EDFReader()) == .empty)
        #expect(EDFReader().isComplete(path: empty) == false, "a file the detector has only just created")
        #expect(kind(of: folder.file("absent.edf")) == .unreadable)
        #expect(kind(of: folder.file("absent.edf"), reader: EDFReader()) == .unreadable)
        #expect(EDFReader().isComplete(path: folder.file("absent.edf")) == nil)

        // JSON opens with `{` too, but is no EDF.
        let json = folder.file("sidecar.json")
        try EDFBytes.write(json, [Array("{\n  \"schema\": \"saxsd.sidecar/1\"\n}\n".utf8)])
        #expect(kind(of: json) == .unknownFormat)
        #expect(FrameFile().isComplete(path: json) == nil)

        let padding = folder.file("padding.edf")
        try EDFBytes.write(padding, [[UInt8](repeating: 0x20, count: 600)])
        #expect(kind(of: padding, reader: EDFReader()) == .corrupt)
        #expect(EDFReader().isComplete(path: padding) == nil)

        let garbage = folder.file("garbage.edf")
        try EDFBytes.write(garbage, [Array("{\nDataType = FloatValue ;\n}\n".utf8) + [0xFF, 0x00]])
        #expect(kind(of: garbage) == .corrupt)
        #expect(FrameFile().isComplete(path: garbage) == nil, "no Dim_1 or Size: nothing tells how long the block is")
    }

    @Test func recognisesEDFByItsBraceAndFirstKey() {
        let reader = EDFReader()
        #expect(reader.recognizes(magic: Array("{\nHeaderID = EH:".utf8)))
        #expect(reader.recognizes(magic: Array("{\r\nEDF_DataBlock".utf8)))
        #expect(reader.recognizes(magic: Array("{".utf8)))
        #expect(!reader.recognizes(magic: Array("{\"schema\": 1}".utf8)))
        #expect(!reader.recognizes(magic: Array("SIMPLE  =       ".utf8)))
        #expect(!reader.recognizes(magic: []))
    }

    @Test func theDecodedBytesLimitCoversAllFramesTogether() throws {
        let file = folder.file("limit.edf")
        let frame = EDFBytes.frame(type: "UnsignedByte", rows: 3, columns: 3, values: Array(repeating: 1, count: 9), of: .uint8)
        try EDFBytes.write(file, [frame, frame])
        #expect(try EDFReader(limits: FrameLimits(maximumDecodedBytes: 18 * 8)).readFrames(path: file).count == 2)
        let error = try #require(throws: FrameError.self) {
            try EDFReader(limits: FrameLimits(maximumDecodedBytes: 10 * 8)).readFrames(path: file)
        }
        #expect(error.kind == .unsupported && error.frame == 1, "\(error)")
    }

    // MARK: Compressed blocks

    @Test(arguments: EDFDataType.allCases, EDFCompression.allCases)
    func writerRoundTripsEveryDataTypeAndCompressionInBothByteOrders(_ type: EDFDataType, compression: EDFCompression) throws {
        for bigEndian in [false, true] {
            let stack = [EDFBytes.extremes(of: type), EDFBytes.extremes(of: type).reversed()].enumerated().map { index, values in
                Frame(shape: FrameShape(rows: 2, columns: 3), pixels: Array(values), index: index)
            }
            let file = folder.file("\(type)-\(compression)-\(bigEndian).edf")
            try EDFWriter(dataType: type, bigEndian: bigEndian, compression: compression)
                .write(stack, to: file, header: [("count_time", "0.25"), ("title", "written by EDFWriter")])
            let frames = try FrameFile().readFrames(path: file)
            #expect(frames.map(\.index) == [0, 1])
            #expect(frames.map(\.shape) == stack.map(\.shape))
            for (read, written) in zip(frames, stack) {
                #expect(read.pixels.map(Sample.init) == written.pixels.map(Sample.init), "\(type) \(compression) \(bigEndian)")
            }
            let header = try #require(frames.first?.header)
            #expect(header["DataType"] == .string(type.headerName))
            #expect(header["ByteOrder"] == .string(bigEndian ? "HighByteFirst" : "LowByteFirst"))
            #expect(header["Compression"] == compression.headerValue.map(FrameHeader.Value.string))
            #expect(header.exposureTime == 0.25)
            #expect(frames.map(\.header["Image"]) == [.integer(1), .integer(2)])
            #expect(EDFReader().isComplete(path: file) == true)
        }
    }

    @Test func everySpellingOfTheCompressionKeywordReads() throws {
        let values: [Double] = (0..<12).map { Double($0 * 37 % 11) - 3 }
        let samples = EDFDataType.int16.encode(values, bigEndian: false)
        let blocks: [(String, [UInt8])] = [
            ("None", samples), ("NoCompression", samples), ("NONE", samples),
            ("gzip", StoredDeflate.gzip(samples)), ("GZIP", StoredDeflate.gzip(samples)),
            ("GzipCompression", StoredDeflate.gzip(samples)),
            ("Z", StoredDeflate.zlib(samples)), ("ZCompression", StoredDeflate.zlib(samples)), ("zlib", StoredDeflate.zlib(samples)),
            ("bz2", try #require(EDFCompression.bzip2.compress(samples))), ("BZIP2", try #require(EDFCompression.bzip2.compress(samples))),
            ("BZip2Compression", try #require(EDFCompression.bzip2.compress(samples))),
        ]
        for (name, block) in blocks {
            let file = folder.file("spelling-\(name).edf")
            try EDFBytes.write(file, [EDFBytes.header([("DataType", "SignedShort"), ("Dim_1", "4"), ("Dim_2", "3"),
                                                       ("Size", "\(block.count)"), ("Compression", name)]) + block])
            let frame = try #require(try EDFReader().readFrames(path: file).first, "\(name)")
            #expect(frame.pixels == values, "\(name)")
        }
    }

    /// Stored deflate blocks written here by the RFCs, not by zlib: several blocks, a gzip header with a file name,
    /// zero padding after the stream inside Size, as some writers leave.
    @Test func readsGzipAndZlibStreamsWrittenWithoutZlib() throws {
        let values = (0..<40_000).map { Double($0 % 251) }
        let samples = EDFDataType.uint8.encode(values, bigEndian: false)
        for (name, block) in [("GzipCompression", StoredDeflate.gzip(samples, blockSize: 7_000, fileName: "frame.raw")),
                              ("ZCompression", StoredDeflate.zlib(samples, blockSize: 65_535))] {
            let padded = block + [UInt8](repeating: 0, count: 100)
            let file = folder.file("stored-\(name).edf")
            try EDFBytes.write(file, [EDFBytes.header([("DataType", "UnsignedByte"), ("Dim_1", "200"), ("Dim_2", "200"),
                                                       ("Size", "\(padded.count)"), ("Compression", name)]) + padded])
            let frame = try #require(try FrameFile().readFrames(path: file).first)
            #expect(frame.shape == FrameShape(rows: 200, columns: 200))
            #expect(frame.pixels == values, "\(name)")
        }
    }

    @Test func compressedBlocksThatDoNotHoldTheImageAreCorrupt() throws {
        let samples = EDFDataType.float32.encode((0..<24).map(Double.init), bigEndian: false)
        let gzip = StoredDeflate.gzip(samples)
        var badChecksum = gzip
        badChecksum[badChecksum.count - 6] ^= 0x01
        var badData = try #require(EDFCompression.bzip2.compress(samples))
        badData[badData.count / 2] ^= 0x55
        let cases: [(String, dims: (Int, Int), compression: String, block: [UInt8], size: Int, words: String)] = [
            ("fewer", (5, 5), "gzip", gzip, gzip.count, "decompresses to 96 bytes, 100 expected"),
            ("more", (5, 4), "gzip", gzip, gzip.count, "more than the 80 bytes"),
            ("checksum", (6, 4), "gzip", badChecksum, badChecksum.count, "zlib"),
            ("bzip2", (6, 4), "bz2", badData, badData.count, "bzip2"),
            ("cut-by-size", (6, 4), "Z", StoredDeflate.zlib(samples), 50, "does not end within its Size = 50 bytes"),
            ("not-a-stream", (6, 4), "gzip", samples, samples.count, "zlib"),
            // A 60-byte stream claiming a 2 GiB image: refused once the stream ends, without allocating the image.
            ("huge-claim", (16_384, 16_384), "gzip", gzip, gzip.count, "decompresses to 96 bytes"),
        ]
        for (name, dims, compression, block, size, words) in cases {
            let file = folder.file("bad-\(name).edf")
            try EDFBytes.write(file, [EDFBytes.header([("DataType", "FloatValue"), ("Dim_1", "\(dims.0)"), ("Dim_2", "\(dims.1)"),
                                                       ("Size", "\(size)"), ("Compression", compression)]) + block])
            let error = try #require(throws: FrameError.self, "\(name)") { try EDFReader().readFrames(path: file) }
            #expect(error.kind == .corrupt, "\(name): \(error)")
            #expect(error.message.contains(words), "\(name): \(error.message)")
        }
    }

    @Test func aCompressedBlockCutShortIsIncomplete() throws {
        let stack = (0..<2).map { Frame(shape: FrameShape(rows: 8, columns: 8), pixels: (0..<64).map { Double($0 * $0) }, index: $0) }
        let file = folder.file("gzip-stack.edf")
        try EDFWriter(dataType: .uint16, compression: .gzip).write(stack, to: file)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let cut = folder.file("gzip-stack-cut.edf")
        try bytes.prefix(bytes.count - 3).write(to: URL(fileURLWithPath: cut))
        #expect(EDFReader().isComplete(path: cut) == false)
        let error = try #require(throws: FrameError.self) { try EDFReader().readFrames(path: cut) }
        #expect(error.kind == .corrupt && error.frame == 1 && error.message.contains("cut short"), "\(error)")
    }

    @Test func writerRefusesWhatAnEDFHeaderOrTypeCannotHold() {
        let frame = Frame(shape: FrameShape(rows: 1, columns: 2), pixels: [1, 300])
        let file = folder.file("refused.edf")
        #expect(throws: FrameError.self) { try EDFWriter(dataType: .uint8).write([frame], to: file) }
        #expect(throws: FrameError.self) { try EDFWriter(dataType: .int32).write([Frame(shape: frame.shape, pixels: [1, .nan])], to: file) }
        #expect(throws: FrameError.self) { try EDFWriter().write([], to: file) }
        for entry in [("Dim_1", "5"), ("title", "a ; b"), ("", "x"), ("a=b", "x"), ("title", "two\nlines"), ("note", "{")] {
            #expect(throws: FrameError.self, "\(entry)") { try EDFWriter().write([frame], to: file, header: [entry]) }
        }
        #expect(throws: Never.self) { try EDFWriter(dataType: .float32).write([Frame(shape: frame.shape, pixels: [1, .nan])], to: file) }
    }

    // MARK: Cross-check with fabio (scripts/edf_reference.py)

    /// Writes EDFWriter's files of every DataType, byte order and compression for scripts/edf_reference.py, which
    /// reads them with fabio: each file with `NAME.f64` (every frame's pixels, float64 little-endian, in order) and a
    /// line of `manifest.tsv`. Runs only when the script sets SAXSD_EDF_EXPORT to a folder.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SAXSD_EDF_EXPORT"] != nil, "run by scripts/edf_reference.py"))
    func exportsFilesForFabio() throws {
        let export = try #require(ProcessInfo.processInfo.environment["SAXSD_EDF_EXPORT"])
        var manifest = ""
        for type in EDFDataType.allCases {
            for compression in EDFCompression.allCases {
                for bigEndian in [false, true] {
                    let values = EDFBytes.extremes(of: type)
                    let stack = [Frame(shape: FrameShape(rows: 2, columns: 3), pixels: values),
                                 Frame(shape: FrameShape(rows: 2, columns: 3), pixels: values.reversed(), index: 1)]
                    let name = "\(type)-\(compression)-\(bigEndian ? "be" : "le")"
                    try EDFWriter(dataType: type, bigEndian: bigEndian, compression: compression)
                        .write(stack, to: "\(export)/\(name).edf", header: [("count_time", "0.25"), ("title", "saxsd \(name)")])
                    try Data(stack.flatMap(\.pixels).flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian) { Array($0) } })
                        .write(to: URL(fileURLWithPath: "\(export)/\(name).f64"))
                    manifest += "\(name).edf\t\(type)\t\(stack.count)\t2\t3\n"
                }
            }
        }
        try manifest.write(toFile: "\(export)/manifest.tsv", atomically: true, encoding: .utf8)
    }

    /// Reads the files scripts/edf_reference.py wrote with fabio and compressed by fabio's conventions, against the
    /// pixels fabio reads from them (`NAME.f64`, listed in `manifest.tsv` as file, frames, rows, columns). Runs only
    /// when the script sets SAXSD_EDF_FABIO to its folder.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SAXSD_EDF_FABIO"] != nil, "run by scripts/edf_reference.py"))
    func readsFilesFabioWrote() throws {
        let source = try #require(ProcessInfo.processInfo.environment["SAXSD_EDF_FABIO"])
        let lines = try String(contentsOfFile: "\(source)/manifest.tsv", encoding: .utf8).split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let fields = line.split(separator: "\t").map(String.init)
            let (name, count, rows, columns) = (fields[0], Int(fields[1])!, Int(fields[2])!, Int(fields[3])!)
            let frames = try EDFReader().readFrames(path: "\(source)/\(name)")
            let expected = try Data(contentsOf: URL(fileURLWithPath: "\(source)/\(name.dropLast(4)).f64")).withUnsafeBytes {
                $0.bindMemory(to: UInt64.self).map { Double(bitPattern: UInt64(littleEndian: $0)) }
            }
            #expect(frames.count == count, "\(name)")
            #expect(frames.allSatisfy { $0.shape == FrameShape(rows: rows, columns: columns) }, "\(name)")
            #expect(frames.flatMap(\.pixels).map(Sample.init) == expected.map(Sample.init), "\(name)")
            #expect(EDFReader().isComplete(path: "\(source)/\(name)") == true, "\(name)")
        }
    }

    // MARK: Limits

    @Test func headersFramesAndPixelsBeyondTheLimitsAreUnsupported() throws {
        let limits = FrameLimits(maximumPixelsPerFrame: 20, maximumDecodedBytes: 8 * 1_000, maximumFrames: 2, maximumHeaderBytes: 2_048)
        let frame = Frame(shape: FrameShape(rows: 4, columns: 5), pixels: (0..<20).map(Double.init))
        let file = folder.file("limits.edf")
        try EDFWriter().write([frame, frame], to: file)
        #expect(try EDFReader(limits: limits).readFrames(path: file).count == 2)

        let cases: [(String, [Frame], [(String, String)], String)] = [
            ("pixels", [Frame(shape: FrameShape(rows: 3, columns: 7), pixels: .init(repeating: 0, count: 21))], [],
             "Dim_1 x Dim_2 = 7x3 declares 21 pixels per frame, more than the limit of 20 (FrameLimits.maximumPixelsPerFrame)"),
            ("frames", [frame, frame, frame], [], "FrameLimits.maximumFrames"),
            ("header", [frame], [("note", String(repeating: "x", count: 3_000))], "FrameLimits.maximumHeaderBytes"),
        ]
        for (name, frames, header, words) in cases {
            let path = folder.file("limit-\(name).edf")
            try EDFWriter().write(frames, to: path, header: header)
            let error = try #require(throws: FrameError.self, "\(name)") { try EDFReader(limits: limits).readFrames(path: path) }
            #expect(error.kind == .unsupported && error.message.contains(words), "\(name): \(error)")
        }
    }

    private func kind(of file: String, reader: EDFReader? = nil) -> FrameError.Kind? {
        do {
            if let reader { _ = try reader.readFrames(path: file) } else { _ = try FrameFile().readFrames(path: file) }
            return nil
        } catch {
            return error.kind
        }
    }
}

/// A pixel value compared by its bits, so that NaN equals NaN.
private struct Sample: Equatable, CustomStringConvertible {
    var value: Double
    static func == (a: Sample, b: Sample) -> Bool { a.value.bitPattern == b.value.bitPattern || (a.value.isNaN && b.value.isNaN) }
    var description: String { "\(value)" }
}

/// EDF files written byte by byte, independently of the reader.
enum EDFBytes {
    /// A header of `Key = Value ;` lines, padded with spaces so that it fills a multiple of `headerBlock` bytes.
    static func header(_ entries: [(String, String)], headerBlock: Int = 512, newline: String = "\n") -> [UInt8] {
        var text = "{" + newline + entries.map { "\($0.0) = \($0.1) ;" + newline }.joined()
        let closing = "}" + newline
        let length = text.utf8.count + closing.utf8.count
        text += String(repeating: " ", count: (headerBlock - length % headerBlock) % headerBlock)
        return Array((text + closing).utf8)
    }

    /// One frame: header and samples, with `trailing` zero bytes inside the block that Size announces.
    static func frame(type name: String, rows: Int, columns: Int, values: [Double], of type: EDFDataType,
                      bigEndian: Bool = false, extra: [(String, String)] = [], headerBlock: Int = 512,
                      newline: String = "\n", size: Bool = true, trailing: Int = 0) -> [UInt8] {
        let data = samples(values, type, bigEndian: bigEndian) + [UInt8](repeating: 0, count: trailing)
        var entries = [("HeaderID", "EH:000001:000000:000000"), ("ByteOrder", bigEndian ? "HighByteFirst" : "LowByteFirst"),
                       ("DataType", name), ("Dim_1", "\(columns)"), ("Dim_2", "\(rows)")]
        if size { entries.append(("Size", "\(data.count)")) }
        return header(entries + extra, headerBlock: headerBlock, newline: newline) + data
    }

    static func write(_ path: String, _ parts: [[UInt8]]) throws {
        try Data(parts.reduce([], +)).write(to: URL(fileURLWithPath: path))
    }

    /// Six values at the edges of the type's range, with a NaN for the float types.
    static func extremes(of type: EDFDataType) -> [Double] {
        switch type {
        case .uint8: [0, 1, 127, 128, 254, 255]
        case .int8: [-128, -1, 0, 1, 126, 127]
        case .uint16: [0, 1, 256, 258, 32768, 65535]
        case .int16: [-32768, -258, -1, 0, 258, 32767]
        case .uint32: [0, 1, 65536, 16_777_217, 2_147_483_648, 4_294_967_295]
        case .int32: [-2_147_483_648, -16_777_217, -1, 0, 875_935, 2_147_483_647]
        case .uint64: [0, 1, 4_294_967_296, 9_007_199_254_740_992, 18_446_744_073_709_549_568, 258]
        case .int64: [-9_223_372_036_854_775_808, -9_007_199_254_740_992, -1, 0, 4_294_967_296, 9_007_199_254_740_992]
        case .float32: [0, -1.5, 0x1p-70, Double(Float.greatestFiniteMagnitude), -.infinity, .nan]
        case .float64: [0, -.pi, 1e-300, .greatestFiniteMagnitude, .infinity, .nan]
        }
    }

    private static func samples(_ values: [Double], _ type: EDFDataType, bigEndian: Bool) -> [UInt8] {
        func bytes<T: FixedWidthInteger>(_ integer: T) -> [UInt8] {
            withUnsafeBytes(of: bigEndian ? integer.bigEndian : integer.littleEndian) { Array($0) }
        }
        return values.flatMap { value -> [UInt8] in
            switch type {
            case .uint8: bytes(UInt8(value))
            case .int8: bytes(Int8(value))
            case .uint16: bytes(UInt16(value))
            case .int16: bytes(Int16(value))
            case .uint32: bytes(UInt32(value))
            case .int32: bytes(Int32(value))
            case .uint64: bytes(UInt64(value))
            case .int64: bytes(Int64(value))
            case .float32: bytes(Float(value).bitPattern)
            case .float64: bytes(value.bitPattern)
            }
        }
    }
}

/// gzip (RFC 1952) and zlib (RFC 1950) streams of stored deflate blocks (RFC 1951, BTYPE 00), written without zlib so
/// that the reader is checked against the formats, not against the library that also decodes them.
enum StoredDeflate {
    static func gzip(_ data: [UInt8], blockSize: Int = 65_535, fileName: String? = nil) -> [UInt8] {
        // Magic, deflate, FNAME flag when named, no modification time, no extra flags, unknown OS.
        var stream: [UInt8] = [0x1F, 0x8B, 8, fileName == nil ? 0 : 0x08, 0, 0, 0, 0, 0, 0xFF]
        if let fileName { stream += Array(fileName.utf8) + [0] }
        return stream + blocks(data, blockSize) + little(crc32(data)) + little(UInt32(truncatingIfNeeded: data.count))
    }

    static func zlib(_ data: [UInt8], blockSize: Int = 65_535) -> [UInt8] {
        // CMF 0x78 (deflate, 32 KiB window) and FLG 0x01, so that CMF * 256 + FLG is a multiple of 31.
        [0x78, 0x01] + blocks(data, blockSize) + little(adler32(data)).reversed()
    }

    private static func blocks(_ data: [UInt8], _ size: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var start = 0
        repeat {
            let end = min(start + size, data.count)
            let length = UInt16(end - start)
            // BFINAL in bit 0, BTYPE 00, then padding to the byte boundary.
            bytes += [end == data.count ? 1 : 0] + little(length) + little(~length) + data[start..<end]
            start = end
        } while start < data.count
        return bytes
    }

    private static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    private static func little<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}
