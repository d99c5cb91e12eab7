import Foundation
import Testing
@testable import SAXSFrames
import SAXSTestSupport

/// Hostile files: thousands of truncated, bit-flipped, overwritten and re-numbered variants of small valid files of
/// every format, through every reader entry point. Each call must either return frames that keep the frame contract
/// and the limits or throw a FrameError. A trap fails the run by crashing it, a hang by the time limit, a slow call
/// (a hang in the making) by its own check.
///
/// Seeded, so a failure replays: SAXSD_FUZZ_SEED and SAXSD_FUZZ_ITERATIONS (per format) override the normal run,
/// SAXSD_FUZZ_FIRST starts at a later iteration (to replay one), SAXSD_FUZZ_FORMATS narrows the run to some formats
/// (`fits,edf`), SAXSD_FUZZ_REPLAY runs one kept variant again, and SAXSD_FUZZ_KEEP names a folder that receives
/// each format's current variant (what a crash leaves behind) and every variant that broke the contract.
/// scripts/fuzz_frames.sh runs a long campaign in release mode.
@Suite struct FrameFuzzTests {
    @Test(.timeLimit(FuzzSettings.timeLimit), arguments: FuzzFormat.allCases)
    func mutatedFilesGiveFramesOrFrameErrors(_ format: FuzzFormat) throws {
        guard FuzzSettings.formats.contains(format) else { return }
        let folder = try TemporaryFolder("fuzz-\(format)")
        let seeds = try FuzzSeeds.make(format, in: folder)
        let mutator = FuzzMutator(format: format, seeds: seeds)
        let directory = FuzzSettings.keep ?? folder.path
        let path = "\(directory)/variant.\(format).\(format.fileExtension)"
        var tally = FuzzTally()
        for iteration in FuzzSettings.first..<(FuzzSettings.first + FuzzSettings.iterations) {
            var random = SeededGenerator(seed: FuzzSettings.seed, stream: format.stream, index: UInt64(iteration))
            let (variant, recipe) = mutator.variant(&random)
            try FuzzSeeds.write(variant, to: path)
            // One run in four under limits the seeds exceed, so that the limits' own checks are in the line of fire.
            let limits = random.next() % 4 == 0 ? FuzzSettings.tightLimits : FrameLimits()
            var problems = FuzzCheck.exercise(path, format: format, limits: limits, random: &random, tally: &tally)
            // Every call must leave libhdf5 holding nothing of the file, or the next variant written to the same
            // path would be read from this one's cached structures.
            let leaked = HDF5Library.openIdentifiers(path: path)
            if leaked > 0 { problems.append("libhdf5 still holds \(leaked) identifiers in the file") }
            if !problems.isEmpty {
                if let keep = FuzzSettings.keep {
                    try FuzzSeeds.write(variant, to: "\(keep)/failed.\(format).\(iteration).\(format.fileExtension)")
                }
                for problem in problems {
                    Issue.record("\(format) iteration \(iteration) (SAXSD_FUZZ_SEED=\(FuzzSettings.seed), \(recipe)): \(problem)")
                }
            }
        }
        print("fuzz \(format): \(FuzzSettings.iterations) variants from seed \(FuzzSettings.seed): \(tally)")
        // A mutator that only ever broke the magic, or never broke anything, would prove nothing.
        if FuzzSettings.iterations >= 500 {
            #expect(tally.frames > FuzzSettings.iterations / 50, "too few variants still read: \(tally)")
            #expect(tally.errors[.corrupt, default: 0] > FuzzSettings.iterations / 10, "too few corrupt variants: \(tally)")
            #expect(tally.errors[.unsupported, default: 0] > 0, "no variant hit a limit or an unsupported layout: \(tally)")
        }
    }

