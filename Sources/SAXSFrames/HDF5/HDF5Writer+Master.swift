#if canImport(Glibc)
import Glibc
#endif

extension HDF5Writer {
    /// Writes an Eiger-style master file: `/entry/data/data_000001`, `data_000002`, … external links to
    /// `/entry/data/data` in each of `dataFiles`, in order, beside the writer's detector metadata. Data file
    /// names are stored as given; relative ones are found from the master's folder, as Dectris writes them.
    /// `frameShape`, the data files' frame shape, is needed when the detector metadata has a pixel mask.
    public func writeMaster(to path: String, dataFiles: [String], frameShape: FrameShape? = nil) throws(FrameError) {
        guard !dataFiles.isEmpty, dataFiles.count < 1_000_000 else {
            throw FrameError(.unsupported, path: path, "a master file links 1 to 999999 data files, not \(dataFiles.count)")
        }
        if detector?.pixelMask != nil, frameShape == nil {
            throw FrameError(.unsupported, path: path, "a pixel mask needs the frame shape of the data files")
        }
        unlink(path)
        do throws(FrameError) {
            try HDF5Library.withLock { () throws(FrameError) in
                let file = try HDF5WrittenFile.create(path, latestFormat: false)
                do throws(FrameError) {
                    try file.writeEntry(signal: nil)
                    if let detector { try file.writeDetector(detector, shape: frameShape ?? FrameShape(rows: 0, columns: 0)) }
                    for (number, dataFile) in zip(1..., dataFiles) {
                        let digits = String(number)
                        let name = "/entry/data/data_" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
                        try file.link(name, to: "/entry/data/data", in: dataFile)
                    }
                } catch {
                    try? file.close()
                    throw error
                }
                try file.close()
            }
        } catch {
            unlink(path)
            throw error
        }
    }
}
