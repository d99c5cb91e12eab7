import CHDF5

#if canImport(Glibc)
import Glibc
#endif

/// An HDF5 file HDF5Writer is writing: the NeXus groups, metadata and image data set it creates. Every method
/// is called holding the library lock.
struct HDF5WrittenFile: Sendable {
    enum Extent: Equatable {
        /// One 2-D frame.
        case single
        /// A stack of this many frames.
        case fixed(Int)
        /// A stack of no frames yet, extended by `append`.
        case growing
    }

    let path: String
    let file: hid_t
    private(set) var data: hid_t = -1

    /// Creates `path` without file locks (readers beside the writer do not lock either); `latestFormat` for the
    /// version-3 superblock and data set indexes SWMR needs.
    static func create(_ path: String, latestFormat: Bool) throws(FrameError) -> HDF5WrittenFile {
        let access = H5Pcreate(saxs_h5p_file_access())
        guard access >= 0 else { throw FrameError.hdf5(.unreadable, path: path, "cannot make a file access list") }
        defer { H5Pclose(access) }
        guard H5Pset_file_locking(access, false, true) >= 0,
              !latestFormat || H5Pset_libver_bounds(access, saxs_h5f_libver_latest(), saxs_h5f_libver_latest()) >= 0 else {
            throw FrameError.hdf5(.unreadable, path: path, "cannot set up the file access list")
        }
        let file = H5Fcreate(path, saxs_h5f_acc_trunc(), saxs_h5p_default(), access)
        guard file >= 0 else { throw FrameError.hdf5(.unreadable, path: path, "cannot create the file") }
        return HDF5WrittenFile(path: path, file: file)
    }

    func close() throws(FrameError) {
        let dataClosed = data < 0 || H5Dclose(data) >= 0
        guard H5Fclose(file) >= 0, dataClosed else { throw FrameError.hdf5(.unreadable, path: path, "cannot close the file") }
    }

    /// `/entry` (NXentry) with `/entry/data` (NXdata), named by NeXus `default` attributes; `signal` names the
    /// image data set (an Eiger master's NXdata holds only links, and no signal).
    func writeEntry(signal: String? = "data") throws(FrameError) {
        try setAttribute(file, "default", "entry")
        let entry = try group("/entry", nxClass: "NXentry")
        defer { H5Gclose(entry) }
        try setAttribute(entry, "default", "data")
        let data = try group("/entry/data", nxClass: "NXdata")
        defer { H5Gclose(data) }
        if let signal { try setAttribute(data, "signal", signal) }
    }

    /// `/entry/instrument/detector` (NXdetector) and `/entry/instrument/beam` (NXbeam), with units as NeXus
    /// and Dectris give them.
    func writeDetector(_ detector: HDF5Writer.Detector, shape: FrameShape) throws(FrameError) {
        let instrument = try group("/entry/instrument", nxClass: "NXinstrument")
        defer { H5Gclose(instrument) }
        let group = try self.group("/entry/instrument/detector", nxClass: "NXdetector")
        defer { H5Gclose(group) }
        if let description = detector.description { try writeScalar(group, "description", string: description) }
        if let countTime = detector.countTime { try writeScalar(group, "count_time", countTime, units: "s") }
        if let frameTime = detector.frameTime { try writeScalar(group, "frame_time", frameTime, units: "s") }
        if let distance = detector.distance { try writeScalar(group, "detector_distance", distance, units: "m") }
        if let beamCenter = detector.beamCenter {
            try writeScalar(group, "beam_center_x", beamCenter.x, units: "pixel")
            try writeScalar(group, "beam_center_y", beamCenter.y, units: "pixel")
        }
        if let pixelSize = detector.pixelSize {
            try writeScalar(group, "x_pixel_size", pixelSize, units: "m")
            try writeScalar(group, "y_pixel_size", pixelSize, units: "m")
        }
        if let mask = detector.pixelMask {
            guard mask.count == shape.pixelCount else {
                throw FrameError(.unsupported, path: path, "a pixel mask of \(mask.count) values for \(shape)-pixel frames")
            }
            let specific = try self.group("/entry/instrument/detector/detectorSpecific", nxClass: "NXcollection")
            defer { H5Gclose(specific) }
            try writeArray(specific, "pixel_mask", mask, shape: shape)
        }
        if let wavelength = detector.wavelength {
            let beam = try self.group("/entry/instrument/beam", nxClass: "NXbeam")
            defer { H5Gclose(beam) }
            try writeScalar(beam, "incident_wavelength", wavelength, units: "angstrom")
        }
    }

