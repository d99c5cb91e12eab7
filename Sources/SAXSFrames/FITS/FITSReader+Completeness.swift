#if canImport(Glibc)
import Glibc
#endif

extension FITSReader {
    /// Whether the file holds every byte its headers announce: each HDU's header (2880-byte blocks up to the
    /// END card) and its data (|BITPIX|/8 × GCOUNT × (PCOUNT + NAXIS1 × … × NAXISn), padded to 2880). Reads only
    /// the headers, so a watcher can afford to ask on every close: a complete frame need not wait for
    /// quiet time, an incomplete one is still being written.
    public func isComplete(path: String) -> Bool? {
        guard var walk = FITSHeaderWalk(path: path) else { return nil }
        for _ in 0..<Self.maximumHDUs {
            var cards = FITSCardValues()
            var ended = false
            while !ended {
                guard let block = walk.nextBlock() else { return false }
                ended = cards.read(block)
            }
            guard let dataBytes = cards.dataBytes else { return nil }
            guard let data = walk.dataExtent(dataBytes) else { return false }
            // The standard pads the last block; a writer that stops at the data's end is complete too.
            if data.end >= walk.size { return data.end == walk.size || data.next == walk.size }
            walk.offset = data.next
            if walk.offset == walk.size { return true }
        }
        return nil
    }

    static let maximumHDUs = 10_000
}
