import CHDF5

/// Questions about the objects and links of an open file, by path, that do not fail when the answer is
/// "not there". Call holding the library lock.
///
/// HDF5's own look-ups fail, and fill the error stack, when any group on the way is missing or a link
/// dangles; a reader searching for an image in files of unknown layout asks many questions whose honest
/// answer is no.
enum HDF5Location {
    enum Kind {
        case group, dataset, other
    }

    /// Groups with more links than this are not searched: a corrupt or hostile file must not make a listing
    /// run for minutes.
    static let maximumLinks = 100_000

    /// What the object at `path` is, nil when a link on the way is missing or dangles.
    static func kind(_ location: hid_t, _ path: String, access: hid_t = saxs_h5p_default()) -> Kind? {
        guard linkExists(location, path, access: access) else { return nil }
        var info = H5O_info_t()
        guard H5Oget_info_by_name2(location, path, &info, UInt32(H5O_INFO_BASIC), access) >= 0 else {
            H5Eclear2(0)
            return nil
        }
        switch info.type {
        case H5O_TYPE_GROUP: return .group
        case H5O_TYPE_DATASET: return .dataset
        default: return .other
        }
    }

    /// Whether every link on `path` exists (the last one may dangle).
    static func linkExists(_ location: hid_t, _ path: String, access: hid_t = saxs_h5p_default()) -> Bool {
        guard let exists = checkedLinkExists(location, path, access: access) else {
            H5Eclear2(0)
            return false
        }
        return exists
    }

    /// Whether every link on `path` exists; nil when HDF5 cannot tell because a group on the way is damaged,
    /// with the reason left on the error stack.
    static func checkedLinkExists(_ location: hid_t, _ path: String, access: hid_t = saxs_h5p_default()) -> Bool? {
        let absolute = path.hasPrefix("/")
        var prefix = absolute ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            let name = absolute ? String(prefix) : String(prefix.dropFirst(2))
            let exists = H5Lexists(location, name, access)
            if exists < 0 { return nil }
            if exists == 0 { return false }
        }
        return true
    }

    /// The type of link `name` in `group`, nil when there is none.
    static func linkType(_ location: hid_t, _ path: String) -> H5L_type_t? {
        guard linkExists(location, path) else { return nil }
        var info = H5L_info_t()
        guard H5Lget_info(location, path, &info, saxs_h5p_default()) >= 0 else {
            H5Eclear2(0)
            return nil
        }
        return info.type
    }

    /// Where the external link at `path` points: the file name as stored and the object's path in that file.
    static func externalTarget(_ location: hid_t, _ path: String) -> (file: String, object: String)? {
        var info = H5L_info_t()
        guard H5Lget_info(location, path, &info, saxs_h5p_default()) >= 0, info.type == H5L_TYPE_EXTERNAL else {
            H5Eclear2(0)
            return nil
        }
        let size = info.u.val_size
        guard size > 0, size < 1 << 16 else { return nil }
        var value = [UInt8](repeating: 0, count: size)
        guard H5Lget_val(location, path, &value, size, saxs_h5p_default()) >= 0 else {
            H5Eclear2(0)
            return nil
        }
        var flags: UInt32 = 0
        var file: UnsafePointer<CChar>?
        var object: UnsafePointer<CChar>?
        // The names point into `value`, which lives until the end of this function.
        let unpacked = H5Lunpack_elink_val(&value, size, &flags, &file, &object)
        guard unpacked >= 0, let file, let object else {
            H5Eclear2(0)
            return nil
        }
        return (String(cString: file), String(cString: object))
    }

    /// The names of the links in the group at `path`, in name order.
    static func linkNames(_ location: hid_t, _ path: String) -> [String] {
        var info = H5G_info_t()
        guard H5Gget_info_by_name(location, path, &info, saxs_h5p_default()) >= 0 else {
            H5Eclear2(0)
            return []
        }
        let count = min(Int(info.nlinks), maximumLinks)
        var names: [String] = []
        names.reserveCapacity(count)
        for index in 0..<count {
            let length = H5Lget_name_by_idx(location, path, H5_INDEX_NAME, H5_ITER_INC, hsize_t(index), nil, 0,
                                            saxs_h5p_default())
            guard length > 0, length < 1 << 16 else { continue }
            var buffer = [CChar](repeating: 0, count: Int(length) + 1)
            guard H5Lget_name_by_idx(location, path, H5_INDEX_NAME, H5_ITER_INC, hsize_t(index), &buffer,
                                     buffer.count, saxs_h5p_default()) > 0 else { continue }
            names.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        H5Eclear2(0)
        return names
    }

    /// `name` inside the group at `path`.
    static func child(_ path: String, _ name: String) -> String {
        path.hasSuffix("/") ? path + name : path + "/" + name
    }
}
