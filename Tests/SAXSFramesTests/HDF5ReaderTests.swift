import CHDF5
import Foundation
import Testing
@testable import SAXSFrames
import SAXSTestSupport

/// HDF5 / NeXus frames: the real Eiger2 9M data file in ../shared/data checked against h5py's numbers, and files of
/// every pixel type, compression and layout that HDF5Writer (or, for layouts it does not make, libhdf5 called here)
/// writes.
@Suite struct HDF5ReaderTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder("hdf5")
    }

    // MARK: The real Eiger2 file

    /// What h5py with hdf5plugin reads from vac_007_data_000001.h5, per frame: the output of
    /// `python3 scripts/hdf5_reference.py ../shared/data/bioxtasraw/vac_007_data_000001.h5`.
    struct EigerFrame: Sendable {
        var invalidPixels: Int
        var validSum: Double
        var max: Double
        var firstRowValidSum: Double
        var nonzeroValidPixels: Int
    }

    static let bioCATFrames = [
        EigerFrame(invalidPixels: 664_805, validSum: 137_689, max: 22, firstRowValidSum: 48, nonzeroValidPixels: 135_886),
        EigerFrame(invalidPixels: 664_805, validSum: 137_435, max: 21, firstRowValidSum: 61, nonzeroValidPixels: 135_615),
    ]

    @Test(.needsSharedData) func readsTheBioCATEiger2DataFile() throws {
        let path = SharedFiles.data("bioxtasraw/vac_007_data_000001.h5")
        let (format, frames) = try FrameFile().read(path: path)
        #expect(format == "hdf5")
        #expect(frames.map(\.index) == [0, 1])
        for (frame, expected) in zip(frames, Self.bioCATFrames) {
            #expect(frame.shape == FrameShape(rows: 3262, columns: 3108))
            let valid = frame.pixels.filter { !$0.isNaN }
            #expect(frame.pixels.count - valid.count == expected.invalidPixels, "frame \(frame.index)")
            #expect(valid.reduce(0, +) == expected.validSum, "frame \(frame.index)")
            #expect(valid.max() == expected.max && frame[806, 2435] == expected.max, "frame \(frame.index)")
            #expect(frame.pixels[0..<3108].filter { !$0.isNaN }.reduce(0, +) == expected.firstRowValidSum)
            #expect(valid.count { $0 != 0 } == expected.nonzeroValidPixels, "frame \(frame.index)")
            #expect(frame.header["image_nr_low"] == .integer(1))
            #expect(frame.header["image_nr_high"] == .integer(2))
        }
        #expect(try HDF5Reader().frameCount(path: path) == 2)
        #expect(FrameFile().isComplete(path: path) == true)
        #expect(try Raw.decodesItself(path), "Eiger frames go through saxsd's own decoder")
        #expect(try Raw.openObjects(path) == 0, "every HDF5 object saxsd opened is closed")

        // The second frame alone is the second frame, and HDF5's bitshuffle plugin decodes the same bits.
        let second = try #require(try HDF5Reader().readFrames(path: path, range: 1..<2).first)
        #expect(second.index == 1 && sameBits(second.pixels, frames[1].pixels))
        let throughPlugin = try HDF5Reader(decodesBitshuffleLZ4: false).readFrames(path: path)
        #expect(throughPlugin.count == 2)
        for (plugin, own) in zip(throughPlugin, frames) {
            #expect(sameBits(plugin.pixels, own.pixels), "frame \(own.index): saxsd's decoder and the plugin differ")
        }
    }

    @Test(.needsSharedData) func theRealFileCutShortIsAnErrorAndIncomplete() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: SharedFiles.data("bioxtasraw/vac_007_data_000001.h5")))
        for cut in [4, 8, 60, 2048, bytes.count / 2, bytes.count - 1] {
            let file = folder.file("cut-\(cut).h5")
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: file))
            let error = try #require(throws: FrameError.self) { try FrameFile().readFrames(path: file) }
            #expect(error.kind == .corrupt, "cut at \(cut): \(error)")
            #expect(error.message.contains("cut short"), "cut at \(cut): \(error.message)")
            #expect(FrameFile().isComplete(path: file) == false, "cut at \(cut)")
            #expect(throws: FrameError.self) { try HDF5Reader().frameCount(path: file) }
        }
    }

    // MARK: Round trips

    static let compressions: [HDF5Writer.Compression] = [.none, .deflate(level: 6), .bitshuffleLZ4]

    @Test(arguments: HDF5PixelType.allCases, compressions)
    func roundTripsEveryPixelTypeAndCompression(_ type: HDF5PixelType, _ compression: HDF5Writer.Compression) throws {
        // 37 x 61 pixels: a full bitshuffle block and a short one for every sample width, and a remainder of
        // elements that are stored untransposed.
        let shape = FrameShape(rows: 37, columns: 61)
        let written = (0..<4).map { index in Frame(shape: shape, pixels: Samples.pixels(type, count: shape.pixelCount, seed: UInt64(index)), index: index) }
        let file = folder.file("\(type)-\(compression).h5")
        try HDF5Writer(pixelType: type, compression: compression).write(written, to: file)

        let reader = HDF5Reader()
        #expect(try reader.frameCount(path: file) == 4)
        let frames = try reader.readFrames(path: file)
        #expect(frames.map(\.index) == [0, 1, 2, 3])
        for (frame, original) in zip(frames, written) {
            #expect(frame.shape == shape)
            #expect(sameBits(frame.pixels, original.pixels), "\(type) \(compression) frame \(original.index)")
        }
        let middle = try reader.readFrames(path: file, range: 1..<3)
        #expect(middle.map(\.index) == [1, 2])
        #expect(zip(middle, written[1..<3]).allSatisfy { sameBits($0.pixels, $1.pixels) })
        #expect(reader.isComplete(path: file) == true)
        #expect(try Raw.decodesItself(file) == (compression == .bitshuffleLZ4))
        #expect(try Raw.openObjects(file) == 0)
        if compression == .bitshuffleLZ4 {
            let throughPlugin = try HDF5Reader(decodesBitshuffleLZ4: false).readFrames(path: file)
            #expect(zip(throughPlugin, frames).allSatisfy { sameBits($0.pixels, $1.pixels) }, "\(type): decoder and plugin differ")
        }
    }

    @Test(arguments: compressions)
    func aSingleFrameIsA2DDataSet(_ compression: HDF5Writer.Compression) throws {
        let shape = FrameShape(rows: 19, columns: 23)
        let frame = Frame(shape: shape, pixels: Samples.pixels(.int32, count: shape.pixelCount, seed: 7))
        let file = folder.file("single-\(compression).h5")
        try HDF5Writer(pixelType: .int32, compression: compression).write([frame], to: file, stacked: false)
        #expect(try Raw.rank(file, "/entry/data/data") == 2)
        let frames = try FrameFile().readFrames(path: file)
        #expect(frames.count == 1 && frames[0].index == 0 && frames[0].shape == shape)
        #expect(frames[0].pixels == frame.pixels)
        #expect(try HDF5Reader().frameCount(path: file) == 1)
    }

    /// A range read touches only its frames: with the first frame's chunk destroyed, reading everything fails
    /// and reading the middle frames does not.
    @Test func readingARangeReadsOnlyThoseFrames() throws {
        let shape = FrameShape(rows: 40, columns: 50)
        let written = (0..<6).map { Frame(shape: shape, pixels: Samples.pixels(.uint32, count: shape.pixelCount, seed: 100 + UInt64($0))) }
        let file = folder.file("range.h5")
        try HDF5Writer(pixelType: .uint32, compression: .bitshuffleLZ4).write(written, to: file)
        let (offset, size) = try Raw.chunkLocation(file, "/entry/data/data", frame: 0)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        try handle.seek(toOffset: UInt64(offset + 12))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: size - 12))
        try handle.close()

        let error = try #require(throws: FrameError.self) { try HDF5Reader().readFrames(path: file) }
        #expect(error.kind == .corrupt && error.frame == 0, "\(error)")
        let middle = try HDF5Reader().readFrames(path: file, range: 2..<4)
        #expect(middle.map(\.index) == [2, 3])
        #expect(sameBits(middle[0].pixels, written[2].pixels) && sameBits(middle[1].pixels, written[3].pixels))
        let outside = try #require(throws: FrameError.self) { try HDF5Reader().readFrames(path: file, range: 4..<7) }
        #expect(outside.kind == .unsupported && outside.message.contains("stack of 6"), "\(outside)")
        #expect(try Raw.openObjects(file) == 0, "closed after every failure too")
    }

    // MARK: Invalid pixels and masks

    /// The file holds the all-ones values (read back raw here); saxsd gives NaN for them in unsigned types only.
    @Test(arguments: [HDF5PixelType.uint8, .uint16, .uint32, .uint64])
    func allOnesIsInvalidInUnsignedTypes(_ type: HDF5PixelType) throws {
        let shape = FrameShape(rows: 3, columns: 4)
        var pixels = (0..<12).map(Double.init)
        pixels[1] = .nan
        pixels[10] = .nan
        let file = folder.file("invalid-\(type).h5")
        try HDF5Writer(pixelType: type).write([Frame(shape: shape, pixels: pixels)], to: file)
        let raw = try Raw.samples(file, "/entry/data/data")
        #expect(raw[1] == UInt64.max >> (64 - 8 * type.byteCount) && raw[10] == raw[1], "stored as all ones")
        let frame = try #require(try HDF5Reader().readFrames(path: file).first)
        #expect(sameBits(frame.pixels, pixels))
        #expect(frame.pixels.count(where: \.isNaN) == 2)
    }

    @Test func signedAndFloatValuesAreNotInvalidMarks() throws {
        let shape = FrameShape(rows: 1, columns: 4)
        let signed = [Double(Int16.min), -1, 0, Double(Int16.max)]
        let file = folder.file("signed.h5")
        try HDF5Writer(pixelType: .int16).write([Frame(shape: shape, pixels: signed)], to: file)
        #expect(try HDF5Reader().readFrames(path: file)[0].pixels == signed)
        let floats = [Double(Float.greatestFiniteMagnitude), -.infinity, .nan, 0.5]
        try HDF5Writer(pixelType: .float32).write([Frame(shape: shape, pixels: floats)], to: file)
        #expect(sameBits(try HDF5Reader().readFrames(path: file)[0].pixels, floats))
    }

    @Test func theDetectorsPixelMaskMasksItsPixels() throws {
        let shape = FrameShape(rows: 6, columns: 5)
        let pixels = (0..<30).map { Double($0 * 3) }
        var mask = [UInt32](repeating: 0, count: 30)
        mask[0] = 1      // gap
        mask[7] = 2      // dead
        mask[29] = 16    // noisy
        let file = folder.file("mask.h5")
        try HDF5Writer(pixelType: .uint16, compression: .bitshuffleLZ4, detector: .init(pixelMask: mask))
            .write([Frame(shape: shape, pixels: pixels), Frame(shape: shape, pixels: pixels)], to: file)
        for frame in try HDF5Reader().readFrames(path: file) {
            for (index, pixel) in frame.pixels.enumerated() {
                #expect(mask[index] != 0 ? pixel.isNaN : pixel == pixels[index], "pixel \(index)")
            }
        }
    }

    // MARK: Metadata

    @Test func readsTheDetectorMetadataWithUnits() throws {
        let shape = FrameShape(rows: 4, columns: 4)
        let detector = HDF5Writer.Detector(countTime: 0.25, frameTime: 0.26, wavelength: 1.033, distance: 3.5,
                                           beamCenter: (x: 1.5, y: 2.25), pixelSize: 75e-6, description: "Dectris EIGER2 X 4M")
        let file = folder.file("metadata.h5")
        try HDF5Writer(pixelType: .uint32, detector: detector, firstImageNumber: 11)
            .write([Frame(shape: shape, pixels: Array(repeating: 1, count: 16))], to: file)
        let header = try #require(try HDF5Reader().readFrames(path: file).first).header
        #expect(header["count_time"] == .real(0.25))
        #expect(header["count_time@units"] == .string("s"))
        #expect(header.exposureTime == 0.25)
        #expect(header["frame_time"] == .real(0.26))
        #expect(header["detector_distance"] == .real(3.5))
        #expect(header["detector_distance@units"] == .string("m"))
        #expect(header["beam_center_x"] == .real(1.5) && header["beam_center_y"] == .real(2.25))
        #expect(header["beam_center_x@units"] == .string("pixel"))
        #expect(header["x_pixel_size"] == .real(75e-6) && header["y_pixel_size"] == .real(75e-6))
        #expect(header["description"] == .string("Dectris EIGER2 X 4M"))
        #expect(header["incident_wavelength"] == .real(1.033))
        #expect(header["incident_wavelength@units"] == .string("angstrom"))
        #expect(header["image_nr_low"] == .integer(11) && header["image_nr_high"] == .integer(11))
    }

    /// Metadata types the writer does not make: unsigned and boolean values, variable-length strings, a
    /// monochromator wavelength, strings padded with spaces.
    @Test func readsMetadataOfEveryStoredType() throws {
        let file = folder.file("types.h5")
        try Raw.build(file) { file in
            try Raw.dataset(file, "/entry/data/data", rows: 2, columns: 2)
            try Raw.scalar(file, "/entry/instrument/detector/bit_depth_image", UInt32(32))
            try Raw.scalar(file, "/entry/instrument/detector/saturation_value", UInt64(UInt64.max))
            try Raw.scalar(file, "/entry/instrument/detector/detectorSpecific/nimages", Int64(-3))
            try Raw.boolean(file, "/entry/instrument/detector/countrate_correction_applied", true)
            try Raw.string(file, "/entry/instrument/detector/sensor_material", "Si", variable: true)
            try Raw.string(file, "/entry/instrument/detector/detector_number", "E-32-0123  ", variable: false, spacePadded: true)
            try Raw.scalar(file, "/entry/instrument/monochromator/wavelength", 0.9876)
        }
        let header = try #require(try HDF5Reader().readFrames(path: file).first).header
        #expect(header["bit_depth_image"] == .integer(32))
        #expect(header["saturation_value"] == .real(Double(UInt64.max)))
        #expect(header["nimages"] == .integer(-3))
        #expect(header["countrate_correction_applied"] == .logical(true))
        #expect(header["sensor_material"] == .string("Si"))
        #expect(header["detector_number"] == .string("E-32-0123"))
        #expect(header["wavelength"] == .real(0.9876))
    }

    // MARK: Where the image is

    @Test func followsTheNeXusDefaultBeforeAnyOtherDataSet() throws {
        let file = folder.file("nexus.h5")
        try Raw.build(file) { file in
            try Raw.dataset(file, "/aaa/early", rows: 3, columns: 3, value: 1)
            try Raw.dataset(file, "/scan/plot/counts", rows: 4, columns: 2, frames: 2, value: 7)
            try Raw.attribute(file, "/", "default", "scan")
            try Raw.attribute(file, "/scan", "default", "plot")
            try Raw.attribute(file, "/scan/plot", "signal", "counts")
        }
        let frames = try HDF5Reader().readFrames(path: file)
        #expect(frames.count == 2 && frames[0].shape == FrameShape(rows: 4, columns: 2))
        #expect(frames.allSatisfy { $0.pixels.allSatisfy { $0 == 7 } })
    }

    @Test func otherwiseTakesTheFirstImageDataSet() throws {
        let file = folder.file("first.h5")
        try Raw.build(file) { file in
            try Raw.string(file, "/a/0_title", "not an image", variable: true)
            try Raw.dataset(file, "/a/1_vector", rows: 1, columns: 5, rank1: true)
            try Raw.dataset(file, "/a/2_image", rows: 5, columns: 6, value: 3)
            try Raw.dataset(file, "/b/image", rows: 7, columns: 8, value: 4)
        }
        let frames = try HDF5Reader().readFrames(path: file)
        #expect(frames.count == 1 && frames[0].shape == FrameShape(rows: 5, columns: 6) && frames[0].pixels.allSatisfy { $0 == 3 })

        let empty = folder.file("no-image.h5")
        try Raw.build(empty) { file in
            try Raw.dataset(file, "/a/vector", rows: 1, columns: 5, rank1: true)
            try Raw.string(file, "/a/title", "text", variable: false)
        }
        let error = try #require(throws: FrameError.self) { try HDF5Reader().readFrames(path: empty) }
        #expect(error.kind == .unsupported && error.message.contains("no image"), "\(error)")
    }

    // MARK: Eiger master files

    @Test func aMasterFileConcatenatesItsDataFiles() throws {
        let shape = FrameShape(rows: 9, columns: 11)
        let first = (0..<3).map { Frame(shape: shape, pixels: Samples.pixels(.uint32, count: shape.pixelCount, seed: 200 + UInt64($0))) }
        let second = (0..<2).map { Frame(shape: shape, pixels: Samples.pixels(.uint32, count: shape.pixelCount, seed: 300 + UInt64($0))) }
        try folder.folder("series")
        try HDF5Writer(pixelType: .uint32, compression: .bitshuffleLZ4, firstImageNumber: 1)
            .write(first, to: folder.file("series/run_data_000001.h5"))
        try HDF5Writer(pixelType: .uint32, compression: .bitshuffleLZ4, firstImageNumber: 4)
            .write(second, to: folder.file("series/run_data_000002.h5"))
        var mask = [UInt32](repeating: 0, count: shape.pixelCount)
        mask[5] = 4
        let detector = HDF5Writer.Detector(countTime: 0.1, wavelength: 1.0, distance: 2.0, pixelMask: mask)
        let master = folder.file("series/run_master.h5")
        try HDF5Writer(detector: detector)
            .writeMaster(to: master, dataFiles: ["run_data_000001.h5", "run_data_000002.h5"], frameShape: shape)

        // The working directory is not the series folder: the links are found from the master's folder.
        #expect(FileManager.default.currentDirectoryPath != folder.file("series"))
        #expect(try HDF5Reader().frameCount(path: master) == 5)
        let frames = try FrameFile().readFrames(path: master)
        #expect(frames.map(\.index) == [0, 1, 2, 3, 4])
        for (frame, original) in zip(frames, first + second) {
            var expected = original.pixels
            expected[5] = .nan
            #expect(sameBits(frame.pixels, expected), "frame \(frame.index)")
            #expect(frame.header.exposureTime == 0.1)
        }
        #expect(frames.map { $0.header["image_nr_low"] } == [.integer(1), .integer(1), .integer(1), .integer(4), .integer(4)])
        let across = try HDF5Reader().readFrames(path: master, range: 2..<4)
        #expect(across.map(\.index) == [2, 3])
        #expect(across[1].pixels[0] == second[0].pixels[0])
        #expect(HDF5Reader().isComplete(path: master) == true)
        for path in [master, folder.file("series/run_data_000001.h5"), folder.file("series/run_data_000002.h5")] {
            #expect(try Raw.openObjects(path) == 0, "\(path)")
        }
    }

    @Test func aMissingDataFileIsNamed() throws {
        let shape = FrameShape(rows: 4, columns: 4)
        try HDF5Writer().write([Frame(shape: shape, pixels: Array(repeating: 2, count: 16))], to: folder.file("m_data_000001.h5"))
        let master = folder.file("m_master.h5")
        try HDF5Writer().writeMaster(to: master, dataFiles: ["m_data_000001.h5", "m_data_000002.h5"])
        for read in [{ _ = try HDF5Reader().readFrames(path: master) }, { _ = try HDF5Reader().frameCount(path: master) }] {
            let error = try #require(throws: FrameError.self) { try read() }
            #expect(error.kind == .unreadable, "\(error)")
            #expect(error.message.contains("m_data_000002.h5") && error.message.contains("missing"), "\(error.message)")
        }
        #expect(try Raw.openObjects(master) == 0 && Raw.openObjects(folder.file("m_data_000001.h5")) == 0)
    }

    // MARK: Stacks being written

    @Test func aGrowingSWMRStackCountsTheFramesFlushedSoFar() throws {
        let shape = FrameShape(rows: 30, columns: 20)
        let frames = (0..<5).map { Frame(shape: shape, pixels: Samples.pixels(.uint16, count: shape.pixelCount, seed: 400 + UInt64($0))) }
        let file = folder.file("growing.h5")
        var stack = try HDF5Writer(pixelType: .uint16, compression: .bitshuffleLZ4).startStack(at: file, shape: shape)
        try stack.append(frames[0])
        try stack.append(frames[1])
        #expect(try HDF5Reader().frameCount(path: file) == 2)
        #expect(HDF5Reader().isComplete(path: file) == true)
        for frame in frames[2...] { try stack.append(frame) }
        #expect(try HDF5Reader().frameCount(path: file) == 5)
        let added = try HDF5Reader().readFrames(path: file, range: 2..<5)
        #expect(added.map(\.index) == [2, 3, 4])
        #expect(zip(added, frames[2...]).allSatisfy { sameBits($0.pixels, $1.pixels) })
        try stack.close()
        #expect(try HDF5Reader().readFrames(path: file).count == 5)
    }

    /// The real case: another process writes in SWMR mode (h5py, as beamline software does) while saxsd reads.
    @Test(.enabled(if: Python.hasH5py, "needs python3 with h5py")) func readsAStackAnotherProcessIsWriting() throws {
        let file = folder.file("swmr-h5py.h5")
        let writer = try Python.Writer(path: file, rows: 16, columns: 12)
        defer { writer.finish() }
        try writer.append(2)
        #expect(try HDF5Reader().frameCount(path: file) == 2)
        #expect(HDF5Reader().isComplete(path: file) == true)
        try writer.append(3)
        #expect(try HDF5Reader().frameCount(path: file) == 5)
        let frames = try HDF5Reader().readFrames(path: file, range: 2..<5)
        #expect(frames.map(\.index) == [2, 3, 4])
        for frame in frames {
            #expect(frame.pixels == (0..<192).map { Double(Python.Writer.value(frame: frame.index, pixel: $0)) })
        }
        // Through an Eiger-style master too, which is not itself SWMR-capable.
        let master = folder.file("swmr-master.h5")
        try HDF5Writer().writeMaster(to: master, dataFiles: ["swmr-h5py.h5"])
        #expect(try HDF5Reader().frameCount(path: master) == 5)
        try writer.append(1)
        #expect(try HDF5Reader().readFrames(path: master, range: 5..<6).first?.pixels[3] == Double(Python.Writer.value(frame: 5, pixel: 3)))
    }

    /// A writer not in SWMR mode keeps the file inconsistent for readers until it closes it; HDF5 refuses to open
    /// it meanwhile, and the file counts as incomplete.
    @Test(.enabled(if: Python.hasH5py, "needs python3 with h5py")) func aFileAnotherProcessHoldsWithoutSWMRIsIncomplete() throws {
        let file = folder.file("plain-h5py.h5")
        let writer = try Python.Writer(path: file, rows: 8, columns: 8, swmr: false)
        try writer.append(2)
        #expect(HDF5Reader().isComplete(path: file) == false)
        let error = try #require(throws: FrameError.self) { try FrameFile().readFrames(path: file) }
        #expect(error.kind == .corrupt && error.message.contains("HDF5 cannot open the file"), "\(error)")
        writer.finish()
        #expect(HDF5Reader().isComplete(path: file) == true)
        #expect(try HDF5Reader().frameCount(path: file) == 2)
    }

    /// A pre-sized stack whose writer has stored only some frames: the frames not yet stored are not counted.
    @Test func framesWhoseChunksAreNotStoredAreNotCounted() throws {
        let file = folder.file("presized.h5")
        try Raw.build(file) { file in
            try Raw.dataset(file, "/entry/data/data", rows: 3, columns: 4, frames: 10, value: 5, writtenFrames: 6)
        }
        #expect(try HDF5Reader().frameCount(path: file) == 6)
        #expect(try HDF5Reader().readFrames(path: file).count == 6)
    }

    // MARK: Files saxsd cannot read

    /// A chunk stored as compressed by blosc (filter 32001), which has no plugin here: `.unsupported`, naming the
    /// filter and where plugins are looked for. The same filter skipped when writing (optional, chunk stored
    /// plain) reads fine.
    @Test func anUnavailableFilterIsUnsupported() throws {
        #expect(HDF5Library.withLock { H5Zfilter_avail(32001) } <= 0, "blosc must not be installed for this test")
        let needed = folder.file("blosc.h5")
        try Raw.build(needed) { file in try Raw.optionalFilterDataset(file, filter: 32001, storedFiltered: true) }
        let error = try #require(throws: FrameError.self) { try FrameFile().readFrames(path: needed) }
        #expect(error.kind == .unsupported, "\(error)")
        #expect(error.message.contains("32001") && error.message.contains("HDF5_PLUGIN_PATH"), "\(error.message)")
        #expect(try Raw.openObjects(needed) == 0)

        let skipped = folder.file("blosc-skipped.h5")
        try Raw.build(skipped) { file in try Raw.optionalFilterDataset(file, filter: 32001, storedFiltered: false) }
        #expect(try HDF5Reader().readFrames(path: skipped)[0].pixels == (0..<12).map(Double.init))
    }

    @Test func aWrittenFileCutShortIsAnErrorAndIncomplete() throws {
        let shape = FrameShape(rows: 32, columns: 32)
        let file = folder.file("whole.h5")
        try HDF5Writer(pixelType: .uint32, compression: .deflate(level: 1))
            .write((0..<3).map { Frame(shape: shape, pixels: Samples.pixels(.uint32, count: 1024, seed: 500 + UInt64($0))) }, to: file)
        #expect(HDF5Reader().isComplete(path: file) == true)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        for cut in [9, 40, 95, bytes.count / 3, bytes.count - 1] {
            let copy = folder.file("whole-\(cut).h5")
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: copy))
            #expect(HDF5Reader().isComplete(path: copy) == false, "cut at \(cut)")
            let error = try #require(throws: FrameError.self) { try HDF5Reader().readFrames(path: copy) }
            #expect(error.kind == .corrupt, "cut at \(cut): \(error)")
        }
    }

    /// Extents no frame has, refused before anything is allocated, with the limit in the message.
    @Test func framesBeyondTheLimitsAreRefused() throws {
        let huge = folder.file("huge.h5")
        try Raw.build(huge) { file in
            try Raw.dataset(file, "/entry/data/data", rows: 1 << 15, columns: 1 << 15, frames: 1, writtenFrames: 0)
        }
        let error = try #require(throws: FrameError.self) { try HDF5Reader().readFrames(path: huge) }
        #expect(error.kind == .unsupported && error.message.contains("\(1 << 28)"), "\(error.message)")
        #expect(throws: FrameError.self) { try HDF5Reader().frameCount(path: huge) }

        let file = folder.file("small.h5")
        let shape = FrameShape(rows: 10, columns: 10)
        try HDF5Writer().write((0..<3).map { _ in Frame(shape: shape, pixels: Array(repeating: 1, count: 100)) }, to: file)
        let perFrame = try #require(throws: FrameError.self) {
            try HDF5Reader(limits: FrameLimits(maximumPixelsPerFrame: 99)).readFrames(path: file)
        }
        #expect(perFrame.kind == .unsupported && perFrame.message.contains("99"))
        let frames = try #require(throws: FrameError.self) {
            try HDF5Reader(limits: FrameLimits(maximumFrames: 2)).frameCount(path: file)
        }
        #expect(frames.kind == .unsupported && frames.message.contains("3 frames"))
        let decoded = try #require(throws: FrameError.self) {
            try HDF5Reader(limits: FrameLimits(maximumDecodedBytes: 2000)).readFrames(path: file)
        }
        #expect(decoded.kind == .unsupported && decoded.message.contains("2000"))
        #expect(try HDF5Reader(limits: FrameLimits(maximumDecodedBytes: 2000)).readFrames(path: file, range: 1..<3).count == 2)
    }

    @Test func unsupportedDataSetsSayWhy() throws {
        let file = folder.file("four-d.h5")
        try Raw.build(file) { file in try Raw.dataset(file, "/entry/data/data", rows: 2, columns: 2, frames: 2, extraDimension: 3) }
        let error = try #require(throws: FrameError.self) { try HDF5Reader().readFrames(path: file) }
        #expect(error.kind == .unsupported && error.message.contains("4 dimensions"), "\(error)")
    }

    // MARK: The bitshuffle-LZ4 decoder

    @Test func theTransposesMatchTheirDefinitions() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<200 {
            let x = generator.next()
            let bits = BitshuffleLZ4.transposeBits(x)
            for row in 0..<8 {
                for column in 0..<8 {
                    #expect((bits >> (8 * column + row)) & 1 == (x >> (8 * row + column)) & 1)
                }
            }
            var words = (generator.next(), generator.next(), generator.next(), generator.next(),
                         generator.next(), generator.next(), generator.next(), generator.next())
            let before = [words.0, words.1, words.2, words.3, words.4, words.5, words.6, words.7]
            BitshuffleLZ4.transposeBytes(&words)
            let after = [words.0, words.1, words.2, words.3, words.4, words.5, words.6, words.7]
            for row in 0..<8 {
                for column in 0..<8 {
                    #expect((after[column] >> (8 * row)) & 0xFF == (before[row] >> (8 * column)) & 0xFF)
                }
            }
        }
    }

    /// Blocks transposed by the layout's definition (bit b of element e at bit e % 8 of byte b × n/8 + e/8) come
    /// back as the elements, for every element width and block lengths with and without whole 64-element runs.
    @Test(arguments: [1, 2, 4, 8])
    func untransposingInvertsTheBitshuffleLayout(_ width: Int) {
        var generator = SeededGenerator(seed: UInt64(width))
        for count in [8, 16, 56, 64, 72, 200, 512, 2048] {
            // Sparse high bits, as in detector counts, and some dense elements.
            let elements: [UInt64] = (0..<count).map { index in
                let value = index % 13 == 0 ? generator.next() : generator.next() % 300
                return width == 8 ? value : value & ((1 << (8 * width)) - 1)
            }
            var shuffled = [UInt8](repeating: 0, count: count * width)
            for (index, element) in elements.enumerated() {
                for bit in 0..<(8 * width) where (element >> bit) & 1 == 1 {
                    shuffled[bit * count / 8 + index / 8] |= 1 << (index % 8)
                }
            }
            let decoded: [UInt64] = shuffled.withUnsafeBytes { source in
                switch width {
                case 1: Self.untransposed(source, count, as: UInt8.self)
                case 2: Self.untransposed(source, count, as: UInt16.self)
                case 4: Self.untransposed(source, count, as: UInt32.self)
                default: Self.untransposed(source, count, as: UInt64.self)
                }
            }
            #expect(decoded == elements, "\(width)-byte elements, block of \(count)")
        }
    }

    private static func untransposed<T: FixedWidthInteger & UnsignedInteger & SIMDScalar>(
        _ source: UnsafeRawBufferPointer, _ count: Int, as _: T.Type
    ) -> [UInt64] {
        let elements = UnsafeMutablePointer<T>.allocate(capacity: count)
        defer { elements.deallocate() }
        BitshuffleLZ4.untranspose(source.baseAddress!, count: count, into: elements)
        return (0..<count).map { UInt64(elements[$0]) }
    }

    /// Damaged chunks are errors, never a crash or a read past the buffer.
    @Test func malformedChunksAreRefused() throws {
        // Two blocks (2048 and 952 elements) and 3 elements stored as they are.
        let shape = FrameShape(rows: 3, columns: 1001)
        let file = folder.file("chunk.h5")
        try HDF5Writer(pixelType: .uint32, compression: .bitshuffleLZ4)
            .write([Frame(shape: shape, pixels: Samples.pixels(.uint32, count: 3003, seed: 9))], to: file)
        let chunk = try Raw.chunk(file, "/entry/data/data", frame: 0)
        func decode(_ bytes: [UInt8]) -> BitshuffleLZ4.Malformed? {
            bytes.withUnsafeBytes { buffer in
                do throws(BitshuffleLZ4.Malformed) {
                    try BitshuffleLZ4.decode(buffer, elementSize: 4, count: 3003) { _, _ in }
                    return nil
                } catch {
                    return error
                }
            }
        }
        #expect(decode(chunk) == nil)
        var wrongSize = chunk
        wrongSize[7] ^= 4
        var hugeBlock = chunk
        hugeBlock[8] = 0x7F
        var garbled = chunk
        for index in 16..<chunk.count { garbled[index] = UInt8(truncatingIfNeeded: index &* 31) }
        var longBlock = chunk
        longBlock[12] = 0xFF
        for bad in [[], Array(chunk.prefix(11)), Array(chunk.prefix(20)), Array(chunk.dropLast()), wrongSize, hugeBlock,
                    garbled, longBlock] {
            #expect(decode(bad) != nil, "\(bad.count) bytes")
        }
    }

    // MARK: The library lock

    @Test func theLockIsHeldForHDF5CallsOnly() async throws {
        #expect(HDF5Library.withLock { HDF5Library.isHeldByCurrentThread })
        #expect(!HDF5Library.isHeldByCurrentThread)
        let shape = FrameShape(rows: 64, columns: 64)
        let file = folder.file("shared.h5")
        let written = (0..<3).map { Frame(shape: shape, pixels: Samples.pixels(.uint32, count: 4096, seed: 600 + UInt64($0))) }
        try HDF5Writer(pixelType: .uint32, compression: .bitshuffleLZ4).write(written, to: file)
        // Readers on many threads at once: the serial library must see one call at a time.
        let results = try await withThrowingTaskGroup(of: [Frame].self) { group in
            for index in 0..<8 {
                group.addTask {
                    try HDF5Reader(decodesBitshuffleLZ4: index % 2 == 0).readFrames(path: file)
                }
            }
            return try await group.reduce(into: [[Frame]]()) { $0.append($1) }
        }
        #expect(results.count == 8)
        for frames in results {
            #expect(zip(frames, written).allSatisfy { sameBits($0.pixels, $1.pixels) })
        }
    }
}

