import CFITSIO

extension FITSReader {
    /// Checks the tiles of a tile-compressed image before cfitsio decompresses them, for what cfitsio 4.2 (Debian 12)
    /// trusts a tile with (each found by the fuzz test):
    ///
    /// - Every tile's bytes must lie inside the table's heap (`heapBytes`, its PCOUNT, already checked to lie inside
    ///   the file). cfitsio allocates what a tile's descriptor claims before it reads a byte, and a descriptor of
    ///   0xFFFFFFFF asks for 4 GiB.
    /// - Every gzip-compressed tile must inflate, within its bytes, to at most what its pixels take. cfitsio inflates
    ///   a GZIP tile into a buffer it grows by 28,800 bytes for as long as zlib reports no progress, and zlib reports
    ///   just that when the tile's bytes end before its stream does: a cut tile makes cfitsio grow the buffer without
    ///   end, a hang that ends, if ever, in terabytes of address space.
    /// - Every HCOMPRESS tile must declare the tile's own size. cfitsio decodes the width and height a tile's stream
    ///   gives into a buffer allocated for the tile's size from the header, so a stream that claims more overruns the
    ///   heap (seen as heap corruption detected later, in unrelated code).
    ///
    /// `axes` are the image's ZNAXISn, `tile` its ZTILEn.
    func checkTiles(in file: UnsafeMutablePointer<fitsfile>, axes: [Int], tile: [Int], heapBytes: Int, image: ImageHDU,
                    path: String) throws(FrameError) {
        var status: Int32 = 0
        var type = [CChar](repeating: 0, count: Int(FLEN_VALUE))
        ffgkys(file, "ZCMPTYPE", &type, nil, &status)
        let algorithm = status == 0 ? String(cChars: type).uppercased() : ""
        // COMPRESSED_DATA holds the algorithm's streams; GZIP_COMPRESSED_DATA (tiles of a float image that would not
        // quantize) always gzip ones; UNCOMPRESSED_DATA raw pixels.
        var columns: [TileColumn] = []
        for (name, kind) in [("COMPRESSED_DATA", algorithm.hasPrefix("GZIP") ? TileColumn.Kind.gzip
                                : algorithm.hasPrefix("HCOMPRESS") ? .hcompress : .other),
                             ("GZIP_COMPRESSED_DATA", .gzip), ("UNCOMPRESSED_DATA", .other)] {
            var template = Array(name.utf8CString)
            var number: Int32 = 0
            var typeCode: Int32 = 0
            var repeats: Int64 = 0
            var width: Int64 = 0
            status = 0
            ffgcno(file, CASEINSEN, &template, &number, &status)
            ffgtclll(file, number, &typeCode, &repeats, &width, &status)
            guard status == 0 else { continue }
            // Only byte arrays hold streams; any other element is read as it is stored.
            columns.append(TileColumn(name: name, number: number, elementBytes: max(1, Int(width)),
                                      kind: abs(typeCode) == TBYTE ? kind : .other))
        }
        guard !columns.isEmpty else { return }
        status = 0
        var rows: Int64 = 0
        ffgnrwll(file, &rows, &status)
        guard status == 0 else {
            throw FrameError(.corrupt, path: path, "cannot count the tiles of \(image.hduDescription): \(Self.message(status))")
        }
        guard rows > 0 else { return }
        for row in 1...rows {
            for column in columns {
                var length: Int64 = 0
                var heapOffset: Int64 = 0
                ffgdesll(file, column.number, row, &length, &heapOffset, &status)
                guard status == 0 else {
                    throw FrameError(.corrupt, path: path, "tile \(row) of \(image.hduDescription) has no readable "
                        + "\(column.name): \(Self.message(status))")
                }
                let (bytes, bytesOverflow) = Int(length).multipliedReportingOverflow(by: column.elementBytes)
                let (end, endOverflow) = Int(heapOffset).addingReportingOverflow(bytes)
                guard length >= 0, heapOffset >= 0, !bytesOverflow, !endOverflow, end <= heapBytes else {
                    throw FrameError(.corrupt, path: path, "tile \(row) of \(image.hduDescription) claims \(length) "
                        + "\(column.name) elements from byte \(heapOffset) of a heap of \(heapBytes) bytes")
                }
                // An empty entry is a tile stored in another column; cfitsio does not decode it.
                guard length > 0 else { continue }
                let size = Self.tileSize(row: Int(row), axes: axes, tile: tile)
                let place = "tile \(row) of \(image.hduDescription)"
                switch column.kind {
                case .gzip:
                    let stream = try tileBytes(file, column: column.number, row: row, count: length, place: place, path: path)
                    try checkGzip(stream, pixels: size.reduce(1, *), place: place, path: path)
                case .hcompress:
                    let header = try tileBytes(file, column: column.number, row: row, count: min(length, 14), place: place, path: path)
                    try checkHcompressHeader(header, size: size, place: place, path: path)
                case .other:
                    continue
                }
            }
        }
    }

