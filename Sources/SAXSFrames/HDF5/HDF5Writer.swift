import CHDF5

#if canImport(Glibc)
import Glibc
#endif

/// Writes NeXus-style HDF5 frame files the way Dectris data files look: `/entry` (NXentry) / `data` (NXdata,
/// signal "data") / `data`, a stack (frames, rows, columns) stored one chunk per frame, or a single 2-D frame;
/// optionally the NXdetector metadata, an Eiger master that links data files (`writeMaster`), and a stack that
/// grows under SWMR (`startStack`). For tests, benchmarks and simulated detectors; saxsd never writes into
/// raw data.
public struct HDF5Writer: Sendable {
    public enum Compression: Sendable, Hashable {
        case none
        /// HDF5's built-in gzip filter, level 0 to 9.
        case deflate(level: Int)
        /// HDF5 filter 32008, bitshuffle with LZ4, as Eiger detectors store frames; needs the bitshuffle plugin.
        case bitshuffleLZ4
    }

    /// What the writer records about the detector, under `/entry/instrument`.
    public struct Detector: Sendable {
        /// Exposure per frame in seconds: `detector/count_time`.
        public var countTime: Double?
        /// Time from one frame's start to the next in seconds: `detector/frame_time`.
        public var frameTime: Double?
        /// X-ray wavelength in ångström: `beam/incident_wavelength`.
        public var wavelength: Double?
        /// Sample to detector in metres: `detector/detector_distance`.
        public var distance: Double?
        /// Beam position in pixels, along columns (x) and rows (y): `detector/beam_center_x`, `beam_center_y`.
        public var beamCenter: (x: Double, y: Double)?
        /// Pixel pitch in metres: `detector/x_pixel_size`, `y_pixel_size`.
        public var pixelSize: Double?
        /// `detector/description`, e.g. "Dectris EIGER2 X 9M".
        public var description: String?
        /// One value per pixel of the frames (non-zero: bad), as `detector/detectorSpecific/pixel_mask`.
        public var pixelMask: [UInt32]?

        public init(countTime: Double? = nil, frameTime: Double? = nil, wavelength: Double? = nil,
                    distance: Double? = nil, beamCenter: (x: Double, y: Double)? = nil, pixelSize: Double? = nil,
                    description: String? = nil, pixelMask: [UInt32]? = nil) {
            self.countTime = countTime
            self.frameTime = frameTime
            self.wavelength = wavelength
            self.distance = distance
            self.beamCenter = beamCenter
            self.pixelSize = pixelSize
            self.description = description
            self.pixelMask = pixelMask
        }
    }

    public var pixelType: HDF5PixelType
    public var compression: Compression
    public var detector: Detector?
    /// The series number of the file's first frame, written as the data set's `image_nr_low` and
    /// `image_nr_high` attributes as Eiger data files carry them; nil leaves them out.
    public var firstImageNumber: Int?

    public init(pixelType: HDF5PixelType = .uint32, compression: Compression = .none, detector: Detector? = nil,
                firstImageNumber: Int? = nil) {
        self.pixelType = pixelType
        self.compression = compression
        self.detector = detector
        self.firstImageNumber = firstImageNumber
    }

    /// Writes `frames` (all of one shape) to `path`, replacing any file there. One frame with `stacked` false
    /// is written as a 2-D dataset. NaN pixels are written as the unsigned types' invalid mark (all ones) and
    /// refused for signed integers, as are fractions and values out of the type's range.
    public func write(_ frames: [Frame], to path: String, stacked: Bool = true) throws(FrameError) {
        guard let shape = frames.first?.shape, frames.allSatisfy({ $0.shape == shape }) else {
            throw FrameError(.unsupported, path: path, "frames to write must exist and share one shape")
        }
        guard stacked || frames.count == 1 else {
            throw FrameError(.unsupported, path: path, "\(frames.count) frames need a stack, not a 2-D data set")
        }
        for (index, frame) in frames.enumerated() { try check(frame, path: path, index: frames.count > 1 ? index : nil) }
        unlink(path)
        let file = try HDF5Library.withLock { () throws(FrameError) -> HDF5WrittenFile in
            try create(path, shape: shape, frames: stacked ? .fixed(frames.count) : .single, swmr: false)
        }
        do throws(FrameError) {
            for (index, frame) in frames.enumerated() {
                let samples = encode(frame)
                try HDF5Library.withLock { () throws(FrameError) in
                    try file.write(samples, frame: index, shape: shape, pixelType: pixelType)
                }
            }
            try HDF5Library.withLock { () throws(FrameError) in try file.close() }
        } catch {
            HDF5Library.withLock { try? file.close() }
            unlink(path)
            throw error
        }
    }