/// Pixels compared by their bits, so that NaN equals NaN.
private func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
}

/// Seeded pixel values for every type: counts as a detector gives them (Poisson-like, mostly small), the type's
/// extremes, and invalid (NaN) pixels where the type can mark them.
private enum Samples {
    static func pixels(_ type: HDF5PixelType, count: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed &* 7919 &+ UInt64(type.byteCount))
        let extremes: [Double] = switch type {
        case .uint8: [0, 254]
        case .int8: [-128, 127]
        case .uint16: [0, 65534]
        case .int16: [-32768, 32767]
        case .uint32: [0, 4_294_967_294]
        case .int32: [-2_147_483_648, 2_147_483_647]
        case .uint64: [0, 9_007_199_254_740_992]
        case .int64: [-9_007_199_254_740_992, 4_294_967_296]
        case .float32: [-.infinity, 0x1p-130, Double(Float.greatestFiniteMagnitude), 0.1.nextUp]
        case .float64: [.infinity, -.pi, 1e-300]
        }
        return (0..<count).map { index in
            if index < extremes.count { return type == .float32 ? Double(Float(extremes[index])) : extremes[index] }
            if index % 97 == 5, type.isUnsigned || type == .float32 || type == .float64 { return .nan }
            // Knuth's Poisson sampler at a mean that falls across the frame, as intensity does from the beam.
            let mean = 0.5 + 40 * Double(index % 61) / 61
            var product = Double(generator.next() >> 11) / Double(1 << 53)
            var k = 0
            while product > exp(-mean) {
                product *= Double(generator.next() >> 11) / Double(1 << 53)
                k += 1
            }
            switch type {
            case .float32: return Double(Float(Double(k) + 0.25))
            case .float64: return Double(k) / 3
            case .int8, .int16, .int32, .int64: return Double(index % 2 == 0 ? k : -k)
            default: return Double(k)
            }
        }
    }
}

