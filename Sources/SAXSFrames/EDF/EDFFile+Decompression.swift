extension EDFFile {
    /// The samples of the compressed block of `count` bytes at `offset`: exactly `expectedBytes` (Dim_1 × Dim_2
    /// samples of DataType) decompressed, or a problem.
    ///
    /// The block is read in pieces and the output grows only as the stream really yields bytes, never past
    /// `expectedBytes` + 1 (the one byte more tells a stream that holds too much): a small hostile block that claims
    /// a huge image costs what it decompresses to, not what it claims. Bytes after the stream's end, inside `Size`,
    /// are padding, as they are after an uncompressed block.
    func decompressedBlock(at offset: Int, count: Int, _ compression: EDFCompression,
                           expectedBytes: Int) throws(Problem) -> [UInt8] {
        let decompressor = try Self.decompressor(for: compression)
        let ceiling = expectedBytes == Int.max ? Int.max : expectedBytes + 1
        var output = [UInt8](repeating: 0, count: min(ceiling, Self.firstOutputBytes))
        var produced = 0
        var input: [UInt8] = []
        var used = 0
        var nextRead = offset
        let end = offset + count
        var ended = false
        while !ended {
            if used == input.count {
                guard nextRead < end else { break }
                input = try bytes(at: nextRead, count: min(Self.compressedPieceBytes, end - nextRead))
                nextRead += input.count
                used = 0
            }
            if produced == output.count {
                if output.count == ceiling { break }
                output.append(contentsOf: repeatElement(0, count: min(output.count, ceiling - output.count)))
            }
            let step: BlockDecompressor.Step
            do {
                step = try input.withUnsafeBufferPointer { (source) throws(BlockDecompressor.Failure) in
                    try output.withUnsafeMutableBufferPointer { (destination) throws(BlockDecompressor.Failure) in
                        try decompressor.step(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: source[used...])),
                                              into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: destination[produced...])))
                    }
                }
            } catch {
                throw .malformed("the \(compression) stream is corrupt: \(error.message)")
            }
            used += step.consumed
            produced += step.produced
            ended = step.ended
            // Both buffers had room and nothing moved: the stream is stuck, and looping would never end.
            if !ended && step.consumed == 0 && step.produced == 0 {
                throw .malformed("the \(compression) stream of Size = \(count) bytes makes no progress at byte "
                    + "\(nextRead - input.count + used)")
            }
        }
        if produced > expectedBytes {
            throw .malformed("the \(compression) stream holds more than the \(expectedBytes) bytes of the "
                + "Dim_1 x Dim_2 samples")
        }
        if !ended {
            throw .malformed("the \(compression) stream does not end within its Size = \(count) bytes "
                + "(\(produced) of \(expectedBytes) bytes decompressed)")
        }
        if produced < expectedBytes {
            throw .malformed("the \(compression) stream decompresses to \(produced) bytes, "
                + "\(expectedBytes) expected for the Dim_1 x Dim_2 samples")
        }
        output.removeLast(output.count - produced)
        return output
    }

    private static func decompressor(for compression: EDFCompression) throws(Problem) -> BlockDecompressor {
        do {
            return try BlockDecompressor(compression == .bzip2 ? .bzip2 : .deflate)
        } catch {
            throw .unreadable(error.message)
        }
    }

    /// Output grows from this, doubling: a frame of a few megabytes takes a handful of steps.
    private static let firstOutputBytes = 1 << 16
    /// Compressed bytes read at a time.
    private static let compressedPieceBytes = 1 << 20
}
