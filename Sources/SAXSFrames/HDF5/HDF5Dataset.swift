import CHDF5

/// Opening a dataset with its datatype and dataspace, as every look at a dataset's contents starts. Call holding
/// the library lock.
enum HDF5Dataset {
    /// Runs `body` on the dataset at `path` with its datatype and dataspace, closing all three after; nil when
    /// any of them cannot be opened (HDF5's error stack is cleared: a missing dataset is an answer, not a failure).
    static func with<T>(_ location: hid_t, _ path: String,
                        _ body: (_ dataset: hid_t, _ type: hid_t, _ space: hid_t) -> T?) -> T? {
        let dataset = H5Dopen2(location, path, saxs_h5p_default())
        guard dataset >= 0 else {
            H5Eclear2(0)
            return nil
        }
        defer { H5Dclose(dataset) }
        return withTypeAndSpace(of: dataset) { type, space in body(dataset, type, space) }
    }

    /// Runs `body` on the datatype and dataspace of an open dataset, closing both after.
    static func withTypeAndSpace<T>(of dataset: hid_t, _ body: (_ type: hid_t, _ space: hid_t) -> T?) -> T? {
        let type = H5Dget_type(dataset)
        let space = H5Dget_space(dataset)
        defer {
            if type >= 0 { H5Tclose(type) }
            if space >= 0 { H5Sclose(space) }
        }
        guard type >= 0, space >= 0 else { return nil }
        return body(type, space)
    }
}