/// Files built and inspected with libhdf5 directly, for layouts HDF5Writer does not make (NeXus defaults, metadata
/// of every stored type, pre-sized or 4-D data sets, chunks stored as if compressed by a filter that is not here)
/// and for looking at what a file really stores. Every call holds saxsd's HDF5 lock, as all HDF5 calls in the
/// process must.
private enum Raw {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func check(_ status: some BinaryInteger, _ what: String) throws {
        if status < 0 { throw Failure(description: "\(what): \(HDF5Library.lastError())") }
    }

    /// Creates `path` and lets `body` fill it.
    static func build(_ path: String, _ body: (hid_t) throws -> Void) throws {
        try HDF5Library.withLock { () throws in
            let file = H5Fcreate(path, saxs_h5f_acc_trunc(), saxs_h5p_default(), saxs_h5p_default())
            try check(file, "create \(path)")
            defer { H5Fclose(file) }
            try body(file)
        }
    }

    /// Opens `path` read-only, without file locks (the shared data may sit on a read-only file system).
    private static func open(_ path: String) throws -> hid_t {
        let access = H5Pcreate(saxs_h5p_file_access())
        try check(access, "file access list")
        defer { H5Pclose(access) }
        try check(H5Pset_file_locking(access, false, true), "file locking")
        let file = H5Fopen(path, saxs_h5f_acc_rdonly(), access)
        try check(file, "open \(path)")
        return file
    }

