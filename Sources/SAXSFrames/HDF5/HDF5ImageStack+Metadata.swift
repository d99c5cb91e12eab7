import CHDF5

extension HDF5ImageStack {
    /// Groups whose single-valued datasets describe the detector: NeXus' NXdetector as Dectris fills it
    /// (count_time, frame_time, beam_center_x, detector_distance, x_pixel_size, sensor_material, …), and its
    /// detectorSpecific group (nimages, photon_energy, software_version, …).
    static let detectorGroups = ["/entry/instrument/detector", "/entry/instrument/detector/detectorSpecific"]
    /// The X-ray wavelength, where NXbeam and NXmonochromator keep it.
    static let wavelengthFields = ["/entry/instrument/beam/incident_wavelength", "/entry/instrument/monochromator/wavelength"]
    /// Dectris' map of pixels it does not trust: 1 gap, 2 dead, 4 under-, 8 over-responding, 16 noisy.
    static let pixelMaskPath = "/entry/instrument/detector/detectorSpecific/pixel_mask"

    /// Every frame's metadata from the file: keys as the datasets are named, values typed as stored, and a
    /// dataset's `units` attribute under `name@units` (`detector_distance` 0.5, `detector_distance@units` "m").
    func readHeader() -> FrameHeader {
        var header = FrameHeader()
        func add(_ path: String) {
            guard let value = HDF5Value.dataset(file.id, path) else { return }
            let name = String(path.split(separator: "/").last ?? "")
            header.append(name, value)
            if case .string(let units)? = HDF5Value.attribute(file.id, path, "units") {
                header.append(name + "@units", .string(units))
            }
        }
        for group in Self.detectorGroups where HDF5Location.kind(file.id, group) == .group {
            for name in HDF5Location.linkNames(file.id, group).prefix(1024) {
                let path = HDF5Location.child(group, name)
                // Metadata is read from this file only: an external link would open another for one number.
                if HDF5Location.linkType(file.id, path) != H5L_TYPE_EXTERNAL { add(path) }
            }
        }
        for path in Self.wavelengthFields { add(path) }
        return header
    }

    /// The pixel mask, one value per pixel (non-zero: bad), when the file has one of the frames' shape.
    ///
    /// A mask of another shape (binned or ROI readout) describes other pixels and is left out.
    func readPixelMask() -> [UInt32]? {
        guard HDF5Location.kind(file.id, Self.pixelMaskPath) == .dataset else { return nil }
        return HDF5Dataset.with(file.id, Self.pixelMaskPath) { dataset, type, space in
            readPixelMask(dataset, type: type, space: space)
        }
    }

    private func readPixelMask(_ dataset: hid_t, type: hid_t, space: hid_t) -> [UInt32]? {
        guard H5Tget_class(type) == H5T_INTEGER, H5Sget_simple_extent_ndims(space) == 2 else { return nil }
        var extent = [hsize_t](repeating: 0, count: 2)
        H5Sget_simple_extent_dims(space, &extent, nil)
        guard extent == [hsize_t(shape.rows), hsize_t(shape.columns)] else { return nil }
        // Signed masks are read wide: HDF5 would clip a -1 to 0 on its way into an unsigned type.
        if H5Tget_sign(type) == H5T_SGN_2 {
            var wide = [Int64](repeating: 0, count: shape.pixelCount)
            guard H5Dread(dataset, saxs_h5t_native_int64(), saxs_h5s_all(), saxs_h5s_all(), saxs_h5p_default(), &wide) >= 0 else {
                H5Eclear2(0)
                return nil
            }
            return wide.map { $0 == 0 ? 0 : 1 }
        }
        var mask = [UInt32](repeating: 0, count: shape.pixelCount)
        guard H5Dread(dataset, saxs_h5t_native_uint32(), saxs_h5s_all(), saxs_h5s_all(), saxs_h5p_default(), &mask) >= 0 else {
            H5Eclear2(0)
            return nil
        }
        return mask
    }
}
