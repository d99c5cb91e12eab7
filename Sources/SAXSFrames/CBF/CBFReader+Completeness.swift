extension CBFReader {
    /// False while the file ends before the binary section's last compressed byte (or before the section's header
    /// is whole), true once it reaches it, nil when the file cannot be opened or does not describe its section in a
    /// way saxsd reads. Reads only the file's head, so a watcher can afford to ask on every close.
    public func isComplete(path: String) -> Bool? {
        guard let file = try? CBFFile(path: path) else { return nil }
        do throws(CBFBinarySection.Failure) {
            let section = try CBFBinarySection(leadingBytes: file.leadingBytes)
            return section.dataEnd <= file.size
        } catch {
            guard case .cutShort = error else { return nil }
            // A head shorter than the limit is the whole file, written only so far; a longer one is not a CBF frame.
            return file.leadingBytes.count < CBFFile.headLimit ? false : nil
        }
    }
}