    /// Found by the fuzz test: libtiff reports this corrupt deflate tile as decoded whole while leaving bytes of it
    /// unwritten, so the frame took whatever the decode buffer held before, and two reads of one file differed. The
    /// buffer now starts zeroed; each read below follows an allocation of the same size left full of another pattern.
    @Test func aTileLibtiffLeavesPartlyUnwrittenReadsTheSameEveryTime() throws {
        let folder = try TemporaryFolder("fuzz-tile")
        var bytes = try #require(try FuzzSeeds.make(.tiff, in: folder).first { $0.name == "float32-tiles" }).bytes
        bytes.replaceSubrange(177..<200, with: repeatElement(0, count: 23))
        let path = folder.file("tile.tif")
        try FuzzSeeds.write(bytes, to: path)
        let reads = try (0..<4).map { pattern in
            let dirty = UnsafeMutableRawBufferPointer.allocate(byteCount: 1024, alignment: 16)
            dirty.initializeMemory(as: UInt8.self, repeating: UInt8(0x11 * (pattern + 1)))
            dirty.deallocate()
            return try TIFFReader().readFrames(path: path)[0].pixels
        }
        #expect(reads.dropFirst().allSatisfy { FuzzCheck.samePixels($0, reads[0]) })
    }

    /// SAXSD_FUZZ_REPLAY=FILE runs one kept variant (a crash's or a failure's) through the same checks, under both
    /// limits, to reproduce it under a debugger; without it this test does nothing.
    @Test(.enabled(if: FuzzSettings.replay != nil, "set SAXSD_FUZZ_REPLAY to a kept variant"))
    func replayAKeptVariant() throws {
        let path = try #require(FuzzSettings.replay)
        let format = try #require(FuzzFormat.allCases.first { path.hasSuffix(".\($0.fileExtension)") }, "no format ends \(path)")
        var random = SeededGenerator(seed: FuzzSettings.seed)
        var tally = FuzzTally()
        for limits in [FrameLimits(), FuzzSettings.tightLimits] {
            for problem in FuzzCheck.exercise(path, format: format, limits: limits, random: &random, tally: &tally) {
                Issue.record("\(path): \(problem)")
            }
        }
        print("replay \(path): \(tally)")
    }

    /// The seeds themselves read back as written, or the variants would test nothing.
    @Test(arguments: FuzzFormat.allCases)
    func seedsReadBackAsWritten(_ format: FuzzFormat) throws {
        let folder = try TemporaryFolder("fuzz-seeds-\(format)")
        for seed in try FuzzSeeds.make(format, in: folder) {
            let path = folder.file("seed.\(format.fileExtension)")
            try FuzzSeeds.write(seed.bytes, to: path)
            let (name, frames) = try FrameFile().read(path: path)
            #expect(name == format.rawValue, "\(seed.name)")
            #expect(frames.map(\.shape) == seed.frames.map(\.shape), "\(seed.name)")
            #expect(zip(frames, seed.frames).allSatisfy { FuzzCheck.samePixels($0.pixels, $1.pixels) }, "\(seed.name)")
            #expect(format.reader(FrameLimits()).isComplete(path: path) == true, "\(seed.name)")
        }
    }
}