    /// Creates `/entry/data/data`: one chunk per frame, compressed as asked.
    mutating func createData(shape: FrameShape, extent: Extent, pixelType: HDF5PixelType,
                             compression: HDF5Writer.Compression, firstImageNumber: Int?) throws(FrameError) {
        let frame = [hsize_t(shape.rows), hsize_t(shape.columns)]
        let (dimensions, maximum, chunk): ([hsize_t], [hsize_t], [hsize_t]) = switch extent {
        case .single: (frame, frame, frame)
        case .fixed(let count): ([hsize_t(count)] + frame, [hsize_t(count)] + frame, [1] + frame)
        case .growing: ([0] + frame, [saxs_h5s_unlimited()] + frame, [1] + frame)
        }
        let space = H5Screate_simple(Int32(dimensions.count), dimensions, maximum)
        guard space >= 0 else { throw FrameError.hdf5(.unsupported, path: path, "cannot describe \(shape)-pixel frames") }
        defer { H5Sclose(space) }
        let creation = H5Pcreate(saxs_h5p_dataset_create())
        guard creation >= 0 else { throw FrameError.hdf5(.unreadable, path: path, "cannot make a creation list") }
        defer { H5Pclose(creation) }
        var configured = H5Pset_chunk(creation, Int32(chunk.count), chunk) >= 0
        switch compression {
        case .none: break
        case .deflate(let level): configured = configured && H5Pset_deflate(creation, UInt32(level)) >= 0
        case .bitshuffleLZ4:
            // Block size 0 (bitshuffle's default) and compression 2 (LZ4); the plugin puts its own version
            // and the element size in front when the data set is created, as h5py and hdf5plugin's do.
            let options: [UInt32] = [0, 2]
            configured = configured && H5Pset_filter(creation, 32008, 0, options.count, options) >= 0
        }
        guard configured else { throw FrameError.hdf5(.unsupported, path: path, "cannot set up \(compression) chunks") }
        let dataset = H5Dcreate2(file, "/entry/data/data", pixelType.nativeType, space, saxs_h5p_default(), creation,
                                 saxs_h5p_default())
        guard dataset >= 0 else { throw FrameError.hdf5(.unsupported, path: path, "cannot create /entry/data/data") }
        data = dataset
        if let firstImageNumber {
            let count = switch extent {
            case .single: 1
            case .fixed(let count): count
            case .growing: 0
            }
            try setAttribute(dataset, "image_nr_low", firstImageNumber)
            try setAttribute(dataset, "image_nr_high", firstImageNumber + count - 1)
        }
    }

