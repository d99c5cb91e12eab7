import CBZip2
import CZlib

extension EDFCompression {
    /// `bytes` as this scheme's stream, the block `EDFWriter` stores; nil when the codec refuses (out of memory,
    /// or a bzip2 block beyond the 4 GiB libbzip2 counts in 32 bits).
    ///
    /// Raw buffers, because the codecs take C pointers to read from and write into.
    func compress(_ bytes: [UInt8]) -> [UInt8]? {
        switch self {
        case .none: bytes
        case .gzip: Self.deflate(bytes, windowBits: 15 + 16)
        case .zlib: Self.deflate(bytes, windowBits: 15)
        case .bzip2: Self.bzip2(bytes)
        }
    }

    /// A zlib (`windowBits` 15) or gzip (15 + 16) stream, at zlib's default level.
    private static func deflate(_ bytes: [UInt8], windowBits: Int32) -> [UInt8]? {
        // zlib keeps a pointer back to the stream record and checks it on every call: the record must not move.
        let record = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        record.initialize(to: z_stream())
        defer { record.deallocate() }
        guard saxs_deflate_init(record, Z_DEFAULT_COMPRESSION, windowBits) == Z_OK else { return nil }
        defer { deflateEnd(record) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(record, uLong(bytes.count))))
        var produced = 0
        let ended = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { destination in
                var consumed = 0
                while true {
                    let inputPiece = min(input.count - consumed, Int(UInt32.max))
                    let outputPiece = min(destination.count - produced, Int(UInt32.max))
                    record.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?
                        .advanced(by: consumed).assumingMemoryBound(to: Bytef.self))
                    record.pointee.avail_in = UInt32(inputPiece)
                    record.pointee.next_out = destination.baseAddress?.advanced(by: produced).assumingMemoryBound(to: Bytef.self)
                    record.pointee.avail_out = UInt32(outputPiece)
                    let last = consumed + inputPiece == input.count
                    let status = CZlib.deflate(record, last ? Z_FINISH : Z_NO_FLUSH)
                    consumed += inputPiece - Int(record.pointee.avail_in)
                    produced += outputPiece - Int(record.pointee.avail_out)
                    if status == Z_STREAM_END { return true }
                    // deflateBound leaves room for the whole stream, so anything but progress is a failure.
                    if status != Z_OK { return false }
                }
            }
        }
        guard ended else { return nil }
        output.removeLast(output.count - produced)
        return output
    }

    /// A bzip2 stream with 900 kB blocks, libbzip2's default.
    private static func bzip2(_ bytes: [UInt8]) -> [UInt8]? {
        // libbzip2's documented worst case: 1% more than the input, plus 600 bytes.
        guard let sourceCount = UInt32(exactly: bytes.count),
              var capacity = UInt32(exactly: bytes.count + bytes.count / 100 + 600) else { return nil }
        var output = [UInt8](repeating: 0, count: Int(capacity))
        let status = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { destination in
                BZ2_bzBuffToBuffCompress(destination.baseAddress?.assumingMemoryBound(to: CChar.self), &capacity,
                                         UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: CChar.self)),
                                         sourceCount, 9, 0, 0)
            }
        }
        guard status == BZ_OK else { return nil }
        output.removeLast(output.count - Int(capacity))
        return output
    }
}
