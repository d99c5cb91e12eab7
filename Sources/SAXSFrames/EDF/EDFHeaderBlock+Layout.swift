extension EDFHeaderBlock {
    /// What a header says about its data block, checked before anything is allocated for it.
    struct Layout {
        var shape: FrameShape
        var dataType: EDFDataType
        var bigEndian: Bool
        /// Bytes of the Dim_1 × Dim_2 samples at the start of the block.
        var pixelBytes: Int
        /// Bytes from the header to the next one: `Size` when given (it may include trailing padding), else
        /// the pixel bytes.
        var blockBytes: Int
    }

    func layout() throws(EDFFile.Problem) -> Layout {
        if let compression = self["Compression"], !["none", "nocompression", ""].contains(compression.lowercased()) {
            throw .unsupported("the data block is compressed (Compression = \(compression)); saxsd reads uncompressed "
                + "EDF only, so save frames uncompressed (fabio: compression=None)")
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
        let (pixels, pixelOverflow) = rows.multipliedReportingOverflow(by: columns)
        let (pixelBytes, byteOverflow) = pixels.multipliedReportingOverflow(by: dataType.byteWidth)
        guard !pixelOverflow, !byteOverflow else {
            throw .unsupported("the image claims \(shape) pixels, more than any file can hold")
        }
        var blockBytes = pixelBytes
        if let sizeText = self["Size"] {
            guard let size = Int(sizeText), size >= 0 else { throw .malformed("Size = \(sizeText) is not a byte count") }
            guard size >= pixelBytes else {
                throw .malformed("Size = \(size) bytes is less than the \(pixelBytes) bytes of \(shape) \(typeName) pixels")
            }
            blockBytes = size
        }
        return Layout(shape: shape, dataType: dataType, bigEndian: bigEndian, pixelBytes: pixelBytes, blockBytes: blockBytes)
    }
}
