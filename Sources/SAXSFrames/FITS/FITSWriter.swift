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

    public var sampleType: SampleType

    public init(sampleType: SampleType = .int32) {
        self.sampleType = sampleType
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
        ffdkinit(&file, path, &status)
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
            var pixels = frame.pixels
            let first = Int64(plane * shape.pixelCount + 1)
            pixels.withUnsafeMutableBufferPointer { buffer in
                _ = ffppr(file, TDOUBLE, first, Int64(shape.pixelCount), buffer.baseAddress, &status)
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
}