    /// How many objects (the file itself, data sets, groups, types, attributes) the process still holds open in
    /// `path`, not counting this check's own: 0 once saxsd has closed everything it opened there.
    static func openObjects(_ path: String) throws -> Int {
        try HDF5Library.withLock { () throws -> Int in
            let file = try open(path)
            defer { H5Fclose(file) }
            return Int(H5Fget_obj_count(file, 0x1F)) - 1
        }
    }

    /// Opens `path` read-only for `body`.
    static func inspect<T>(_ path: String, _ dataset: String, _ body: (hid_t) throws -> T) throws -> T {
        try HDF5Library.withLock { () throws -> T in
            let file = try open(path)
            defer { H5Fclose(file) }
            let id = H5Dopen2(file, dataset, saxs_h5p_default())
            try check(id, "open \(dataset)")
            defer { H5Dclose(id) }
            return try body(id)
        }
    }

    /// Whether the reader takes every frame of `path` as a bitshuffle-LZ4 chunk to decode itself.
    static func decodesItself(_ path: String) throws -> Bool {
        try HDF5Library.withLock { () throws -> Bool in
            let stack = try HDF5ImageStack.open(path: path, reader: HDF5Reader(), metadata: false)
            defer { stack.close() }
            return stack.segments.allSatisfy { $0.directChunk == .bitshuffleLZ4 }
        }
    }

