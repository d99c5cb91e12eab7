extension CBFReader {
    /// False while the file ends before the binary section's last compressed byte (or before the section's header
    /// is whole), true once it reaches it, nil when the file cannot be opened or does not describe its section in a
    /// way saxsd reads. Reads only the file's head, so a watcher can afford to ask on every close.
    public func isComplete(path: String) -> Bool? {
        guard var file = try? CBFFile(path: path) else { return nil }
        do throws(CBFBinarySection.Failure) {
            let section = try file.section(limits: limits)
            return section.dataEnd <= file.size
        } catch {
            // Cut short means the whole file was read and ends inside the text: written only so far. A text longer
            // than the limit is refused as `.invalid`, and is no CBF frame saxsd reads.
            guard case .cutShort = error else { return nil }
            return false
        }
    }
}
