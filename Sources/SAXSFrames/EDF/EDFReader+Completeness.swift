extension EDFReader {
    /// Whether every frame's data block, as long as its header's `Size` says (or Dim_1 × Dim_2 samples without
    /// one), lies inside the file: false when a header or a block is cut short (the detector is still writing),
    /// nil when a header is malformed or says too little to tell.
    public func isComplete(path: String) -> Bool? {
        do {
            return completeness(of: try EDFFile(path: path))
        } catch {
            return nil
        }
    }

    private func completeness(of file: borrowing EDFFile) -> Bool? {
        // A writer creates the file before it writes the first header.
        if file.size == 0 { return false }
        var offset = 0
        var frames = 0
        do throws(EDFFile.Problem) {
            while let block = try file.header(at: offset, limits: limits) {
                frames += 1
                guard frames <= limits.maximumFrames, let bytes = block.blockBytes(limits: limits) else { return nil }
                let (end, overflow) = block.dataOffset.addingReportingOverflow(bytes)
                if overflow || end > file.size { return false }
                offset = end
            }
            return frames > 0 ? true : nil
        } catch {
            if case .truncated = error { return false }
            return nil
        }
    }
}
