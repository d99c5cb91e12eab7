#if canImport(Glibc)
import Glibc
#endif

extension TIFFReader {
    /// Whether every directory, and every strip or tile its StripOffsets/TileOffsets and byte counts place, lies
    /// inside the file: false as soon as one reaches past the end (the detector is still writing), nil when the
    /// structure cannot tell (no byte counts, unknown field types, a directory loop).
    ///
    /// Read by hand rather than through libtiff, and only the directories and their offset tables: libtiff fills
    /// in a missing StripByteCounts from the file's size, which would make a cut file look complete, and refuses
    /// a file whose first directory is not written yet, where the answer is simply "not yet".
    public func isComplete(path: String) -> Bool? {
        guard let file = RawFile(path: path) else { return nil }
        do {
            try TIFFStructure(file: file, maximumDirectories: limits.maximumFrames).checkEveryChunk()
            return true
        } catch .incomplete {
            return false
        } catch {
            return nil
        }
    }
}

/// The directory chain of a classic TIFF or BigTIFF file, read with pread and checked against the file's size.
struct TIFFStructure: ~Copyable {
    enum Verdict: Error {
        /// Something the file announces lies past its end.
        case incomplete
        /// The file does not say enough to decide.
        case undecidable
    }

    let file: RawFile
    /// Directories beyond this make the answer undecidable: a hostile chain must not be walked without end.
    let maximumDirectories: Int

    /// Checks every directory in the chain and the strips or tiles each one lists.
    func checkEveryChunk() throws(Verdict) {
        let header = try bytes(at: 0, count: 8)
        let bigEndian: Bool
        switch (header[0], header[1]) {
        case (0x49, 0x49): bigEndian = false
        case (0x4D, 0x4D): bigEndian = true
        default: throw .undecidable
        }
        // Version 42 is classic TIFF, 43 BigTIFF.
        let version = Layout(bigEndian: bigEndian, bigTIFF: false).integer(header[2..<4])
        guard version == 42 || version == 43 else { throw .undecidable }
        let layout = Layout(bigEndian: bigEndian, bigTIFF: version == 43)
        // A classic TIFF's first directory offset follows the version; a BigTIFF's comes after the offset size.
        var offset = layout.bigTIFF ? try layout.integer(bytes(at: 8, count: 8)[...]) : layout.integer(header[4..<8])
        // A writer puts 0 here until the first directory is written.
        if offset == 0 { throw .incomplete }
        var visited: Set<Int> = []
        while offset != 0 {
            guard visited.insert(offset).inserted, visited.count <= maximumDirectories else { throw .undecidable }
            offset = try checkDirectory(at: offset, layout)
        }
    }

    /// Checks one directory's strips or tiles; returns the next directory's offset (0 after the last).
    private func checkDirectory(at offset: Int, _ layout: Layout) throws(Verdict) -> Int {
        let countSize = layout.bigTIFF ? 8 : 2
        let entryCount = layout.integer(try bytes(at: offset, count: countSize)[...])
        guard (1...Self.maximumEntries).contains(entryCount) else { throw .undecidable }
        let entries = try bytes(at: offset + countSize, count: entryCount * layout.entrySize + layout.offsetSize)
        var fields: [UInt16: ArraySlice<UInt8>] = [:]
        for index in 0..<entryCount {
            let entry = entries[(index * layout.entrySize)..<((index + 1) * layout.entrySize)]
            let tag = UInt16(layout.integer(entry.prefix(2)))
            if Self.offsetTags.contains(tag) || Self.byteCountTags.contains(tag) { fields[tag] = entry }
        }
        // Strips or tiles: a directory lists one pair of tables.
        guard let offsetField = Self.offsetTags.lazy.compactMap({ fields[$0] }).first,
              let countField = Self.byteCountTags.lazy.compactMap({ fields[$0] }).first else { throw .undecidable }
        let offsets = try array(offsetField, layout)
        let counts = try array(countField, layout)
        guard offsets.count == counts.count else { throw .undecidable }
        // A byte count of 0 marks a strip the writer left out on purpose (libtiff reads it as zeros).
        for (start, length) in zip(offsets, counts) where length != 0 {
            let (end, overflow) = start.addingReportingOverflow(length)
            if start < 0 || length < 0 || overflow || end > file.size { throw .incomplete }
        }
        return layout.integer(entries.suffix(layout.offsetSize))
    }

    /// The values of a SHORT, LONG or LONG8 field: inside the entry when they fit, else at the offset it holds.
    private func array(_ entry: ArraySlice<UInt8>, _ layout: Layout) throws(Verdict) -> [Int] {
        let start = entry.startIndex
        let width: Int
        switch layout.integer(entry[(start + 2)..<(start + 4)]) {
        case 3: width = 2
        case 4, 13: width = 4
        case 16, 18: width = 8
        default: throw .undecidable
        }
        let countEnd = start + 4 + (layout.bigTIFF ? 8 : 4)
        let count = layout.integer(entry[(start + 4)..<countEnd])
        guard (1...Self.maximumChunks).contains(count) else { throw .undecidable }
        let valueField = entry[countEnd...]
        let values = count * width <= valueField.count
            ? valueField.prefix(count * width)
            : try bytes(at: layout.integer(valueField), count: count * width)[...]
        return (0..<count).map { index in
            let at = values.startIndex + index * width
            return layout.integer(values[at..<(at + width)])
        }
    }

    /// `count` bytes at `offset`; incomplete when they reach past the end of the file.
    private func bytes(at offset: Int, count: Int) throws(Verdict) -> [UInt8] {
        let (end, overflow) = offset.addingReportingOverflow(count)
        if offset < 0 || overflow || end > file.size { throw .incomplete }
        // The file shrank since it was opened, or cannot be read: nothing to decide on.
        guard let bytes = try? file.read(at: offset, count: count) else { throw .undecidable }
        return bytes
    }

    /// StripOffsets, TileOffsets; StripByteCounts, TileByteCounts.
    private static let offsetTags: [UInt16] = [273, 324]
    private static let byteCountTags: [UInt16] = [279, 325]
    /// Limits that no real directory reaches, so that a corrupt count cannot make this read gigabytes.
    private static let maximumEntries = 10_000
    private static let maximumChunks = 1 << 24

    struct Layout {
        let bigEndian: Bool
        let bigTIFF: Bool

        var entrySize: Int { bigTIFF ? 20 : 12 }
        var offsetSize: Int { bigTIFF ? 8 : 4 }

        /// An unsigned integer of 1 to 8 bytes in the file's byte order; values past Int.max come out negative,
        /// which every caller treats as out of the file.
        func integer(_ bytes: ArraySlice<UInt8>) -> Int {
            let ordered = bigEndian ? Array(bytes) : bytes.reversed()
            return Int(truncatingIfNeeded: ordered.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        }
    }
}
