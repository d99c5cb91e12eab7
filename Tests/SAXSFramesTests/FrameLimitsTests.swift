import Foundation
import Testing
@testable import SAXSFrames
import SAXSTestSupport

/// Every reader holds what a file declares to `FrameLimits` before it allocates, names the limit and the declared
/// size when it refuses, and cannot be kept looping by a hostile structure: TIFF directory loops, FITS and CBF text
/// that never ends, sizes near Int.max. EDF's own cases are in EDFReaderTests.
@Suite(.timeLimit(.minutes(1))) struct FrameLimitsTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder("limits")
    }

    static let tight = FrameLimits(maximumPixelsPerFrame: 20, maximumDecodedBytes: 8 * 50, maximumFrames: 2,
                                   maximumHeaderBytes: 3_000)

    /// Within the tight limits, over their pixels per frame, over their frames: the stack to write, and the words
    /// the error must hold (nil: read without one).
    static func stacks(pixelName: String) -> [(String, [Frame], String?)] {
        let frame = { (rows: Int, columns: Int, index: Int) in
            Frame(shape: FrameShape(rows: rows, columns: columns), pixels: (0..<(rows * columns)).map(Double.init), index: index)
        }
        return [
            ("within", [frame(4, 5, 0), frame(4, 5, 1)], nil),
            ("pixels", [frame(3, 7, 0)], "\(pixelName) = 7x3 declares 21 pixels per frame, more than the limit of 20 "
                + "(FrameLimits.maximumPixelsPerFrame)"),
            ("frames", (0..<3).map { frame(2, 2, $0) }, "FrameLimits.maximumFrames"),
        ]
    }

    @Test func fitsChecksNAXISAgainstTheLimits() throws {
        for (name, frames, words) in Self.stacks(pixelName: "NAXIS1 x NAXIS2") {
            let path = folder.file("\(name).fits")
            try FITSWriter(sampleType: .int16).write(frames, to: path)
            try expect(FITSReader(limits: Self.tight), path, name, words)
        }
        let cube = folder.file("decoded.fits")
        try FITSWriter(sampleType: .int16).write((0..<2).map { _ in Frame(shape: FrameShape(rows: 4, columns: 5), pixels: .init(repeating: 1, count: 20)) },
                                                 to: cube)
        try expect(FITSReader(limits: FrameLimits(maximumDecodedBytes: 8 * 39)), cube, "decoded", "FrameLimits.maximumDecodedBytes")
        // 36 cards fill the first block; more than 3000 bytes of header need a second one.
        let keywords = (0..<40).map { ("KEY\($0)", FrameHeader.Value.integer($0)) }
        let header = folder.file("header.fits")
        try FITSWriter().write([Frame(shape: FrameShape(rows: 2, columns: 2), pixels: [1, 2, 3, 4])], to: header, keywords: keywords)
        try expect(FITSReader(limits: Self.tight), header, "header", "FrameLimits.maximumHeaderBytes")
    }

    @Test func tiffChecksItsDirectoriesAgainstTheLimits() throws {
        for (name, frames, words) in Self.stacks(pixelName: "ImageWidth x ImageLength x SamplesPerPixel") {
            let path = folder.file("\(name).tif")
            try TIFFWriter(sampleType: .int16).write(frames, to: path)
            try expect(TIFFReader(limits: Self.tight), path, name, words?.replacingOccurrences(of: "7x3", with: "7x3x1"))
        }
        let pages = folder.file("decoded.tif")
        try TIFFWriter(sampleType: .uint8).write((0..<2).map { Frame(shape: FrameShape(rows: 4, columns: 5), pixels: .init(repeating: 1, count: 20), index: $0) },
                                                 to: pages)
        try expect(TIFFReader(limits: FrameLimits(maximumDecodedBytes: 8 * 39)), pages, "decoded", "FrameLimits.maximumDecodedBytes")
    }

    @Test func cbfChecksItsDimensionsAndTextAgainstTheLimits() throws {
        let path = folder.file("frame.cbf")
        try CBFWriter().write(Frame(shape: FrameShape(rows: 3, columns: 7), pixels: .init(repeating: 5, count: 21)), to: path)
        try expect(CBFReader(limits: Self.tight), path, "pixels",
                   "X-Binary-Size-Fastest-Dimension x X-Binary-Size-Second-Dimension = 7x3 declares 21 pixels per frame")
        try expect(CBFReader(limits: FrameLimits(maximumPixelsPerFrame: 21)), path, "fits", nil)
        let long = folder.file("long-header.cbf")
        try CBFWriter().write(Frame(shape: FrameShape(rows: 1, columns: 2), pixels: [1, 2]), to: long,
                              headerContents: String(repeating: "# Comment that goes on\n", count: 200))
        try expect(CBFReader(limits: Self.tight), long, "header", "FrameLimits.maximumHeaderBytes")
    }

    private func expect(_ reader: any FrameReader, _ path: String, _ name: String, _ words: String?,
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        do {
            let frames = try reader.readFrames(path: path)
            #expect(words == nil, "\(name): read \(frames.count) frames", sourceLocation: sourceLocation)
        } catch {
            guard let words else {
                Issue.record("\(name): \(error)", sourceLocation: sourceLocation)
                return
            }
            #expect(error.kind == .unsupported && error.message.contains(words), "\(name): \(error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Declared sizes the file does not hold

    /// A few kilobytes that declare a 2 GiB frame: refused as cut short before the pixels are allocated, quickly.
    @Test func aHugeDeclaredFrameInATinyFileIsRefusedBeforeAllocating() throws {
        let clock = ContinuousClock()
        let fits = folder.file("huge.fits")
        try Data(FITSBytes.cards(["SIMPLE  = T", "BITPIX  = -64", "NAXIS   = 2", "NAXIS1  = 16384", "NAXIS2  = 16384"])
                 + [UInt8](repeating: 0, count: 2880)).write(to: URL(fileURLWithPath: fits))
        let tiff = folder.file("huge.tif")
        try TIFFBytes.file([(256, 16384), (257, 16384), (258, 64), (262, 1), (339, 3)], data: .init(repeating: 0, count: 64))
            .write(to: URL(fileURLWithPath: tiff))
        for path in [fits, tiff] {
            let start = clock.now
            let error = try #require(throws: FrameError.self) { try FrameFile().readFrames(path: path) }
            #expect(error.kind == .corrupt, "\(error)")
            #expect(clock.now - start < .seconds(1), "\(path) took \(clock.now - start)")
        }
    }

    /// Found by the fuzz test: NAXIS1 = Int.max in a one-row 8-bit image made the completeness check trap when it
    /// padded the data size to whole blocks; PCOUNT and GCOUNT near Int.max trapped in the product before it.
    @Test(arguments: [
        ["BITPIX": "8", "NAXIS1": "9223372036854775807", "NAXIS2": "1"],
        ["BITPIX": "8", "NAXIS1": "9223372036854775000", "NAXIS2": "1"],
        ["PCOUNT": "9223372036854775807"], ["GCOUNT": "9223372036854775807"], ["NAXIS1": "9223372036854775807"],
        ["PCOUNT": "-5"], ["GCOUNT": "-9223372036854775807"],
    ])
    func fitsSizesNearIntMaxGiveAnAnswerNotATrap(_ values: [String: String]) throws {
        let path = folder.file("overflow.fits")
        let cards = [("SIMPLE", "T"), ("BITPIX", "16"), ("NAXIS", "2"), ("NAXIS1", "3"), ("NAXIS2", "2"), ("PCOUNT", "0"), ("GCOUNT", "1")]
            .map { key, value in "\(key.padding(toLength: 8, withPad: " ", startingAt: 0))= \(values[key] ?? value)" }
        try Data(FITSBytes.cards(cards) + [UInt8](repeating: 0, count: 2880)).write(to: URL(fileURLWithPath: path))
        #expect(FITSReader().isComplete(path: path) != true, "\(values)")
        // cfitsio ignores PCOUNT and GCOUNT in a primary image; whatever it makes of them, no trap.
        _ = try? FrameFile().readFrames(path: path)
    }

    /// Found by the fuzz test: cfitsio 4.2 grows its output without end, 28,800 bytes at a time, when a GZIP tile's
    /// stream ends after the tile's bytes do. The reader inflates each such tile itself first.
    @Test func aGzipTileCutShortIsCorruptNotAHang() throws {
        let path = folder.file("gzip-tiles.fits")
        let frame = Frame(shape: FrameShape(rows: 5, columns: 6), pixels: (0..<30).map { Double($0 * 1_000 - 7_000) })
        try FITSWriter(sampleType: .int32, compression: .gzip).write([frame], to: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(try FrameFile().readFrames(path: path).first?.pixels == frame.pixels)

        // The table's first row is the first tile's descriptor: its length and heap offset, 32-bit big-endian.
        let table = try #require(bytes.firstRange(of: Array("XTENSION= 'BINTABLE'".utf8))).lowerBound
        let end = try #require(stride(from: table, to: bytes.count, by: 80).first { bytes[$0..<($0 + 3)].elementsEqual("END".utf8) })
        let row = (end + 80 + 2879) / 2880 * 2880
        let length = bytes[row..<(row + 4)].reduce(0) { $0 << 8 | Int($1) }
        // Four bytes short: the gzip trailer's length field is cut off, the stream no longer ends.
        bytes.replaceSubrange(row..<(row + 4), with: withUnsafeBytes(of: UInt32(length - 4).bigEndian) { Array($0) })
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: FrameError.self) { try FrameFile().readFrames(path: path) }
        #expect(error.kind == .corrupt && error.message.contains("tile 1") && error.message.contains("cut short"), "\(error)")
    }

    /// Found by the fuzz test: cfitsio 4.2 aborts the process (glibc's fortify check on an overrun message buffer)
    /// when a keyword it reads as a 64-bit integer holds 30 characters or more of something else, and divides by a
    /// tile size or RICE block size of 0 (SIGFPE), which it also reads from `0       1`. The reader refuses such a
    /// header before cfitsio opens the file.
    @Test(arguments: [("ZBITPIX", "= '\(String(repeating: "x", count: 40))'"), ("ZNAXIS1", "= '\(String(repeating: "x", count: 40))'"),
                      ("ZTILE1", "= " + String(repeating: "9x", count: 20)), ("NAXIS2", "= '\(String(repeating: "x", count: 40))'"),
                      ("ZTILE2", "= 0"), ("ZTILE1", "= 0       5"), ("ZTILE1", "= -1"), ("ZVAL1", "= 0   32"), ("ZVAL2", "= 0"),
                      // No blank after the "=": cfitsio reads the value all the same.
                      ("ZVAL1", "=" + String(repeating: "X", count: 40)),
                      // A tile wider than the image: cfitsio returned pixels it never decoded, different on each read.
                      ("ZNAXIS1", "= 3"),
                      // Another sample type or sample width: cfitsio decoded pixels it never wrote.
                      ("ZBITPIX", "= -1"), ("ZVAL2", "= 3"),
                      // 52 digits: cfitsio's conversion to 64 bits aborted on the overflow's message.
                      ("ZVAL1", "= " + String(repeating: "9", count: 52))])
    func hostileTileCompressionKeywordsAreCorruptNotACrash(keyword: String, field: String) throws {
        let path = folder.file("hostile-\(keyword).fits")
        try FITSWriter(sampleType: .int16, compression: .rice)
            .write([Frame(shape: FrameShape(rows: 4, columns: 5), pixels: (0..<20).map(Double.init))], to: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let name = Array(keyword.padding(toLength: 8, withPad: " ", startingAt: 0).utf8)
        let card = try #require(stride(from: 2880, to: bytes.count, by: 80).first { bytes[$0..<($0 + 8)].elementsEqual(name) })
        bytes.replaceSubrange((card + 8)..<(card + 80), with: Array(field.padding(toLength: 72, withPad: " ", startingAt: 0).utf8))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: FrameError.self) { try FrameFile().readFrames(path: path) }
        let value = field.dropFirst().drop { $0 == " " }
        #expect(error.kind == .corrupt && error.message.contains("\(keyword) = \(value)"), "\(error)")
    }

    /// Found by the fuzz test: a tile descriptor of 0xFFFFFFFF bytes made the reader (and cfitsio after it) allocate
    /// 4 GiB for one tile of a file of 8 kB. Descriptors must lie inside the heap.
    @Test(arguments: [FITSWriter.Compression.gzip, .rice])
    func aTileDescriptorBeyondTheHeapIsCorrupt(compression: FITSWriter.Compression) throws {
        let path = folder.file("descriptor-\(compression).fits")
        try FITSWriter(sampleType: .int32, compression: compression)
            .write([Frame(shape: FrameShape(rows: 5, columns: 6), pixels: (0..<30).map(Double.init))], to: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let table = try #require(bytes.firstRange(of: Array("XTENSION= 'BINTABLE'".utf8))).lowerBound
        let end = try #require(stride(from: table, to: bytes.count, by: 80).first { bytes[$0..<($0 + 3)].elementsEqual("END".utf8) })
        let row = (end + 80 + 2879) / 2880 * 2880
        bytes.replaceSubrange(row..<(row + 4), with: [0xFF, 0xFF, 0xFF, 0xFF])
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let clock = ContinuousClock()
        let start = clock.now
        let error = try #require(throws: FrameError.self) { try FrameFile().readFrames(path: path) }
        #expect(error.kind == .corrupt && error.message.contains("tile 1"), "\(error)")
        #expect(clock.now - start < .seconds(1))
    }

    /// Found by the fuzz test (as heap corruption detected later): cfitsio 4.2 decodes an HCOMPRESS tile of the size
    /// its stream claims into a buffer of the size the header gives. A tile claiming another size is refused.
    @Test func anHcompressTileOfAnotherSizeIsCorrupt() throws {
        let path = folder.file("hcompress.fits")
        let frame = Frame(shape: FrameShape(rows: 16, columns: 16), pixels: (0..<256).map { Double($0 % 17) })
        try FITSWriter(sampleType: .int16, compression: .hcompress).write([frame], to: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(try FrameFile().readFrames(path: path).first?.pixels == frame.pixels)
        // The first tile's stream: DD 99, then its height and width.
        let stream = try #require(bytes.firstRange(of: [0xDD, 0x99])).lowerBound
        bytes.replaceSubrange((stream + 2)..<(stream + 6), with: [0, 0, 1, 0])
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: FrameError.self) { try FrameFile().readFrames(path: path) }
        #expect(error.kind == .corrupt && error.message.contains("not an HCOMPRESS stream of its 16x"), "\(error)")
        #expect(FITSReader.tileSize(row: 5, axes: [10, 7], tile: [4, 3]) == [4, 3])
        #expect(FITSReader.tileSize(row: 9, axes: [10, 7], tile: [4, 3]) == [2, 1])
    }

    // MARK: Structures that could loop

    /// Found by the fuzz test: PCOUNT = -4096 in an image extension made cfitsio step back to an earlier HDU for the
    /// next one and count HDUs without end, its memory growing. Negative sizes are refused before cfitsio opens the
    /// file; bytes after the last HDU that are no extension stay ignored, as cfitsio ignores them.
    @Test(arguments: ["PCOUNT  = -4096", "GCOUNT  = -1", "NAXIS2  = -2"])
    func aNegativeSizeIsCorruptNotAnEndlessCount(card: String) throws {
        let path = folder.file("negative.fits")
        let cards = ["XTENSION= 'IMAGE   '", "BITPIX  = 16", "NAXIS   = 2", "NAXIS1  = 3", "NAXIS2  = 2", "PCOUNT  = 0", "GCOUNT  = 1"]
            .map { $0.prefix(8) == card.prefix(8) ? card : $0 }
        try Data(FITSBytes.cards(["SIMPLE  = T", "BITPIX  = 8", "NAXIS   = 0", "EXTEND  = T"]) + FITSBytes.cards(cards)
                 + [UInt8](repeating: 0, count: 2880)).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: FrameError.self) { try FrameFile().readFrames(path: path) }
        #expect(error.kind == .corrupt && error.message.contains("cannot be negative"), "\(error)")

        let trailing = folder.file("trailing.fits")
        try FITSWriter().write([Frame(shape: FrameShape(rows: 2, columns: 2), pixels: [1, 2, 3, 4])], to: trailing)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: trailing)))
        bytes += Array("NAXIS1  = 'not a number at all, and long enough to hurt cfitsio'".utf8) + [UInt8](repeating: 0, count: 2880)
        try Data(bytes).write(to: URL(fileURLWithPath: trailing))
        #expect(try FrameFile().readFrames(path: trailing).first?.pixels == [1, 2, 3, 4])
    }

    /// libtiff refuses a directory chain that comes back on itself; the reader and the completeness check end.
    @Test func aTIFFDirectoryLoopEnds() throws {
        let source = folder.file("pages.tif")
        try TIFFWriter(sampleType: .uint16).write((0..<3).map { Frame(shape: FrameShape(rows: 2, columns: 2), pixels: [1, 2, 3, 4], index: $0) },
                                                  to: source)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))
        let layout = try #require(FuzzTIFFLayout(bytes))
        #expect(layout.directories.count == 3)
        for target in [layout.directories[0].offset, layout.directories[1].offset, layout.directories[2].offset] {
            var looped = bytes
            let pointer = layout.directories[2].nextPointer
            looped.replaceSubrange(pointer..<(pointer + 4), with: withUnsafeBytes(of: UInt32(target).littleEndian) { Array($0) })
            let path = folder.file("loop-\(target).tif")
            try Data(looped).write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: FrameError.self) { try FrameFile().readFrames(path: path) }
            #expect(error.kind == .corrupt && error.frame == 3, "\(error)")
            #expect(TIFFReader().isComplete(path: path) == nil)
        }
    }

    /// Text that never reaches what ends it: an EDF header without `}`, a CBF without a binary section, a FITS
    /// header without END. Each is refused at the end of the file or at the header limit, without reading further.
    @Test func textThatNeverEndsIsRefused() throws {
        let filler = [UInt8](String(repeating: "Key = Value ;\n", count: 400).utf8)
        let cases: [(String, [UInt8], any FrameReader)] = [
            ("edf", Array("{\n".utf8) + filler, EDFReader(limits: Self.tight)),
            ("cbf", Array("###CBF: VERSION 1.5\r\n".utf8) + filler, CBFReader(limits: Self.tight)),
            ("fits", FITSBytes.cards(["SIMPLE  = T", "BITPIX  = 16", "NAXIS   = 0"]).dropLast(2880 - 3 * 80)
                + [UInt8](repeating: UInt8(ascii: " "), count: 2880 * 3), FITSReader(limits: Self.tight)),
        ]
        for (name, bytes, reader) in cases {
            let path = folder.file("endless.\(name)")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: FrameError.self, "\(name)") { try reader.readFrames(path: path) }
            #expect([.unsupported, .corrupt].contains(error.kind), "\(name): \(error)")
            #expect(reader.isComplete(path: path) != true, "\(name)")
        }
        // A CBF text longer than the first read but within the limit is read on, not refused.
        let long = folder.file("long.cbf")
        try CBFWriter().write(Frame(shape: FrameShape(rows: 2, columns: 3), pixels: [1, 2, 3, 4, 5, 6]), to: long,
                              headerContents: String(repeating: "# Comment that goes on\n", count: 10_000))
        #expect(try CBFReader().readFrames(path: long).first?.pixels == [1, 2, 3, 4, 5, 6])
        #expect(CBFReader().isComplete(path: long) == true)
    }

    /// A binary size too small for one byte per pixel is refused before the pixels are allocated.
    @Test func aCBFBinarySizeBelowOneBytePerPixelIsCorrupt() throws {
        let path = folder.file("small-size.cbf")
        try CBFWriter().write(Frame(shape: FrameShape(rows: 3, columns: 7), pixels: .init(repeating: 5, count: 21)), to: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let line = try #require(bytes.firstRange(of: Array("X-Binary-Size: 21\r".utf8)))
        bytes.replaceSubrange(line, with: Array("X-Binary-Size: 20\r".utf8))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: FrameError.self) { try CBFReader().readFrames(path: path) }
        #expect(error.kind == .corrupt && error.message.contains("less than the 21 pixels"), "\(error)")
    }
}
