/// A FITS file read header block by header block, as the completeness check and the check before cfitsio walk
/// it: 2880-byte blocks from `offset`, and after each header the place where its data ends and the next HDU
/// begins (the data padded to whole blocks).
struct FITSHeaderWalk: ~Copyable {
    static let blockSize = 2880

    let file: RawFile
    /// Where the next block starts.
    var offset = 0

    init?(path: String) {
        guard let file = RawFile(path: path) else { return nil }
        self.file = file
    }

    var size: Int { file.size }

    /// The block at `offset`, moving past it; nil where the file ends before a whole block.
    mutating func nextBlock() -> [UInt8]? {
        guard offset + Self.blockSize <= file.size,
              let block = try? file.read(at: offset, count: Self.blockSize) else { return nil }
        offset += Self.blockSize
        return block
    }

    /// For a header just read whose data takes `dataBytes`: where that data ends and where the next HDU starts.
    /// Nil when the sums overflow, for a header may declare any size and the sums must not trap.
    func dataExtent(_ dataBytes: Int) -> (end: Int, next: Int)? {
        let (end, endOverflow) = offset.addingReportingOverflow(dataBytes)
        let (next, nextOverflow) = end.addingReportingOverflow((Self.blockSize - dataBytes % Self.blockSize) % Self.blockSize)
        return endOverflow || nextOverflow ? nil : (end, next)
    }
}