    static func rank(_ path: String, _ dataset: String) throws -> Int {
        try inspect(path, dataset) { id in
            let space = H5Dget_space(id)
            defer { H5Sclose(space) }
            return Int(H5Sget_simple_extent_ndims(space))
        }
    }

    /// Every stored value, widened to 64 bits by HDF5.
    static func samples(_ path: String, _ dataset: String) throws -> [UInt64] {
        try inspect(path, dataset) { id in
            let space = H5Dget_space(id)
            defer { H5Sclose(space) }
            var values = [UInt64](repeating: 0, count: Int(H5Sget_simple_extent_npoints(space)))
            try check(H5Dread(id, saxs_h5t_native_uint64(), saxs_h5s_all(), saxs_h5s_all(), saxs_h5p_default(), &values), "read")
            return values
        }
    }

    /// Where frame `frame`'s chunk (one frame per chunk) lies in the file: byte offset and stored size.
    static func chunkLocation(_ path: String, _ dataset: String, frame: Int) throws -> (offset: Int, size: Int) {
        try inspect(path, dataset) { id in
            var offset: [hsize_t] = [hsize_t(frame), 0, 0]
            var mask: UInt32 = 0
            var address: haddr_t = 0
            var size: hsize_t = 0
            try check(H5Dget_chunk_info_by_coord(id, &offset, &mask, &address, &size), "chunk info")
            return (Int(address), Int(size))
        }
    }