    /// Writes one frame's samples (this machine's byte order) as frame `index` of the data set.
    func write(_ samples: [UInt8], frame index: Int, shape: FrameShape, pixelType: HDF5PixelType) throws(FrameError) {
        let fileSpace = H5Dget_space(data)
        guard fileSpace >= 0 else { throw FrameError.hdf5(.unreadable, path: path, frame: index, "cannot read the data set's extent") }
        defer { H5Sclose(fileSpace) }
        let stacked = H5Sget_simple_extent_ndims(fileSpace) == 3
        let start: [hsize_t] = stacked ? [hsize_t(index), 0, 0] : [0, 0]
        let count: [hsize_t] = (stacked ? [1] : []) + [hsize_t(shape.rows), hsize_t(shape.columns)]
        // Of the selection's shape, which HDF5 copies in one run.
        let memorySpace = H5Screate_simple(Int32(count.count), count, nil)
        guard memorySpace >= 0 else { throw FrameError.hdf5(.unreadable, path: path, frame: index, "cannot describe the frame") }
        defer { H5Sclose(memorySpace) }
        guard H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, start, nil, count, nil) >= 0,
              samples.withUnsafeBytes({ H5Dwrite(data, pixelType.nativeType, memorySpace, fileSpace, saxs_h5p_default(), $0.baseAddress) }) >= 0 else {
            throw FrameError.hdf5(.unreadable, path: path, frame: index, "cannot write frame \(index)")
        }
    }

    /// Extends the growing data set by one frame, writes it and flushes it, so SWMR readers see it whole.
    func append(_ samples: [UInt8], frame index: Int, shape: FrameShape, pixelType: HDF5PixelType) throws(FrameError) {
        let extent: [hsize_t] = [hsize_t(index + 1), hsize_t(shape.rows), hsize_t(shape.columns)]
        guard H5Dset_extent(data, extent) >= 0 else {
            throw FrameError.hdf5(.unreadable, path: path, frame: index, "cannot extend the stack to \(index + 1) frames")
        }
        try write(samples, frame: index, shape: shape, pixelType: pixelType)
        guard H5Dflush(data) >= 0 else { throw FrameError.hdf5(.unreadable, path: path, frame: index, "cannot flush frame \(index)") }
    }

    /// An external link at `link` to `object` in `target` (a name relative to this file's folder, or absolute).
    func link(_ link: String, to object: String, in target: String) throws(FrameError) {
        guard H5Lcreate_external(target, object, file, link, saxs_h5p_default(), saxs_h5p_default()) >= 0 else {
            throw FrameError.hdf5(.unreadable, path: path, "cannot link \(link) to \(target):\(object)")
        }
    }

    // MARK: Groups, attributes and single values

    private func group(_ name: String, nxClass: String) throws(FrameError) -> hid_t {
        let group = H5Gcreate2(file, name, saxs_h5p_default(), saxs_h5p_default(), saxs_h5p_default())
        guard group >= 0 else { throw FrameError.hdf5(.unreadable, path: path, "cannot create \(name)") }
        do {
            try setAttribute(group, "NX_class", nxClass)
        } catch {
            H5Gclose(group)
            throw error
        }
        return group
    }

    /// A fixed-length ASCII string type of `text`'s length, as Dectris and h5py (for bytes) store strings.
    private func stringType(_ text: String) -> hid_t {
        let type = H5Tcopy(saxs_h5t_c_s1())
        guard type >= 0 else { return type }
        guard H5Tset_size(type, max(1, text.utf8.count)) >= 0, H5Tset_strpad(type, H5T_STR_NULLPAD) >= 0 else {
            H5Tclose(type)
            return -1
        }
        return type
    }

    private func setAttribute(_ object: hid_t, _ name: String, _ text: String) throws(FrameError) {
        let type = stringType(text)
        let space = H5Screate(H5S_SCALAR)
        defer {
            if type >= 0 { H5Tclose(type) }
            if space >= 0 { H5Sclose(space) }
        }
        var bytes = Array(text.utf8)
        if bytes.isEmpty { bytes = [0] }
        let attribute = type >= 0 && space >= 0 ? H5Acreate2(object, name, type, space, saxs_h5p_default(), saxs_h5p_default()) : -1
        guard attribute >= 0 else { throw FrameError.hdf5(.unreadable, path: path, "cannot create attribute \(name)") }
        defer { H5Aclose(attribute) }
        guard H5Awrite(attribute, type, bytes) >= 0 else { throw FrameError.hdf5(.unreadable, path: path, "cannot write attribute \(name)") }
    }

    private func setAttribute(_ object: hid_t, _ name: String, _ value: Int) throws(FrameError) {
        let space = H5Screate(H5S_SCALAR)
        defer { if space >= 0 { H5Sclose(space) } }
        let attribute = space >= 0
            ? H5Acreate2(object, name, saxs_h5t_native_int64(), space, saxs_h5p_default(), saxs_h5p_default()) : -1
        guard attribute >= 0 else { throw FrameError.hdf5(.unreadable, path: path, "cannot create attribute \(name)") }
        defer { H5Aclose(attribute) }
        var stored = Int64(value)
        guard H5Awrite(attribute, saxs_h5t_native_int64(), &stored) >= 0 else {
            throw FrameError.hdf5(.unreadable, path: path, "cannot write attribute \(name)")
        }
    }

    private func writeScalar(_ group: hid_t, _ name: String, _ value: Double, units: String) throws(FrameError) {
        var stored = value
        let dataset = try scalarDataset(group, name, type: saxs_h5t_native_double()) { H5Dwrite($0, $1, saxs_h5s_all(), saxs_h5s_all(), saxs_h5p_default(), &stored) }
        defer { H5Dclose(dataset) }
        try setAttribute(dataset, "units", units)
    }

    private func writeScalar(_ group: hid_t, _ name: String, string: String) throws(FrameError) {
        let type = stringType(string)
        guard type >= 0 else { throw FrameError.hdf5(.unreadable, path: path, "cannot make a string type for \(name)") }
        defer { H5Tclose(type) }
        var bytes = Array(string.utf8)
        if bytes.isEmpty { bytes = [0] }
        let dataset = try scalarDataset(group, name, type: type) { H5Dwrite($0, $1, saxs_h5s_all(), saxs_h5s_all(), saxs_h5p_default(), &bytes) }
        H5Dclose(dataset)
    }

    private func scalarDataset(_ group: hid_t, _ name: String, type: hid_t,
                               _ write: (hid_t, hid_t) -> herr_t) throws(FrameError) -> hid_t {
        let space = H5Screate(H5S_SCALAR)
        defer { if space >= 0 { H5Sclose(space) } }
        let dataset = space >= 0 ? H5Dcreate2(group, name, type, space, saxs_h5p_default(), saxs_h5p_default(), saxs_h5p_default()) : -1
        guard dataset >= 0 else { throw FrameError.hdf5(.unreadable, path: path, "cannot create \(name)") }
        guard write(dataset, type) >= 0 else {
            H5Dclose(dataset)
            throw FrameError.hdf5(.unreadable, path: path, "cannot write \(name)")
        }
        return dataset
    }

    private func writeArray(_ group: hid_t, _ name: String, _ values: [UInt32], shape: FrameShape) throws(FrameError) {
        let dimensions = [hsize_t(shape.rows), hsize_t(shape.columns)]
        let space = H5Screate_simple(2, dimensions, nil)
        defer { if space >= 0 { H5Sclose(space) } }
        let dataset = space >= 0
            ? H5Dcreate2(group, name, saxs_h5t_native_uint32(), space, saxs_h5p_default(), saxs_h5p_default(), saxs_h5p_default()) : -1
        guard dataset >= 0 else { throw FrameError.hdf5(.unreadable, path: path, "cannot create \(name)") }
        defer { H5Dclose(dataset) }
        guard H5Dwrite(dataset, saxs_h5t_native_uint32(), saxs_h5s_all(), saxs_h5s_all(), saxs_h5p_default(), values) >= 0 else {
            throw FrameError.hdf5(.unreadable, path: path, "cannot write \(name)")
        }
    }
}
