extension HDF5Reader {
    /// Whether HDF5 can open the file now: false when the file is shorter than the end-of-file address its
    /// superblock announces (cut short, or the writer has not flushed), or when the library refuses it (a
    /// writer that is not in SWMR mode still has it open, metadata not yet written); true otherwise. A stack
    /// still growing is complete in this sense: its frames stored so far can be read (`frameCount`).
    public func isComplete(path: String) -> Bool? {
        guard let probe = HDF5Superblock.read(path: path) else { return nil }
        switch probe.superblock {
        case .failure(.notHDF5): return nil
        case .failure(.truncated): return false
        case .failure(.unknown): break
        case .success(let superblock): if probe.size < superblock.endOfFile { return false }
        }
        // A file the trial sees crash the library is complete: reading it is what reports the damage. The trial
        // finds the frames too, which the pipeline asks next, so that one trial answers both.
        guard (try? tryInChild(path: path, .locate)) != nil else {
            return true
        }
        return HDF5Library.withLock { () -> Bool in
            guard let file = try? HDF5File.open(path: path) else { return false }
            file.close()
            return true
        }
    }
}