    private struct TileColumn {
        enum Kind { case gzip, hcompress, other }
        var name: String
        var number: Int32
        var elementBytes: Int
        var kind: Kind
    }

    /// The size of the tile of table row `row` (from 1), axis by axis: tiles run along the first axis fastest, and
    /// those at the image's far edges are cut to it.
    static func tileSize(row: Int, axes: [Int], tile: [Int]) -> [Int] {
        var index = row - 1
        return zip(axes, tile).map { length, step in
            let count = length / step + (length % step == 0 ? 0 : 1)
            let position = index % count
            index /= count
            return min(step, length - position * step)
        }
    }

    private func tileBytes(_ file: UnsafeMutablePointer<fitsfile>, column: Int32, row: Int64, count: Int64, place: String,
                           path: String) throws(FrameError) -> [UInt8] {
        var status: Int32 = 0
        var bytes = [UInt8](repeating: 0, count: Int(count))
        var anyNull: Int32 = 0
        ffgcvb(file, column, row, 1, count, 0, &bytes, &anyNull, &status)
        guard status == 0 else { throw FrameError(.corrupt, path: path, "cannot read \(place): \(Self.message(status))") }
        return bytes
    }

    /// The stream must end within its bytes and hold the tile's pixels whole, in samples of 1, 2, 4 or 8 bytes:
    /// cfitsio 4.2 does not check that a tile inflates to all its pixels.
    private func checkGzip(_ stream: [UInt8], pixels: Int, place: String, path: String) throws(FrameError) {
        // No stored sample is wider than 8 bytes. Reported: the pixel limit is a setting, and may be set absurdly high.
        let (bytes, overflow) = pixels.multipliedReportingOverflow(by: 8)
        let limit = overflow ? Int.max / 2 : min(bytes, Int.max / 2)
        let measured: (bytes: Int, ended: Bool)
        do {
            measured = try BlockDecompressor.measure(stream, .deflate, limit: limit)
        } catch {
            throw FrameError(.corrupt, path: path, "\(place) is not a gzip stream: \(error.message)")
        }
        if measured.bytes > limit {
            throw FrameError(.corrupt, path: path, "\(place) inflates to more than the \(limit) bytes its pixels can take")
        }
        if !measured.ended {
            throw FrameError(.corrupt, path: path, "\(place) is cut short: its gzip stream does not end within its "
                + "\(stream.count) bytes")
        }
        if ![1, 2, 4, 8].contains(where: { measured.bytes / $0 == pixels && measured.bytes % $0 == 0 }) {
            throw FrameError(.corrupt, path: path, "\(place) inflates to \(measured.bytes) bytes, not whole samples for "
                + "its \(pixels) pixels")
        }
    }

    /// An HCOMPRESS stream opens with the magic bytes DD 99 and the tile's height and width (32-bit big-endian):
    /// along the second axis, then the first.
    private func checkHcompressHeader(_ header: [UInt8], size: [Int], place: String, path: String) throws(FrameError) {
        func integer(at offset: Int) -> Int {
            Int(Int32(bitPattern: header[offset..<(offset + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }))
        }
        let expected = (height: size.count > 1 ? size[1] : 1, width: size[0])
        guard header.count == 14, header[0] == 0xDD, header[1] == 0x99,
              integer(at: 2) == expected.height, integer(at: 6) == expected.width, size.dropFirst(2).allSatisfy({ $0 == 1 }) else {
            throw FrameError(.corrupt, path: path, "\(place) is not an HCOMPRESS stream of its \(expected.width)x"
                + "\(expected.height) pixels")
        }
    }
}
