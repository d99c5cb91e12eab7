import CHDF5

/// Single values of datasets and attributes (numbers, strings, booleans) as `FrameHeader` values. Call
/// holding the library lock.
///
/// Metadata is read for what it is: a count time stored as float64 becomes `.real`, a bit depth stored as
/// uint32 `.integer`, h5py's booleans (an enum of FALSE and TRUE) `.logical`. Anything with more than one
/// element (a pixel mask, a flat field) is not a header value and gives nil.
enum HDF5Value {
    /// Strings longer than this are not metadata; a corrupt size must not allocate gigabytes.
    static let maximumStringBytes = 1 << 16

    /// The value of the dataset at `path`, nil when it is absent, not a single value, or not a number or string.
    static func dataset(_ location: hid_t, _ path: String) -> FrameHeader.Value? {
        guard HDF5Location.kind(location, path) == .dataset else { return nil }
        return HDF5Dataset.with(location, path) { dataset, type, space in
            read(type: type, space: space) { memory, buffer in
                H5Dread(dataset, memory, saxs_h5s_all(), saxs_h5s_all(), saxs_h5p_default(), buffer)
            }
        }
    }

    /// The value of attribute `name` of the object at `path`, nil when absent or not a single value.
    static func attribute(_ location: hid_t, _ path: String, _ name: String) -> FrameHeader.Value? {
        guard HDF5Location.linkExists(location, path), H5Aexists_by_name(location, path, name, saxs_h5p_default()) > 0 else {
            H5Eclear2(0)
            return nil
        }
        let attribute = H5Aopen_by_name(location, path, name, saxs_h5p_default(), saxs_h5p_default())
        guard attribute >= 0 else {
            H5Eclear2(0)
            return nil
        }
        defer { H5Aclose(attribute) }
        return value(ofAttribute: attribute)
    }

    /// Every single-valued attribute of an open object, in name order.
    static func attributes(of object: hid_t) -> [(key: String, value: FrameHeader.Value)] {
        var info = H5O_info_t()
        guard H5Oget_info2(object, &info, UInt32(H5O_INFO_NUM_ATTRS)) >= 0 else {
            H5Eclear2(0)
            return []
        }
        var entries: [(key: String, value: FrameHeader.Value)] = []
        for index in 0..<min(Int(info.num_attrs), 1024) {
            let attribute = H5Aopen_by_idx(object, ".", H5_INDEX_NAME, H5_ITER_INC, hsize_t(index),
                                           saxs_h5p_default(), saxs_h5p_default())
            guard attribute >= 0 else { continue }
            defer { H5Aclose(attribute) }
            let length = H5Aget_name(attribute, 0, nil)
            guard length > 0, length < 1 << 12 else { continue }
            var name = [CChar](repeating: 0, count: Int(length) + 1)
            guard H5Aget_name(attribute, name.count, &name) > 0 else { continue }
            if let value = value(ofAttribute: attribute) {
                entries.append((String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), value))
            }
        }
        H5Eclear2(0)
        return entries
    }

    private static func value(ofAttribute attribute: hid_t) -> FrameHeader.Value? {
        let type = H5Aget_type(attribute)
        let space = H5Aget_space(attribute)
        defer {
            if type >= 0 { H5Tclose(type) }
            if space >= 0 { H5Sclose(space) }
        }
        guard type >= 0, space >= 0 else { return nil }
        return read(type: type, space: space) { memory, buffer in H5Aread(attribute, memory, buffer) }
    }

    /// Reads the one element of a dataset or attribute of file type `type`; `read(memoryType, buffer)` does the
    /// reading.
    private static func read(type: hid_t, space: hid_t,
                             _ read: (hid_t, UnsafeMutableRawPointer) -> herr_t) -> FrameHeader.Value? {
        guard H5Sget_simple_extent_npoints(space) == 1 else { return nil }
        defer { H5Eclear2(0) }
        switch H5Tget_class(type) {
        case H5T_INTEGER:
            if H5Tget_sign(type) == H5T_SGN_2 {
                var value: Int64 = 0
                guard read(saxs_h5t_native_int64(), &value) >= 0 else { return nil }
                return .integer(Int(value))
            }
            var value: UInt64 = 0
            guard read(saxs_h5t_native_uint64(), &value) >= 0 else { return nil }
            return value <= UInt64(Int.max) ? .integer(Int(value)) : .real(Double(value))
        case H5T_FLOAT:
            var value = 0.0
            guard read(saxs_h5t_native_double(), &value) >= 0 else { return nil }
            return .real(value)
        case H5T_STRING:
            return string(type: type, read).map(FrameHeader.Value.string)
        case H5T_ENUM:
            return enumeration(type: type, read)
        default:
            return nil
        }
    }

    private static func string(type: hid_t, _ read: (hid_t, UnsafeMutableRawPointer) -> herr_t) -> String? {
        if H5Tis_variable_str(type) > 0 {
            let memory = H5Tcopy(saxs_h5t_c_s1())
            guard memory >= 0 else { return nil }
            defer { H5Tclose(memory) }
            guard H5Tset_size(memory, saxs_h5t_variable()) >= 0, H5Tset_cset(memory, H5Tget_cset(type)) >= 0 else { return nil }
            var pointer: UnsafeMutablePointer<CChar>?
            guard read(memory, &pointer) >= 0, let pointer else { return nil }
            defer { H5free_memory(pointer) }
            return trimmed(UnsafeRawBufferPointer(start: pointer, count: strnlen(pointer, maximumStringBytes)))
        }
        let size = H5Tget_size(type)
        guard size > 0, size <= maximumStringBytes else { return nil }
        // The file's own type as the memory type: the bytes as stored, padding included.
        let memory = H5Tcopy(type)
        guard memory >= 0 else { return nil }
        defer { H5Tclose(memory) }
        var bytes = [UInt8](repeating: 0, count: size)
        guard bytes.withUnsafeMutableBytes({ read(memory, $0.baseAddress!) }) >= 0 else { return nil }
        return bytes.withUnsafeBytes { trimmed(UnsafeRawBufferPointer(rebasing: $0.prefix { $0 != 0 })) }
    }

    /// Text up to its first NUL, without the trailing blanks of space-padded strings.
    private static func trimmed(_ bytes: UnsafeRawBufferPointer) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        while text.last == " " { text.removeLast() }
        return text
    }

    /// An enumeration's member name; FALSE and TRUE (h5py's booleans) as a logical.
    private static func enumeration(type: hid_t, _ read: (hid_t, UnsafeMutableRawPointer) -> herr_t) -> FrameHeader.Value? {
        let memory = H5Tget_native_type(type, H5T_DIR_ASCEND)
        guard memory >= 0 else { return nil }
        defer { H5Tclose(memory) }
        guard H5Tget_size(memory) <= 8 else { return nil }
        var raw: UInt64 = 0
        guard read(memory, &raw) >= 0 else { return nil }
        var name = [CChar](repeating: 0, count: 256)
        guard H5Tenum_nameof(memory, &raw, &name, name.count) >= 0 else { return nil }
        let text = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        switch text.uppercased() {
        case "TRUE": return .logical(true)
        case "FALSE": return .logical(false)
        default: return .string(text)
        }
    }
}
