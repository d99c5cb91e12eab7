import CHDF5

/// The sample types of HDF5 image datasets saxsd reads, and HDF5Writer writes, in either byte order on disk.
public typealias HDF5PixelType = SampleType

extension SampleType {
    /// The type of a dataset's stored samples, nil for what is not a pixel (strings, compounds, enums,
    /// half-precision or extended floats, integers of odd widths).
    init?(datatype: hid_t) {
        let size = H5Tget_size(datatype)
        switch H5Tget_class(datatype) {
        case H5T_INTEGER:
            let signed = H5Tget_sign(datatype) == H5T_SGN_2
            switch size {
            case 1: self = signed ? .int8 : .uint8
            case 2: self = signed ? .int16 : .uint16
            case 4: self = signed ? .int32 : .uint32
            case 8: self = signed ? .int64 : .uint64
            default: return nil
            }
        case H5T_FLOAT:
            // Only IEEE binary32/binary64 layouts: HDF5 can describe other float formats, which it would
            // convert, but no detector writes them and a 16-bit float would pass the size test below.
            let native: hid_t = size == 4 ? saxs_h5t_native_float() : saxs_h5t_native_double()
            guard size == 4 || size == 8 else { return nil }
            var precision = H5Tget_precision(datatype)
            if precision == 0 { precision = size * 8 }
            guard precision == H5Tget_precision(native) else { return nil }
            self = size == 4 ? .float32 : .float64
        default:
            return nil
        }
    }

    /// The in-memory type HDF5 converts stored samples to: this machine's byte order. Call holding the
    /// library lock (the ids exist once the library is open).
    var nativeType: hid_t {
        switch self {
        case .uint8: saxs_h5t_native_uint8()
        case .int8: saxs_h5t_native_int8()
        case .uint16: saxs_h5t_native_uint16()
        case .int16: saxs_h5t_native_int16()
        case .uint32: saxs_h5t_native_uint32()
        case .int32: saxs_h5t_native_int32()
        case .uint64: saxs_h5t_native_uint64()
        case .int64: saxs_h5t_native_int64()
        case .float32: saxs_h5t_native_float()
        case .float64: saxs_h5t_native_double()
        }
    }
}