    static func chunk(_ path: String, _ dataset: String, frame: Int) throws -> [UInt8] {
        try inspect(path, dataset) { id in
            var offset: [hsize_t] = [hsize_t(frame), 0, 0]
            var size: hsize_t = 0
            try check(H5Dget_chunk_storage_size(id, &offset, &size), "chunk size")
            var bytes = [UInt8](repeating: 0, count: Int(size))
            var filters: UInt32 = 0
            try check(H5Dread_chunk(id, saxs_h5p_default(), &offset, &filters, &bytes), "read chunk")
            return bytes
        }
    }

    /// Creates the groups on the way to a new object.
    private static func linkCreation() throws -> hid_t {
        let list = H5Pcreate(saxs_h5p_link_create())
        try check(list, "link creation list")
        try check(H5Pset_create_intermediate_group(list, 1), "intermediate groups")
        return list
    }

    /// A 2-D int32 data set (rank 1 when `rank1`), or a stack of `frames` (4-D with `extraDimension`), chunked a
    /// frame (at most 1024 x 1024 pixels) per chunk, with `value` written into the first `writtenFrames` frames
    /// (all by default).
    static func dataset(_ file: hid_t, _ path: String, rows: Int, columns: Int, frames: Int? = nil, value: Int32 = 0,
                        rank1: Bool = false, writtenFrames: Int? = nil, extraDimension: Int? = nil) throws {
        let frame = [hsize_t(rows), hsize_t(columns)]
        let dimensions: [hsize_t] = rank1 ? [hsize_t(columns)]
            : (frames.map { [hsize_t($0)] } ?? []) + (extraDimension.map { [hsize_t($0)] } ?? []) + frame
        let space = H5Screate_simple(Int32(dimensions.count), dimensions, nil)
        try check(space, "space")
        defer { H5Sclose(space) }
        let creation = H5Pcreate(saxs_h5p_dataset_create())
        defer { H5Pclose(creation) }
        let chunk = dimensions.dropLast(2).map { _ in hsize_t(1) } + dimensions.suffix(2).map { min($0, 1024) }
        try check(H5Pset_chunk(creation, Int32(chunk.count), chunk), "chunk")
        let links = try linkCreation()
        defer { H5Pclose(links) }
        let dataset = H5Dcreate2(file, path, saxs_h5t_native_int32(), space, links, creation, saxs_h5p_default())
        try check(dataset, "create \(path)")
        defer { H5Dclose(dataset) }
        let total = Int(dimensions.reduce(1, *))
        let perFrame = frames == nil ? total : total / frames!
        let written = min(writtenFrames ?? frames ?? 1, frames ?? 1)
        guard written > 0 else { return }
        let values = [Int32](repeating: value, count: perFrame * written)
        let fileSpace = H5Dget_space(dataset)
        defer { H5Sclose(fileSpace) }
        if frames != nil {
            var start = [hsize_t](repeating: 0, count: dimensions.count)
            var count = dimensions
            count[0] = hsize_t(written)
            start[0] = 0
            try check(H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, start, nil, count, nil), "select")
        }
        var memory = [hsize_t(values.count)]
        let memorySpace = H5Screate_simple(1, &memory, nil)
        defer { H5Sclose(memorySpace) }
        try check(H5Dwrite(dataset, saxs_h5t_native_int32(), memorySpace, fileSpace, saxs_h5p_default(), values), "write")
    }

    private static func scalarDataset(_ file: hid_t, _ path: String, type: hid_t, _ value: UnsafeRawPointer) throws {
        let space = H5Screate(H5S_SCALAR)
        defer { H5Sclose(space) }
        let links = try linkCreation()
        defer { H5Pclose(links) }
        let dataset = H5Dcreate2(file, path, type, space, links, saxs_h5p_default(), saxs_h5p_default())
        try check(dataset, "create \(path)")
        defer { H5Dclose(dataset) }
        try check(H5Dwrite(dataset, type, saxs_h5s_all(), saxs_h5s_all(), saxs_h5p_default(), value), "write \(path)")
    }

    static func scalar(_ file: hid_t, _ path: String, _ value: UInt32) throws {
        var stored = value
        try scalarDataset(file, path, type: saxs_h5t_native_uint32(), &stored)
    }

    static func scalar(_ file: hid_t, _ path: String, _ value: UInt64) throws {
        var stored = value
        try scalarDataset(file, path, type: saxs_h5t_native_uint64(), &stored)
    }

    static func scalar(_ file: hid_t, _ path: String, _ value: Int64) throws {
        var stored = value
        try scalarDataset(file, path, type: saxs_h5t_native_int64(), &stored)
    }

    static func scalar(_ file: hid_t, _ path: String, _ value: Double) throws {
        var stored = value
        try scalarDataset(file, path, type: saxs_h5t_native_double(), &stored)
    }

    /// h5py's boolean: an 8-bit enum of FALSE = 0 and TRUE = 1.
    static func boolean(_ file: hid_t, _ path: String, _ value: Bool) throws {
        let type = H5Tenum_create(saxs_h5t_native_int8())
        try check(type, "enum")
        defer { H5Tclose(type) }
        var no: Int8 = 0
        var yes: Int8 = 1
        try check(H5Tenum_insert(type, "FALSE", &no), "FALSE")
        try check(H5Tenum_insert(type, "TRUE", &yes), "TRUE")
        var stored: Int8 = value ? 1 : 0
        try scalarDataset(file, path, type: type, &stored)
    }

    static func string(_ file: hid_t, _ path: String, _ text: String, variable: Bool, spacePadded: Bool = false) throws {
        let type = H5Tcopy(saxs_h5t_c_s1())
        defer { H5Tclose(type) }
        if variable {
            try check(H5Tset_size(type, saxs_h5t_variable()), "size")
            try text.withCString { pointer in
                var stored: UnsafePointer<CChar>? = pointer
                try scalarDataset(file, path, type: type, &stored)
            }
        } else {
            let bytes = Array(text.utf8)
            try check(H5Tset_size(type, bytes.count), "size")
            try check(H5Tset_strpad(type, spacePadded ? H5T_STR_SPACEPAD : H5T_STR_NULLPAD), "padding")
            try scalarDataset(file, path, type: type, bytes)
        }
    }

    /// A variable-length string attribute, as h5py writes `attrs["default"] = "entry"`.
    static func attribute(_ file: hid_t, _ object: String, _ name: String, _ text: String) throws {
        let type = H5Tcopy(saxs_h5t_c_s1())
        defer { H5Tclose(type) }
        try check(H5Tset_size(type, saxs_h5t_variable()), "size")
        let space = H5Screate(H5S_SCALAR)
        defer { H5Sclose(space) }
        let attribute = H5Acreate_by_name(file, object, name, type, space, saxs_h5p_default(), saxs_h5p_default(),
                                          saxs_h5p_default())
        try check(attribute, "attribute \(object)@\(name)")
        defer { H5Aclose(attribute) }
        try text.withCString { pointer in
            var stored: UnsafePointer<CChar>? = pointer
            try check(H5Awrite(attribute, type, &stored), "write \(name)")
        }
    }

    /// `/entry/data/data`, 3 x 4 uint16 in one chunk, with `filter` in its pipeline as optional. `storedFiltered`
    /// stores the chunk with its filter mask saying the filter was applied (as software that has the plugin
    /// stores it); otherwise HDF5 writes the chunk itself, skipping the filter it does not have.
    static func optionalFilterDataset(_ file: hid_t, filter: H5Z_filter_t, storedFiltered: Bool) throws {
        let dimensions: [hsize_t] = [3, 4]
        let space = H5Screate_simple(2, dimensions, nil)
        defer { H5Sclose(space) }
        let creation = H5Pcreate(saxs_h5p_dataset_create())
        defer { H5Pclose(creation) }
        try check(H5Pset_chunk(creation, 2, dimensions), "chunk")
        try check(H5Pset_filter(creation, filter, 1, 0, nil), "filter")
        let links = try linkCreation()
        defer { H5Pclose(links) }
        let dataset = H5Dcreate2(file, "/entry/data/data", saxs_h5t_native_uint16(), space, links, creation, saxs_h5p_default())
        try check(dataset, "create")
        defer { H5Dclose(dataset) }
        let values = (0..<12).map(UInt16.init)
        if storedFiltered {
            var offset: [hsize_t] = [0, 0]
            let compressed = [UInt8](repeating: 0x5A, count: 40)
            try check(H5Dwrite_chunk(dataset, saxs_h5p_default(), 0, &offset, compressed.count, compressed), "write chunk")
        } else {
            try check(H5Dwrite(dataset, saxs_h5t_native_uint16(), saxs_h5s_all(), saxs_h5s_all(), saxs_h5p_default(), values), "write")
        }
    }
}