/// The run's settings, from the environment where given.
enum FuzzSettings {
    static let environment = ProcessInfo.processInfo.environment
    /// Variants per format. The default keeps the four formats together well under 30 s in a debug build on two
    /// cores.
    static let iterations = environment["SAXSD_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 2_000
    static let seed = environment["SAXSD_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_240_501
    static let first = environment["SAXSD_FUZZ_FIRST"].flatMap { Int($0) } ?? 0
    static let keep = environment["SAXSD_FUZZ_KEEP"]
    static let replay = environment["SAXSD_FUZZ_REPLAY"]
    /// SAXSD_FUZZ_FORMATS=fits,edf narrows a campaign to some formats.
    static let formats = Set(environment["SAXSD_FUZZ_FORMATS"].map { $0.split(separator: ",").compactMap { FuzzFormat(rawValue: String($0)) } }
                             ?? FuzzFormat.allCases)
    /// Generous for a normal run, and growing with a long campaign's count (a debug build makes about 50 HDF5 variants
    /// a second, each read trying libhdf5 in a child process first): a hang stops the run either way.
    static let timeLimit = TimeLimitTrait.Duration.minutes(max(6, iterations / 2_500))
    /// The seeds are a few kilobytes: a call that takes seconds is looping over a declared count.
    static let slowCall = Duration.seconds(3)
    /// Limits that several seeds exceed (4 frames, 400 pixels), and two FITS header blocks.
    static let tightLimits = FrameLimits(maximumPixelsPerFrame: 300, maximumDecodedBytes: 8 * 600, maximumFrames: 3,
                                         maximumHeaderBytes: 4_000)
}

/// What the variants gave, for the summary and the checks that the mutator reaches both outcomes.
struct FuzzTally: CustomStringConvertible {
    var frames = 0
    var errors: [FrameError.Kind: Int] = [:]

    var description: String {
        let kinds = errors.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
        return (["read \(frames)"] + kinds).joined(separator: ", ")
    }
}

/// The formats under fuzzing, with their readers.
enum FuzzFormat: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case fits, tiff, edf, cbf, hdf5

    var testDescription: String { rawValue }
    var fileExtension: String { self == .tiff ? "tif" : self == .hdf5 ? "h5" : rawValue }

    /// Separates the formats' random streams under one seed.
    var stream: UInt64 {
        switch self {
        case .fits: 1
        case .tiff: 2
        case .edf: 3
        case .cbf: 4
        case .hdf5: 5
        }
    }

    func reader(_ limits: FrameLimits) -> any FrameReader {
        switch self {
        case .fits: FITSReader(limits: limits)
        case .tiff: TIFFReader(limits: limits)
        case .edf: EDFReader(limits: limits)
        case .cbf: CBFReader(limits: limits)
        case .hdf5: HDF5Reader(limits: limits)
        }
    }

    /// Header keys whose numbers decide sizes: the mutator aims most of its number replacements at these.
    var sizeKeys: Set<String> {
        switch self {
        case .fits: ["NAXIS", "NAXIS1", "NAXIS2", "NAXIS3", "BITPIX", "PCOUNT", "GCOUNT", "BZERO", "BSCALE", "BLANK"]
        case .edf: ["DIM_1", "DIM_2", "DIM_3", "SIZE", "IMAGE"]
        case .cbf: ["X-BINARY-SIZE", "X-BINARY-NUMBER-OF-ELEMENTS", "X-BINARY-SIZE-FASTEST-DIMENSION",
                    "X-BINARY-SIZE-SECOND-DIMENSION", "X-BINARY-SIZE-PADDING", "X-BINARY-ID"]
        case .tiff, .hdf5: []
        }
    }
}

/// One valid file written by saxsd's own writer, and the frames it holds.
struct FuzzSeed {
    var name: String
    var bytes: [UInt8]
    var frames: [Frame]
}

/// The seeds of each format: several pixel types, stacks where the format has them, compression where it has it.
enum FuzzSeeds {
    static func make(_ format: FuzzFormat, in folder: TemporaryFolder) throws -> [FuzzSeed] {
        var random = SeededGenerator(seed: 0x5EED, stream: format.stream, index: 0)
        func frames(_ count: Int, _ rows: Int, _ columns: Int, _ values: ClosedRange<Int>) -> [Frame] {
            (0..<count).map { index in
                Frame(shape: FrameShape(rows: rows, columns: columns),
                      pixels: (0..<(rows * columns)).map { _ in Double(Int.random(in: values, using: &random)) }, index: index)
            }
        }
        let path = folder.file("seed.\(format.fileExtension)")
        var seeds: [FuzzSeed] = []
        func add(_ name: String, _ frames: [Frame], _ write: (String) throws -> Void) throws {
            try write(path)
            seeds.append(FuzzSeed(name: name, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))), frames: frames))
        }
        switch format {
        case .fits:
            let cases: [(String, FITSWriter.SampleType, [Frame])] = [
                ("int16", .int16, frames(1, 5, 7, -300...300)),
                ("float32-cube", .float32, frames(3, 4, 6, -5...5)),
                ("uint16", .uint16, frames(1, 8, 3, 0...65535)),
                ("uint8-cube", .uint8, frames(2, 2, 2, 0...255)),
                ("float64", .float64, frames(1, 3, 3, -9...9)),
                ("int32-cube", .int32, frames(4, 3, 5, -70000...70000)),
                ("uint8-row", .uint8, frames(1, 1, 40, 0...255)),
            ]
            for (name, type, stack) in cases {
                try add(name, stack) { try FITSWriter(sampleType: type).write(stack, to: $0, keywords: [("EXPTIME", .real(0.5))]) }
            }
            // Tile-compressed: the image in a binary table, a tile per row, which cfitsio decompresses.
            let compressed: [(String, FITSWriter, [Frame])] = [
                ("rice-int16", FITSWriter(sampleType: .int16, compression: .rice), frames(1, 10, 12, -300...300)),
                ("gzip-int32-cube", FITSWriter(sampleType: .int32, compression: .gzip), frames(2, 5, 6, -70000...70000)),
                ("hcompress-int16", FITSWriter(sampleType: .int16, compression: .hcompress), frames(1, 16, 16, 0...1000)),
            ]
            for (name, writer, stack) in compressed {
                try add(name, stack) { try writer.write(stack, to: $0) }
            }
            // An empty primary HDU and the image in an extension, whose header has PCOUNT and GCOUNT.
            let image = frames(1, 2, 3, 0...100)
            try add("extension", image) {
                let header = FITSBytes.cards(["SIMPLE  = T", "BITPIX  = 8", "NAXIS   = 0", "EXTEND  = T"])
                    + FITSBytes.cards(["XTENSION= 'IMAGE   '", "BITPIX  = 16", "NAXIS   = 2", "NAXIS1  = 3", "NAXIS2  = 2",
                                       "PCOUNT  = 0", "GCOUNT  = 1"])
                let data = image[0].pixels.flatMap { withUnsafeBytes(of: Int16($0).bigEndian) { Array($0) } }
                try write(header + data + [UInt8](repeating: 0, count: 2880 - data.count), to: $0)
            }
        case .tiff:
            let cases: [(String, TIFFWriter, [Frame])] = [
                ("int32", TIFFWriter(sampleType: .int32), frames(1, 5, 6, -70000...70000)),
                ("uint16-pages", TIFFWriter(sampleType: .uint16, layout: .strips(rowsPerStrip: 2)), frames(3, 4, 4, 0...65535)),
                ("float32-tiles", TIFFWriter(sampleType: .float32, layout: .tiles(width: 16, length: 16), compression: .deflate),
                 frames(1, 18, 20, -100...100)),
                ("uint8-bigtiff", TIFFWriter(sampleType: .uint8, compression: .lzw, bigEndian: true, bigTIFF: true),
                 frames(2, 9, 7, 0...3)),
                ("int8-packbits", TIFFWriter(sampleType: .int8, compression: .packBits), frames(1, 5, 5, -128...127)),
                ("float64", TIFFWriter(sampleType: .float64, layout: .strips(rowsPerStrip: 1)), frames(1, 2, 3, -9...9)),
                ("uint32-pages", TIFFWriter(sampleType: .uint32), frames(4, 3, 2, 0...100)),
            ]
            for (name, writer, stack) in cases {
                try add(name, stack) {
                    try writer.write(stack, to: $0, tags: [(.imageDescription, "# Exposure_time 0.5 s\r\n# Wavelength 1.0 A")])
                }
            }
        case .edf:
            let cases: [(String, EDFWriter, [Frame])] = [
                ("int32", EDFWriter(dataType: .int32), frames(1, 4, 5, -70000...70000)),
                ("uint16-be-stack", EDFWriter(dataType: .uint16, bigEndian: true), frames(3, 3, 3, 0...65535)),
                ("float32-gzip", EDFWriter(dataType: .float32, compression: .gzip), frames(2, 4, 6, -50...50)),
                ("float64-zlib", EDFWriter(dataType: .float64, compression: .zlib), frames(1, 3, 3, -9...9)),
                ("int8-bzip2", EDFWriter(dataType: .int8, compression: .bzip2), frames(2, 4, 4, -128...127)),
                ("uint64-gzip-be", EDFWriter(dataType: .uint64, bigEndian: true, compression: .gzip), frames(1, 2, 2, 0...9)),
                ("uint8-stack", EDFWriter(dataType: .uint8), frames(4, 2, 3, 0...255)),
                ("int16-large", EDFWriter(dataType: .int16), frames(1, 20, 20, -3...3)),
            ]
            for (name, writer, stack) in cases {
                try add(name, stack) { try writer.write(stack, to: $0, header: [("count_time", "0.5"), ("title", "fuzz seed")]) }
            }
        case .cbf:
            var widths = frames(1, 4, 6, -2...100)
            widths[0].pixels = [0, 1, -1, -2, 127, -128, 128, 300, -300, 32767, -32768, 40000, -40000, 2147483647,
                                -2147483648, 5, 0, 70000, -70000, 1, 2, 3, 4, 5]
            for (name, stack) in [("widths", widths), ("row", frames(1, 1, 300, 0...20)), ("pilatus", frames(1, 13, 17, -2...1000)),
                                  ("large", frames(1, 20, 20, 0...5))] {
                try add(name, stack) {
                    try CBFWriter().write(stack[0], to: $0, headerContents: "# Exposure_time 0.5 s\n# Wavelength 1.0 A")
                }
            }
        case .hdf5:
            // Every way saxsd reads a frame: its own bitshuffle-LZ4 and deflate decoders, stored chunks, a
            // contiguous 2-D image, and HDF5's own filter pipeline (byte shuffle + deflate), with NXdetector fields.
            let detector = HDF5Writer.Detector(countTime: 0.5, wavelength: 1.0, distance: 2.0)
            let cases: [(String, HDF5Writer, [Frame], Bool)] = [
                ("uint32-bitshuffle", HDF5Writer(pixelType: .uint32, compression: .bitshuffleLZ4, detector: detector),
                 frames(3, 6, 5, 0...70000), true),
                ("uint16-deflate", HDF5Writer(pixelType: .uint16, compression: .deflate(level: 4)), frames(2, 5, 7, 0...65535), true),
                ("int32-stored", HDF5Writer(pixelType: .int32), frames(3, 4, 4, -70000...70000), true),
                ("float32-image", HDF5Writer(pixelType: .float32, detector: detector), frames(1, 6, 6, -50...50), false),
                ("uint8-bitshuffle", HDF5Writer(pixelType: .uint8, compression: .bitshuffleLZ4), frames(2, 9, 9, 0...255), true),
            ]
            for (name, writer, stack, stacked) in cases {
                try add(name, stack) { try writer.write(stack, to: $0, stacked: stacked) }
            }
        }
        return seeds
    }

    /// Writes `bytes` to `path`: thousands of variants a run, each replacing the last.
    static func write(_ bytes: [UInt8], to path: String) throws {
        try RawFile.write(bytes, to: path)
    }
}

