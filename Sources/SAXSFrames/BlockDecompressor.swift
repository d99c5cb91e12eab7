import CBZip2
import CZlib

/// The decoder of one compressed block: zlib's inflate for gzip and zlib streams (EDF blocks, FITS GZIP tiles),
/// libbzip2 for bzip2 (EDF blocks). Fed in pieces, so that neither the compressed block nor its output has to be
/// allocated whole before the stream shows what it really holds. Noncopyable, so the codec's state is released
/// exactly once.
struct BlockDecompressor: ~Copyable {
    enum Codec {
        /// A gzip or a zlib stream, whichever its header says.
        case deflate
        case bzip2
    }

    /// Why the codec stopped: the stream is corrupt, or the codec could not start.
    struct Failure: Error {
        var message: String
    }

    /// The codec's own stream record, which it keeps pointers into: it must stay at one address, hence allocated.
    private enum Stream {
        case zlib(UnsafeMutablePointer<z_stream>)
        case bzip2(UnsafeMutablePointer<bz_stream>)
    }

    private let stream: Stream

    init(_ codec: Codec) throws(Failure) {
        switch codec {
        case .deflate:
            let record = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            record.initialize(to: z_stream())
            // 15 + 32: zlib follows the stream's own header, gzip or zlib. Writers label the two loosely, and the
            // checksum at the end still proves the bytes either way.
            let status = saxs_inflate_init(record, 15 + 32)
            guard status == Z_OK else {
                record.deallocate()
                throw Failure(message: "zlib cannot start decompressing (status \(status))")
            }
            stream = .zlib(record)
        case .bzip2:
            let record = UnsafeMutablePointer<bz_stream>.allocate(capacity: 1)
            record.initialize(to: bz_stream())
            let status = BZ2_bzDecompressInit(record, 0, 0)
            guard status == BZ_OK else {
                record.deallocate()
                throw Failure(message: "libbzip2 cannot start decompressing (status \(status))")
            }
            stream = .bzip2(record)
        }
    }

    deinit {
        switch stream {
        case .zlib(let record):
            inflateEnd(record)
            record.deallocate()
        case .bzip2(let record):
            BZ2_bzDecompressEnd(record)
            record.deallocate()
        }
    }

    /// What one call did: bytes taken from the input, bytes written to the output, and whether the stream's end
    /// (with its checksum verified) was reached.
    struct Step {
        var consumed: Int
        var produced: Int
        var ended: Bool
    }

    /// Decodes as much of `input` into `output` as either allows. Raw buffers, because the codecs take C pointers
    /// to read from and write into; both sides are at most 4 GiB per call, as the codecs count in 32 bits.
    func step(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(Failure) -> Step {
        let inputCount = UInt32(clamping: input.count)
        let outputCount = UInt32(clamping: output.count)
        // The codecs declare their input pointer mutable but never write through it.
        let source = UnsafeMutableRawPointer(mutating: input.baseAddress)
        switch stream {
        case .zlib(let record):
            record.pointee.next_in = source?.assumingMemoryBound(to: Bytef.self)
            record.pointee.avail_in = inputCount
            record.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
            record.pointee.avail_out = outputCount
            let status = inflate(record, Z_NO_FLUSH)
            let step = Step(consumed: Int(inputCount - record.pointee.avail_in),
                            produced: Int(outputCount - record.pointee.avail_out), ended: status == Z_STREAM_END)
            switch status {
            // Z_BUF_ERROR is "no progress possible" with these buffers, not a fault; the caller sees no progress.
            case Z_OK, Z_STREAM_END, Z_BUF_ERROR:
                return step
            default:
                throw Failure(message: "zlib: " + (record.pointee.msg.map { String(cString: $0) } ?? "status \(status)"))
            }
        case .bzip2(let record):
            record.pointee.next_in = source?.assumingMemoryBound(to: CChar.self)
            record.pointee.avail_in = inputCount
            record.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: CChar.self)
            record.pointee.avail_out = outputCount
            let status = BZ2_bzDecompress(record)
            let step = Step(consumed: Int(inputCount - record.pointee.avail_in),
                            produced: Int(outputCount - record.pointee.avail_out), ended: status == BZ_STREAM_END)
            switch status {
            case BZ_OK, BZ_STREAM_END:
                return step
            default:
                throw Failure(message: "libbzip2 status \(status)")
            }
        }
    }
}