/// h5py in another process, as the independent SWMR writer.
private enum Python {
    static let hasH5py: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import h5py"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    /// A python3 process holding an HDF5 file open for writing, in HDF5's latest format and SWMR mode unless told
    /// otherwise: /entry/data/data, uint32 frames of `rows` x `columns`, appended and flushed on request.
    final class Writer {
        static func value(frame: Int, pixel: Int) -> Int { (frame * 1000 + pixel * 7) % 65521 }

        static let script = """
            import sys
            import h5py
            import numpy
            path, rows, columns, swmr = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "swmr"
            f = h5py.File(path, "w", libver="latest", locking=False)
            d = f.create_dataset("entry/data/data", shape=(0, rows, columns), maxshape=(None, rows, columns),
                                 chunks=(1, rows, columns), dtype="uint32")
            if swmr:
                f.swmr_mode = True
            print("ready", flush=True)
            n = 0
            for line in sys.stdin:
                for _ in range(int(line)):
                    d.resize(n + 1, axis=0)
                    d[n] = ((n * 1000 + numpy.arange(rows * columns) * 7) % 65521).reshape(rows, columns)
                    n += 1
                d.flush()
                print("ok", n, flush=True)
            f.close()
            """

        let process = Process()
        let input = Pipe()
        let output = Pipe()

        init(path: String, rows: Int, columns: Int, swmr: Bool = true) throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", Self.script, path, String(rows), String(columns), swmr ? "swmr" : "plain"]
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            try expectLine(startingWith: "ready")
        }

        /// Appends `count` frames and waits until the writer has flushed them.
        func append(_ count: Int) throws {
            try input.fileHandleForWriting.write(contentsOf: Data("\(count)\n".utf8))
            try expectLine(startingWith: "ok")
        }

        func finish() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }

        private func expectLine(startingWith prefix: String) throws {
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { throw Raw.Failure(description: "the h5py writer ended: \(String(decoding: line, as: UTF8.self))") }
                line.append(chunk)
            }
            let text = String(decoding: line, as: UTF8.self)
            if !text.hasPrefix(prefix) { throw Raw.Failure(description: "the h5py writer said \(text)") }
        }
    }
}