/// Runs one variant through the readers and checks what they return against the frame contract, the limits, and
/// each other.
enum FuzzCheck {
    static func exercise(_ path: String, format: FuzzFormat, limits: FrameLimits, random: inout SeededGenerator,
                         tally: inout FuzzTally) -> [String] {
        var problems: [String] = []
        let clock = ContinuousClock()
        func timed<T>(_ call: String, _ body: () -> T) -> T {
            let start = clock.now
            let result = body()
            let elapsed = clock.now - start
            if elapsed > FuzzSettings.slowCall { problems.append("\(call) took \(elapsed)") }
            return result
        }
        let reader = format.reader(limits)
        let file = FrameFile(readers: FuzzFormat.allCases.map { $0.reader(limits) })

        let viaFile = timed("FrameFile.read") { Result { () throws(FrameError) in try file.read(path: path) } }
        let whole: Result<[Frame], FrameError>
        switch viaFile {
        case .success(let read):
            tally.frames += 1
            problems += contract(read.frames, first: 0, limits: limits, call: "FrameFile.read")
            whole = read.format == format.rawValue
                ? .success(read.frames)
                : timed("readFrames") { Result { () throws(FrameError) in try reader.readFrames(path: path) } }
        case .failure(let error):
            tally.errors[error.kind, default: 0] += 1
            // A broken magic sends FrameFile away; the format's own reader must still cope with the bytes.
            whole = error.kind == .unknownFormat
                ? timed("readFrames") { Result { () throws(FrameError) in try reader.readFrames(path: path) } }
                : .failure(error)
        }
        if case .success(let frames) = whole {
            problems += contract(frames, first: 0, limits: limits, call: "readFrames")
        }
        _ = timed("FrameFile.isComplete") { file.isComplete(path: path) }
        _ = timed("isComplete") { reader.isComplete(path: path) }

        let counted = timed("frameCount") { Result { () throws(FrameError) in try reader.frameCount(path: path) } }
        switch (counted, whole) {
        case (.success(let count), .success(let frames)) where count != frames.count:
            problems.append("frameCount says \(count), readFrames gave \(frames.count) frames")
        case (.failure(let error), .success(let frames)):
            problems.append("frameCount throws \(error) for a file readFrames reads as \(frames.count) frames")
        case (.success(let count), _) where count < 0 || count > limits.maximumFrames:
            problems.append("frameCount says \(count), outside 0...\(limits.maximumFrames)")
        default:
            break
        }
        guard case .success(let count) = counted, count > 0 else { return problems }

        let lower = Int.random(in: 0..<count, using: &random)
        let range = lower..<Int.random(in: (lower + 1)...count, using: &random)
        let part = timed("readFrames(range:)") { Result { () throws(FrameError) in try reader.readFrames(path: path, range: range) } }
        switch (part, whole) {
        case (.success(let frames), _):
            problems += contract(frames, first: range.lowerBound, limits: limits, call: "readFrames(range: \(range))")
            if frames.count != range.count { problems.append("readFrames(range: \(range)) gave \(frames.count) frames") }
            if case .success(let all) = whole, !zip(frames, all[range]).allSatisfy({ samePixels($0.pixels, $1.pixels) }) {
                problems.append("readFrames(range: \(range)) differs from the same frames of readFrames")
            }
        case (.failure(let error), .success):
            problems.append("readFrames(range: \(range)) throws \(error) for a file readFrames reads whole")
        default:
            break
        }
        if case .success(let frames) = timed("readFrames(range:) past the end", {
            Result { () throws(FrameError) in try reader.readFrames(path: path, range: count..<(count + 1)) }
        }) {
            problems.append("readFrames(range: \(count)..<\(count + 1)) of \(count) frames gave \(frames.count) frames")
        }
        return problems
    }

