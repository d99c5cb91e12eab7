import CHDF5

#if canImport(Glibc)
import Glibc
#endif

/// An HDF5 file open read-only, the way a reader beside a running detector must open it. Open and close
/// holding the library lock.
///
/// - No file locks: HDF5 1.10 takes an flock on open, and a reader holding one can make the detector's
///   writer fail to open its own file. saxsd only reads, so it does without.
/// - SWMR reading when the file allows it (superblock version 3): a writer in single-writer/multiple-reader
///   mode keeps its metadata consistent for such readers, so frames can be read while the stack grows.
///   Other files are opened plainly.
/// - External links (an Eiger master's `data_000001`, …) open their files with the same access list, so
///   those are not locked either.
struct HDF5File {
    let id: hid_t
    let path: String
    let isSWMR: Bool
    /// The file access list, kept for files that external links lead to.
    let access: hid_t
    /// Dataset access list for opening datasets through external links.
    let datasetAccess: hid_t

    static func open(path: String) throws(FrameError) -> HDF5File {
        guard let probe = HDF5Superblock.read(path: path) else {
            throw FrameError(.unreadable, path: path, "cannot open: \(String(cString: strerror(errno)))")
        }
        var version = 0
        switch probe.superblock {
        case .failure(.notHDF5):
            throw FrameError(.corrupt, path: path, "no HDF5 signature at the start of the file")
        case .failure(.truncated):
            throw FrameError(.corrupt, path: path, "cut short inside the HDF5 superblock (\(probe.size) bytes)")
        case .failure(.unknown):
            break // the library may know better; let it try
        case .success(let superblock):
            if probe.size < superblock.endOfFile {
                throw FrameError(.corrupt, path: path,
                                 "cut short: \(probe.size) bytes of the \(superblock.endOfFile) its HDF5 superblock announces")
            }
            version = superblock.version
        }

        let access = H5Pcreate(saxs_h5p_file_access())
        guard access >= 0 else { throw FrameError.hdf5(.unreadable, path: path, "cannot make a file access list") }
        let datasetAccess = H5Pcreate(saxs_h5p_dataset_access())
        guard datasetAccess >= 0 else {
            H5Pclose(access)
            throw FrameError.hdf5(.unreadable, path: path, "cannot make a dataset access list")
        }
        var id: hid_t = -1
        var isSWMR = false
        if H5Pset_file_locking(access, false, true) >= 0, H5Pset_elink_fapl(datasetAccess, access) >= 0 {
            if version >= 3 {
                id = H5Fopen(path, saxs_h5f_acc_rdonly() | saxs_h5f_acc_swmr_read(), access)
                isSWMR = id >= 0
            }
            // Not SWMR-capable, or the writer is not in SWMR mode: the plain read-only open says why it fails.
            if id < 0 { id = H5Fopen(path, saxs_h5f_acc_rdonly(), access) }
        }
        guard id >= 0 else {
            let error = FrameError.hdf5(.corrupt, path: path, "HDF5 cannot open the file")
            H5Pclose(datasetAccess)
            H5Pclose(access)
            throw error
        }
        return HDF5File(id: id, path: path, isSWMR: isSWMR, access: access, datasetAccess: datasetAccess)
    }

    func close() {
        H5Fclose(id)
        H5Pclose(datasetAccess)
        H5Pclose(access)
    }

    /// The folder external links are resolved in: the file's own, as HDF5 does by default.
    var folder: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
