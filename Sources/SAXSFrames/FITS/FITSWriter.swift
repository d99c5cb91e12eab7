import CFITSIO

#if canImport(Glibc)
import Glibc
#endif

/// Writes a frame as a single-image FITS file. Used by the demo's simulated detector and by tests that need
/// frames of every BITPIX; saxsd never writes into raw data.
public struct FITSWriter: Sendable {
    /// FITS sample types. The unsigned ones are stored as signed integers with BZERO, as the standard says.
    public enum SampleType: Sendable, CaseIterable {
        case uint8, int16, uint16, int32, uint32, int64, float32, float64

        var bitpix: Int32 {
            switch self {
            case .uint8: BYTE_IMG
            case .int16: SHORT_IMG
            case .uint16: USHORT_IMG
            case .int32: LONG_IMG
            case .uint32: ULONG_IMG
            case .int64: LONGLONG_IMG
            case .float32: FLOAT_IMG
            case .float64: DOUBLE_IMG
            }
        }
    }

    /// FITS tile compression (the image goes into a binary-table extension, one tile per row, as detectors and
    /// archives write it). Lossless for integers; float images are quantized by cfitsio's defaults, so tests use
    /// them with integers. PLIO is left out: cfitsio's PLIO encoder overruns its buffer on images that are not
    /// mask-like (valgrind shows it on noisy counts), though such files are read like the others.
    public enum Compression: String, Sendable, CaseIterable {
        case rice = "RICE"
        case gzip = "GZIP"
        case gzip2 = "GZIP2"
        case hcompress = "HCOMPRESS"
    }

    public var sampleType: SampleType
    public var compression: Compression?

    public init(sampleType: SampleType = .int32, compression: Compression? = nil) {
        self.sampleType = sampleType
        self.compression = compression
    }

    /// Writes `frames` (one plane each, all of one shape) to `path`, replacing any file there.
    /// More than one frame gives a NAXIS3 cube.
    public func write(_ frames: [Frame], to path: String, keywords: [(String, FrameHeader.Value)] = []) throws(FrameError) {
        guard let shape = frames.first?.shape, frames.allSatisfy({ $0.shape == shape }) else {
            throw FrameError(.unsupported, path: path, "frames to write must exist and share one shape")
        }
        unlink(path)
        var file: UnsafeMutablePointer<fitsfile>?
        var status: Int32 = 0
        // cfitsio takes compression from its extended file-name syntax; plain names go through the call that
        // turns that syntax off, so no path is ever read as a filter.
        if let compression {
            ffinit(&file, "\(path)[compress \(compression.rawValue)]", &status)
        } else {
            ffdkinit(&file, path, &status)
        }
        guard status == 0, let file else {
            throw FrameError(.unreadable, path: path, "cfitsio cannot create the file: \(FITSReader.message(status))")
        }
        var naxes: [Int] = frames.count > 1 ? [shape.columns, shape.rows, frames.count] : [shape.columns, shape.rows]
        ffcrim(file, sampleType.bitpix, Int32(naxes.count), &naxes, &status)
        for (key, value) in keywords where status == 0 {
            switch value {
            case .string(let s): ffpkys(file, key, s, nil, &status)
            case .integer(let i): ffpkyj(file, key, Int64(i), nil, &status)
            case .real(let d): ffpkyd(file, key, d, -15, nil, &status)
            case .logical(let b): ffpkyl(file, key, b ? 1 : 0, nil, &status)
            }
        }
        for (plane, frame) in frames.enumerated() where status == 0 {
            let first = Int64(plane * shape.pixelCount + 1)
            if compression != nil {
                // cfitsio's tile compressor refuses doubles for 16-bit images: hand it the image's own type.
                writeNative(file, frame.pixels, first: first, status: &status)
            } else {
                var pixels = frame.pixels
                pixels.withUnsafeMutableBufferPointer { buffer in
                    _ = ffppr(file, TDOUBLE, first, Int64(shape.pixelCount), buffer.baseAddress, &status)
                }
            }
        }
        var closeStatus: Int32 = 0
        ffclos(file, &closeStatus)
        if status == 0 { status = closeStatus }
        if status != 0 {
            unlink(path)
            throw FrameError(.corrupt, path: path, "cfitsio cannot write the image: \(FITSReader.message(status))")
        }
    }

    private func writeNative(_ file: UnsafeMutablePointer<fitsfile>, _ values: [Double], first: Int64,
                             status: inout Int32) {
        func put<T>(_ type: Int32, _ convert: (Double) -> T) {
            var buffer = values.map(convert)
            buffer.withUnsafeMutableBufferPointer { pointer in
                _ = ffppr(file, type, first, Int64(pointer.count), pointer.baseAddress, &status)
            }
        }
        func whole(_ value: Double) -> Int64 { value.isFinite ? Int64(value.rounded()) : 0 }
        switch sampleType {
        case .uint8: put(TBYTE) { UInt8(clamping: whole($0)) }
        case .int16: put(TSHORT) { Int16(clamping: whole($0)) }
        case .uint16: put(TUSHORT) { UInt16(clamping: whole($0)) }
        case .int32: put(TINT) { Int32(clamping: whole($0)) }
        case .uint32: put(TUINT) { UInt32(clamping: whole($0)) }
        case .int64: put(TLONGLONG) { whole($0) }
        case .float32: put(TFLOAT) { Float($0) }
        case .float64: put(TDOUBLE) { $0 }
        }
    }
}
