/// The pixel sample types of detector files: integers of 8 to 64 bits, signed or not, and IEEE floats of 32 and
/// 64 bits. Each format names them its own way (TIFF's BitsPerSample and SampleFormat, EDF's `DataType`, HDF5's
/// datatypes; see the `SampleType+FORMAT` files), but the widths and ranges are the same, and so is turning them
/// into pixels. Pilatus and Eiger frames are `int32` or `uint32`; other detectors and software write the rest.
public enum SampleType: String, Sendable, CaseIterable {
    case uint8, int8, uint16, int16, uint32, int32, uint64, int64, float32, float64

    public var byteCount: Int {
        switch self {
        case .uint8, .int8: 1
        case .uint16, .int16: 2
        case .uint32, .int32, .float32: 4
        case .uint64, .int64, .float64: 8
        }
    }

    var isUnsigned: Bool {
        switch self {
        case .uint8, .uint16, .uint32, .uint64: true
        default: false
        }
    }
}