    /// Creates `path` for a stack that grows a frame at a time while readers read it: HDF5's latest file format
    /// in SWMR mode, every frame flushed as it is appended (see `HDF5StackAppender`).
    public func startStack(at path: String, shape: FrameShape) throws(FrameError) -> HDF5StackAppender {
        guard shape.rows > 0, shape.columns > 0 else {
            throw FrameError(.unsupported, path: path, "a stack of \(shape)-pixel frames is empty")
        }
        unlink(path)
        let file = try HDF5Library.withLock { () throws(FrameError) -> HDF5WrittenFile in
            let file = try create(path, shape: shape, frames: .growing, swmr: true)
            guard H5Fstart_swmr_write(file.file) >= 0 else {
                let error = FrameError.hdf5(.unreadable, path: path, "cannot start SWMR writing")
                try? file.close()
                throw error
            }
            return file
        }
        return HDF5StackAppender(writer: self, file: file, shape: shape)
    }

    func check(_ frame: Frame, path: String, index: Int?) throws(FrameError) {
        guard frame.shape.rows > 0, frame.shape.columns > 0 else {
            throw FrameError(.unsupported, path: path, frame: index, "a frame of \(frame.shape) pixels is empty")
        }
        if let pixel = frame.pixels.firstIndex(where: { !pixelType.representsMarkingInvalid($0) }) {
            throw FrameError(.unsupported, path: path, frame: index,
                             "pixel (\(pixel / frame.shape.columns), \(pixel % frame.shape.columns)) = \(frame.pixels[pixel]) "
                             + "cannot be stored as \(pixelType)")
        }
    }

    /// The frame's samples in this machine's byte order.
    func encode(_ frame: Frame) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: frame.pixels.count * pixelType.byteCount) { bytes, initialized in
            frame.pixels.withUnsafeBufferPointer { pixelType.encodeMarkingInvalid($0, into: UnsafeMutableRawPointer(bytes.baseAddress!)) }
            initialized = bytes.count
        }
    }

    /// Creates the file, its NeXus groups, the detector metadata and the (empty) image data set. Call holding
    /// the library lock.
    private func create(_ path: String, shape: FrameShape, frames: HDF5WrittenFile.Extent,
                        swmr: Bool) throws(FrameError) -> HDF5WrittenFile {
        if compression == .bitshuffleLZ4, H5Zfilter_avail(32008) <= 0 {
            H5Eclear2(0)
            throw FrameError(.unsupported, path: path, "HDF5 filter 32008 (bitshuffle) is not available: no plugin for it "
                             + "was found (\(HDF5Plugins.searchDescription))")
        }
        if case .deflate(let level) = compression, !(0...9).contains(level) {
            throw FrameError(.unsupported, path: path, "deflate level \(level) is not 0 to 9")
        }
        var file = try HDF5WrittenFile.create(path, latestFormat: swmr)
        do throws(FrameError) {
            try file.writeEntry()
            if let detector { try file.writeDetector(detector, shape: shape) }
            try file.createData(shape: shape, extent: frames, pixelType: pixelType, compression: compression,
                                firstImageNumber: firstImageNumber)
        } catch {
            try? file.close()
            unlink(path)
            throw error
        }
        return file
    }
}
