import CZlib
#if canImport(Glibc)
import Glibc
#endif

/// A frame's samples as they left the HDF5 library, to be turned into pixels without holding its lock.
enum HDF5StoredFrame: Sendable {
    /// Samples in this machine's byte order, row-major.
    case samples([UInt8])
    /// One bitshuffle-LZ4 chunk, as stored.
    case bitshuffleLZ4([UInt8])
    /// One deflate (zlib) chunk, as stored.
    case deflate([UInt8])

    /// The frame's pixels: samples widened to Doubles, invalid and masked pixels NaN (see
    /// `HDF5PixelType.decode`).
    func pixels(_ pixelType: HDF5PixelType, count: Int, mask: [UInt32]?) throws(BitshuffleLZ4.Malformed) -> [Double] {
        try Self.makePixels(count: count) { (pixels) throws(BitshuffleLZ4.Malformed) in
            try Self.withMask(mask) { (mask) throws(BitshuffleLZ4.Malformed) in
                switch self {
                case .samples(let bytes):
                    precondition(bytes.count >= count * pixelType.byteCount, "fewer samples than pixels")
                    bytes.withUnsafeBytes { pixelType.decodeMarkingInvalid($0.baseAddress!, count: count, into: pixels, mask: mask) }
                case .bitshuffleLZ4(let chunk):
                    let decoded = chunk.withUnsafeBytes { bytes in
                        Result { () throws(BitshuffleLZ4.Malformed) in
                            try BitshuffleLZ4.decode(bytes, elementSize: pixelType.byteCount, count: count) { samples, elements in
                                pixelType.decodeMarkingInvalid(samples, count: elements.count, into: pixels + elements.lowerBound,
                                                 mask: mask.map { $0 + elements.lowerBound })
                            }
                        }
                    }
                    try decoded.get()
                case .deflate(let chunk):
                    let samples = try Self.inflate(chunk, bytes: count * pixelType.byteCount)
                    samples.withUnsafeBytes { pixelType.decodeMarkingInvalid($0.baseAddress!, count: count, into: pixels, mask: mask) }
                }
            }
        }
    }

    /// zlib's one-call inflate into exactly the frame's bytes: a stream that would give more stops at the end of
    /// the buffer (an error), one that gives fewer is short.
    private static func inflate(_ chunk: [UInt8], bytes: Int) throws(BitshuffleLZ4.Malformed) -> [UInt8] {
        var produced = uLongf(bytes)
        var status = Z_OK
        let samples = [UInt8](unsafeUninitializedCapacity: bytes) { buffer, initialized in
            status = chunk.withUnsafeBufferPointer { source in
                uncompress(buffer.baseAddress, &produced, source.baseAddress, uLong(source.count))
            }
            initialized = status == Z_OK ? Int(produced) : 0
        }
        guard status == Z_OK, Int(produced) == bytes else {
            throw BitshuffleLZ4.Malformed(reason: status == Z_OK
                ? "the deflate chunk holds \(produced) bytes, the frame \(bytes)"
                : "the deflate chunk does not inflate (zlib status \(status))")
        }
        return samples
    }

    private static func withMask<E: Error>(_ mask: [UInt32]?, _ body: (UnsafePointer<UInt32>?) throws(E) -> Void) throws(E) {
        guard let mask else { return try body(nil) }
        var failure: E?
        mask.withUnsafeBufferPointer { buffer in
            do throws(E) { try body(buffer.baseAddress) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Frames above this size get their pixel array backed by huge pages.
    static let hugePageThreshold = 16 << 20

    /// A pixel array of `count` Doubles filled by `fill`.
    ///
    /// An array this large is a fresh mapping from the kernel each time, and its first touch costs a page fault
    /// per 4 KiB: for an Eiger 4M frame (36 MB of Doubles) some 9000 faults, more time than decoding the frame.
    /// Asking for transparent huge pages first (a hint the kernel may ignore) makes that a few dozen.
    private static func makePixels<E: Error>(count: Int, _ fill: (UnsafeMutablePointer<Double>) throws(E) -> Void) throws(E) -> [Double] {
        var failure: E?
        let pixels = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            #if os(Linux)
            if count * MemoryLayout<Double>.size >= hugePageThreshold {
                let hugePage = 2 << 20
                let start = (Int(bitPattern: base) + hugePage - 1) / hugePage * hugePage
                let end = (Int(bitPattern: base) + count * MemoryLayout<Double>.size) / hugePage * hugePage
                if end > start { madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
            }
            #endif
            do throws(E) {
                try fill(base)
                initialized = count
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return pixels
    }
}