    /// The frame contract: frames in order, each with a positive shape, exactly rows × columns pixels, within the
    /// per-frame limit, and all of them within the frame count and decoded-bytes limits.
    static func contract(_ frames: [Frame], first: Int, limits: FrameLimits, call: String) -> [String] {
        var problems: [String] = []
        if frames.isEmpty { problems.append("\(call) gave no frames and no error") }
        if frames.count > limits.maximumFrames { problems.append("\(call) gave \(frames.count) frames, beyond the limit") }
        var pixels = 0
        for (offset, frame) in frames.enumerated() {
            let (count, overflow) = frame.shape.rows.multipliedReportingOverflow(by: frame.shape.columns)
            if frame.shape.rows <= 0 || frame.shape.columns <= 0 || overflow || frame.pixels.count != count {
                problems.append("\(call): frame \(offset) has shape \(frame.shape) and \(frame.pixels.count) pixels")
            }
            if frame.pixels.count > limits.maximumPixelsPerFrame {
                problems.append("\(call): frame \(offset) has \(frame.pixels.count) pixels, beyond the limit")
            }
            if frame.index != first + offset {
                problems.append("\(call): frame \(offset) has index \(frame.index), \(first + offset) expected")
            }
            pixels += frame.pixels.count
        }
        if pixels * FrameLimits.bytesPerDecodedPixel > limits.maximumDecodedBytes {
            problems.append("\(call): \(pixels) pixels in all, beyond the decoded-bytes limit")
        }
        return problems
    }

    /// Equal bit for bit, NaN equal to NaN.
    static func samePixels(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }
}
