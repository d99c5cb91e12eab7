import CFITSIO

#if canImport(Glibc)
import Glibc
#endif

extension FITSReader {
    /// Checks what an image HDU declares, before anything is allocated for its pixels: NAXIS1 × NAXIS2 per frame,
    /// NAXIS3 frames and their decoded bytes against `limits`, and that a plain image's data lies inside the file.
    /// cfitsio would find a cut file only plane by plane, after each plane's pixels were allocated.
    ///
    /// A tile-compressed image cannot tell its decoded size from its bytes. There the tile (ZTILEn), which cfitsio
    /// allocates one at a time, is held to the pixel limit too, and the compressed table must lie inside the file.
    func checkDeclaredSizes(of image: ImageHDU, bitpix: Int, in file: UnsafeMutablePointer<fitsfile>,
                            path: String) throws(FrameError) {
        let axes = image.axes
        guard axes.allSatisfy({ $0 > 0 }) else {
            throw FrameError(.corrupt, path: path, "\(image.hduDescription) declares the axes "
                + "\(axes.map(String.init).joined(separator: "x")), and an axis cannot be negative")
        }
        var status: Int32 = 0
        let compressed = fits_is_compressed_image(file, &status) == 1
        let prefix = compressed ? "ZNAXIS" : "NAXIS"
        let depth = axes.count == 3 ? axes[2] : 1
        let pixels: Int
        var tile: [Int] = []
        do {
            pixels = try limits.pixelsPerFrame([("\(prefix)1", axes[0]), ("\(prefix)2", axes[1])])
            try limits.checkFrames(depth, declaredBy: "\(prefix)3 = \(depth)")
            var decodedBytes = 0
            try limits.addDecoded(pixels: pixels, frames: depth, to: &decodedBytes)
            if compressed {
                // Without ZTILEn, cfitsio compresses row by row.
                tile = (1...axes.count).map { n in keyword("ZTILE\(n)", in: file) ?? (n == 1 ? axes[0] : 1) }
                _ = try limits.pixelsPerFrame(tile.enumerated().map { ("ZTILE\($0.offset + 1)", $0.element) })
            }
        } catch {
            throw error.frameError(path: path)
        }
        // Tiles at the image's edges are cut to it, but no writer declares a tile larger than the image: cfitsio 4.2
        // then hands back pixels it never decoded, different on every read (found by the fuzz test).
        if let axis = tile.indices.first(where: { tile[$0] > axes[$0] }) {
            throw FrameError(.corrupt, path: path, "\(image.hduDescription) declares ZTILE\(axis + 1) = \(tile[axis]), "
                + "larger than ZNAXIS\(axis + 1) = \(axes[axis])")
        }

        let dataBytes: Int?
        if compressed {
            // The compressed image is a binary table: NAXIS1 bytes per row (one row per tile), then the heap.
            let rowBytes = keyword("NAXIS1", in: file) ?? 0
            let rows = keyword("NAXIS2", in: file) ?? 0
            let heap = keyword("PCOUNT", in: file) ?? 0
            let (table, tableOverflow) = rowBytes.multipliedReportingOverflow(by: rows)
            let (total, totalOverflow) = table.addingReportingOverflow(heap)
            dataBytes = tableOverflow || totalOverflow || rowBytes < 0 || rows < 0 || heap < 0 ? nil : total
        } else {
            let (planes, planesOverflow) = pixels.multipliedReportingOverflow(by: depth)
            let (bytes, bytesOverflow) = planes.multipliedReportingOverflow(by: abs(bitpix) / 8)
            dataBytes = planesOverflow || bytesOverflow ? nil : bytes
        }
        var headStart: Int64 = 0
        var dataStart: Int64 = 0
        var dataEnd: Int64 = 0
        ffghadll(file, &headStart, &dataStart, &dataEnd, &status)
        var info = stat()
        guard status == 0, stat(path, &info) == 0 else { return }
        let size = Int(info.st_size)
        guard let dataBytes else {
            throw FrameError(.corrupt, path: path, "\(image.hduDescription) declares more data bytes than a file can hold")
        }
        let (end, overflow) = Int(dataStart).addingReportingOverflow(dataBytes)
        if overflow || end > size {
            throw FrameError(.corrupt, path: path, "cut short: the data of \(image.hduDescription) needs \(dataBytes) "
                + "bytes from byte \(dataStart), but the file ends at byte \(size)")
        }
        if compressed {
            try checkTiles(in: file, axes: axes, tile: tile, heapBytes: keyword("PCOUNT", in: file) ?? 0, image: image, path: path)
        }
    }

    /// An integer keyword of the current HDU's header as written, nil when absent or not an integer.
    private func keyword(_ name: String, in file: UnsafeMutablePointer<fitsfile>) -> Int? {
        var value: Int64 = 0
        var status: Int32 = 0
        ffgkyjj(file, name, &value, nil, &status)
        return status == 0 ? Int(value) : nil
    }
}
