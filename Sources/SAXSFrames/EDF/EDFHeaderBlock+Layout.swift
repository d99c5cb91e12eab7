extension EDFHeaderBlock {
    /// What a header says about its data block, checked before anything is allocated for it.
    struct Layout {
        var shape: FrameShape
        var dataType: EDFDataType
        var bigEndian: Bool
        var compression: EDFCompression
        /// Bytes of the Dim_1 × Dim_2 samples: at the start of an uncompressed block, what a compressed one
        /// decompresses to.
        var pixelBytes: Int
        /// Bytes from the header to the next one: `Size` when given (it may include trailing padding, and counts
        /// the compressed bytes of a compressed block), else the pixel bytes.
        var blockBytes: Int
    }

    /// The layout the header declares, its sizes checked against `limits` before anything is allocated for them.
    func layout(limits: FrameLimits) throws(EDFFile.Problem) -> Layout {
        let compressionText = self["Compression"] ?? ""
        guard let compression = EDFCompression(headerValue: compressionText) else {
            throw .unsupported("Compression = \(compressionText): saxsd decodes uncompressed, gzip, zlib and bzip2 "
                + "EDF blocks")
        }
        guard let typeName = self["DataType"] else { throw .malformed("the header has no DataType") }
        guard let dataType = EDFDataType(name: typeName) else {
            throw .unsupported("DataType = \(typeName) is not an EDF data type saxsd knows")
        }
        let bigEndian: Bool
        switch self["ByteOrder"]?.lowercased() {
        // fabio reads a header without ByteOrder as little-endian, as every writer since the 1990s produces.
        case nil, "lowbytefirst": bigEndian = false
        case "highbytefirst": bigEndian = true
        case let other?: throw .malformed("ByteOrder = \(other) is neither LowByteFirst nor HighByteFirst")
        }
        if let depth = self["Dim_3"], depth != "1" {
            throw .unsupported("Dim_3 = \(depth): a 3-D volume, not a detector frame")
        }
        guard let columnsText = self["Dim_1"] else { throw .malformed("the header has no Dim_1") }
        guard let rowsText = self["Dim_2"] else {
            throw .unsupported("1-D data (Dim_1 without Dim_2); a detector frame has two dimensions")
        }
        guard let columns = Int(columnsText), let rows = Int(rowsText), columns >= 0, rows >= 0 else {
            throw .malformed("Dim_1 = \(columnsText), Dim_2 = \(rowsText) are not pixel counts")
        }
        let shape = FrameShape(rows: rows, columns: columns)
        guard rows > 0, columns > 0 else { throw .unsupported("the image is empty (\(shape) pixels)") }
        let pixels: Int
        do {
            pixels = try limits.pixelsPerFrame([("Dim_1", columns), ("Dim_2", rows)])
        } catch {
            throw .unsupported(error.message)
        }
        // Reported: the limit is a setting, and may be set far above what a file can hold.
        let (pixelBytes, overflow) = pixels.multipliedReportingOverflow(by: dataType.byteCount)
        guard !overflow else { throw .unsupported("the image claims \(shape) pixels, more than any file can hold") }
        var blockBytes = pixelBytes
        if let sizeText = self["Size"] {
            guard let size = Int(sizeText), size >= 0 else { throw .malformed("Size = \(sizeText) is not a byte count") }
            guard compression != .none || size >= pixelBytes else {
                throw .malformed("Size = \(size) bytes is less than the \(pixelBytes) bytes of \(shape) \(typeName) pixels")
            }
            blockBytes = size
        } else if compression != .none {
            throw .malformed("the block is compressed (Compression = \(compressionText)) but the header has no Size "
                + "to tell where it ends")
        }
        return Layout(shape: shape, dataType: dataType, bigEndian: bigEndian, compression: compression,
                      pixelBytes: pixelBytes, blockBytes: blockBytes)
    }
}
