import CHDF5

#if canImport(Glibc)
import Glibc
#endif

extension HDF5ImageStack {
    /// Finds the image data, in this order:
    /// 1. `/entry/data/data`: Dectris data files, and the NeXus convention most beamline software follows;
    /// 2. the NXdata group the NeXus `default` attributes lead to (file → entry → data), and its `signal`;
    /// 3. an Eiger master's external links `/entry/data/data_000001`, `data_000002`, …, one data file each,
    ///    concatenated in number order;
    /// 4. the first 2-D or 3-D numeric dataset in the file, in name order, through hard links only.
    mutating func locate(reader: HDF5Reader, metadata: Bool) throws(FrameError) {
        // Damaged groups on the way to the usual place are reported as such, not searched past.
        guard HDF5Location.checkedLinkExists(file.id, "/entry/data/data") != nil else {
            throw FrameError.hdf5(.corrupt, path: path, "cannot look up /entry/data/data")
        }
        if mayBeDataset("/entry/data/data") {
            try append(try openDataset("/entry/data/data"), name: "/entry/data/data", reader: reader, metadata: metadata)
            return
        }
        if let signal = nexusSignal() {
            try append(try openDataset(signal), name: signal, reader: reader, metadata: metadata)
            return
        }
        let links = eigerDataLinks()
        if !links.isEmpty {
            for link in links {
                let target = HDF5Location.externalTarget(file.id, link).map { " -> \($0.file):\($0.object)" } ?? ""
                try append(try openDataset(link), name: link + target, reader: reader, metadata: metadata)
            }
            return
        }
        if let found = firstImageDataset(in: "/", depth: 0, visited: 0).path {
            try append(try openDataset(found), name: found, reader: reader, metadata: metadata)
            return
        }
        throw FrameError(.unsupported, path: path,
                         "no image in the file: no /entry/data/data, no NeXus default NXdata with a signal, no Eiger "
                         + "data_000001 links, and no 2-D or 3-D integer or float dataset")
    }

    /// Whether the link at `path` exists and does not lead to a group: a data set, or something that cannot be
    /// looked at (a dangling external link, damaged metadata), which `openDataset` then reports as such rather
    /// than the search going on to report no image at all.
    private func mayBeDataset(_ path: String) -> Bool {
        guard HDF5Location.linkExists(file.id, path) else { return false }
        switch HDF5Location.kind(file.id, path, access: file.datasetAccess) {
        case .dataset?, nil: return true
        case .group?, .other?: return false
        }
    }

    /// Opens the dataset at `path`, following external links to their files (resolved from this file's
    /// folder). A link to a file that is not there says which file is missing.
    private func openDataset(_ dataset: String) throws(FrameError) -> hid_t {
        let id = H5Dopen2(file.id, dataset, file.datasetAccess)
        if id >= 0 { return id }
        let failure = FrameError.hdf5(.corrupt, path: path, "cannot open \(dataset)")
        if let target = HDF5Location.externalTarget(file.id, dataset) {
            let resolved = target.file.hasPrefix("/") ? target.file : HDF5Location.child(file.folder, target.file)
            if access(resolved, F_OK) != 0 {
                throw FrameError(.unreadable, path: path,
                                 "\(dataset) links to \(target.object) in \(target.file), which does not exist "
                                 + "(looked for \(resolved)): the data file is missing")
            }
            // A data file whose writer holds it in SWMR mode opens for SWMR reading only, and a master that is not
            // SWMR-capable does not pass that mode on to the files it links.
            let swmrAccess = H5Pcopy(file.datasetAccess)
            if swmrAccess >= 0 {
                defer { H5Pclose(swmrAccess) }
                if H5Pset_elink_acc_flags(swmrAccess, saxs_h5f_acc_rdonly() | saxs_h5f_acc_swmr_read()) >= 0 {
                    let id = H5Dopen2(file.id, dataset, swmrAccess)
                    if id >= 0 { return id }
                }
                H5Eclear2(0)
            }
            throw FrameError(.corrupt, path: path,
                             "\(dataset) links to \(target.object) in \(resolved), which cannot be opened: \(failure.message)")
        }
        throw failure
    }

    /// The dataset NeXus names as the file's default plot: the root's `default` attribute names an entry, the
    /// entry's an NXdata group (sub-entries may add levels), whose `signal` attribute names the dataset.
    private func nexusSignal() -> String? {
        var group = "/"
        for _ in 0..<8 {
            if case .string(let signal)? = HDF5Value.attribute(file.id, group, "signal"), !signal.isEmpty {
                let dataset = HDF5Location.child(group, signal)
                if mayBeDataset(dataset) { return dataset }
            }
            guard case .string(let next)? = HDF5Value.attribute(file.id, group, "default"), !next.isEmpty,
                  !next.contains("/"), HDF5Location.kind(file.id, HDF5Location.child(group, next)) == .group else { return nil }
            group = HDF5Location.child(group, next)
        }
        return nil
    }

    /// An Eiger master's links to its data files, `/entry/data/data_` and a number, in number order.
    private func eigerDataLinks() -> [String] {
        guard HDF5Location.kind(file.id, "/entry/data") == .group else { return [] }
        let numbered = HDF5Location.linkNames(file.id, "/entry/data").compactMap { name -> (Int, String)? in
            let digits = name.dropFirst(5)
            guard name.hasPrefix("data_"), !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let number = Int(digits) else { return nil }
            return (number, "/entry/data/" + name)
        }
        return numbered.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Objects looked at before the search gives up: a file of a million groups must not stall a worker.
    private static let maximumVisited = 10_000

    /// Depth-first, in name order, through hard links only (soft and external links lead to objects seen
    /// elsewhere, or to other files, or in circles).
    private func firstImageDataset(in group: String, depth: Int, visited: Int) -> (path: String?, visited: Int) {
        var visited = visited
        guard depth < 32 else { return (nil, visited) }
        for name in HDF5Location.linkNames(file.id, group) {
            visited += 1
            if visited > Self.maximumVisited { return (nil, visited) }
            let child = HDF5Location.child(group, name)
            guard HDF5Location.linkType(file.id, child) == H5L_TYPE_HARD else { continue }
            switch HDF5Location.kind(file.id, child) {
            case .group?:
                let found = firstImageDataset(in: child, depth: depth + 1, visited: visited)
                if found.path != nil { return found }
                visited = found.visited
            case .dataset?:
                if isImage(child) { return (child, visited) }
            default:
                continue
            }
        }
        return (nil, visited)
    }

    /// A dataset of 2 or 3 dimensions, none empty, of integer or float samples.
    private func isImage(_ path: String) -> Bool {
        HDF5Dataset.with(file.id, path) { _, type, space in
            guard HDF5PixelType(datatype: type) != nil else { return false }
            let rank = Int(H5Sget_simple_extent_ndims(space))
            guard rank == 2 || rank == 3 else { return false }
            var extent = [hsize_t](repeating: 0, count: 3)
            H5Sget_simple_extent_dims(space, &extent, nil)
            return extent.prefix(rank).allSatisfy { $0 > 0 }
        } ?? false
    }
}
