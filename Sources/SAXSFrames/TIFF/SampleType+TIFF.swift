import CTIFF

/// The pixel types saxsd reads from and writes to TIFF: one sample per pixel, as TIFF's BitsPerSample and
/// SampleFormat tags describe it.
public typealias TIFFSampleType = SampleType

extension SampleType {
    /// The type of a directory's BitsPerSample and SampleFormat, nil for layouts saxsd does not read
    /// (1-bit masks, 12-bit packed, half floats, complex numbers, untyped data).
    init?(bitsPerSample: UInt16, sampleFormat: UInt16) {
        let type: SampleType? = switch (Int32(sampleFormat), bitsPerSample) {
        case (SAMPLEFORMAT_UINT, 8): .uint8
        case (SAMPLEFORMAT_UINT, 16): .uint16
        case (SAMPLEFORMAT_UINT, 32): .uint32
        case (SAMPLEFORMAT_UINT, 64): .uint64
        case (SAMPLEFORMAT_INT, 8): .int8
        case (SAMPLEFORMAT_INT, 16): .int16
        case (SAMPLEFORMAT_INT, 32): .int32
        case (SAMPLEFORMAT_INT, 64): .int64
        case (SAMPLEFORMAT_IEEEFP, 32): .float32
        case (SAMPLEFORMAT_IEEEFP, 64): .float64
        default: nil
        }
        guard let type else { return nil }
        self = type
    }

    var bitsPerSample: UInt16 { UInt16(byteCount * 8) }

    var sampleFormat: UInt16 {
        switch self {
        case .uint8, .uint16, .uint32, .uint64: UInt16(SAMPLEFORMAT_UINT)
        case .int8, .int16, .int32, .int64: UInt16(SAMPLEFORMAT_INT)
        case .float32, .float64: UInt16(SAMPLEFORMAT_IEEEFP)
        }
    }
}
