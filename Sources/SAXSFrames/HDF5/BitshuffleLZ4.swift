import CLZ4

/// The chunks of HDF5 filter 32008 (bitshuffle) with LZ4 compression, the way Dectris detectors store every
/// Eiger frame, decoded without the HDF5 plugin.
///
/// The plugin decodes a whole chunk into one buffer that HDF5 then copies, and Debian's build of it runs its
/// untransposition a byte at a time; together they take longer than the frame budget. Decoding here goes
/// block by block through buffers that stay in the L1 cache, straight into the frame's Doubles.
///
/// Layout of a chunk of `count` elements of `elementSize` bytes (bitshuffle's `bshuf_h5filter.c`):
/// - bytes 0..<8: the uncompressed size in bytes, big-endian; bytes 8..<12: the block size in bytes, big-endian
///   (0 for bitshuffle's default of 8192 bytes' worth of elements, a multiple of 8, at least 128).
/// - per block: its compressed length (uint32, big-endian), then one LZ4 block. Every block holds the block
///   size's elements except the last, which holds the whole groups of 8 elements left.
/// - the last `count % 8` elements, stored as they are.
///
/// Within a block of `n` elements the bits are transposed: bit-row `b` (for `b` in 0 ..< 8 × elementSize; bit
/// `b % 8` of byte `b / 8` of each little-endian element) holds that bit of every element, `n / 8` bytes, element
/// `e` in bit `e % 8` of byte `e / 8`.
enum BitshuffleLZ4 {
    struct Malformed: Error {
        var reason: String
    }

    /// Decodes `chunk` into `count` elements of `elementSize` bytes (1, 2, 4 or 8) and hands them over a block
    /// at a time: `consume(samples, elements)` gets the elements at `elements` of the chunk, little-endian.
    static func decode(_ chunk: UnsafeRawBufferPointer, elementSize: Int, count: Int,
                       _ consume: (UnsafeRawPointer, Range<Int>) -> Void) throws(Malformed) {
        guard [1, 2, 4, 8].contains(elementSize) else { throw Malformed(reason: "\(elementSize)-byte elements") }
        guard chunk.count >= 12, let base = chunk.baseAddress else {
            throw Malformed(reason: "the chunk has \(chunk.count) bytes, fewer than its 12-byte header")
        }
        let total = UInt64(bigEndian: chunk.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        guard total == UInt64(count * elementSize) else {
            throw Malformed(reason: "the chunk header announces \(total) bytes, the frame holds \(count * elementSize)")
        }
        let blockBytes = Int(UInt32(bigEndian: chunk.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
        var blockElements = blockBytes / elementSize
        if blockBytes == 0 { blockElements = max(8192 / elementSize / 8 * 8, 128) }
        guard blockBytes % elementSize == 0, blockElements % 8 == 0, blockElements > 0 else {
            throw Malformed(reason: "block size \(blockBytes) bytes is not a whole number of groups of 8 elements")
        }

        let wholeGroups = count - count % 8
        // Hostile block sizes must not size the buffers: no block holds more than the chunk's elements.
        let bufferBytes = max(min(blockElements, wholeGroups), 8) * elementSize
        let shuffled = UnsafeMutableRawPointer.allocate(byteCount: bufferBytes, alignment: 64)
        let samples = UnsafeMutableRawPointer.allocate(byteCount: bufferBytes, alignment: 64)
        defer {
            shuffled.deallocate()
            samples.deallocate()
        }

        var position = 12
        var first = 0
        while first < wholeGroups {
            let elements = min(blockElements, wholeGroups - first)
            let bytes = elements * elementSize
            guard chunk.count - position >= 4 else {
                throw Malformed(reason: "the chunk ends before the block of elements \(first)..<\(first + elements)")
            }
            let length = Int(UInt32(bigEndian: chunk.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
            position += 4
            guard length <= chunk.count - position, length <= Int(Int32.max) else {
                throw Malformed(reason: "the block of elements \(first)..<\(first + elements) claims \(length) bytes, "
                                + "\(chunk.count - position) are left")
            }
            let produced = LZ4_decompress_safe((base + position).assumingMemoryBound(to: CChar.self),
                                               shuffled.assumingMemoryBound(to: CChar.self), Int32(length), Int32(bytes))
            guard produced == Int32(bytes) else {
                throw Malformed(reason: "the LZ4 block of elements \(first)..<\(first + elements) "
                                + (produced < 0 ? "is corrupt" : "decodes to \(produced) bytes, not \(bytes)"))
            }
            position += length
            switch elementSize {
            case 1: untranspose(shuffled, count: elements, into: samples.bindMemory(to: UInt8.self, capacity: elements))
            case 2: untranspose(shuffled, count: elements, into: samples.bindMemory(to: UInt16.self, capacity: elements))
            case 4: untranspose(shuffled, count: elements, into: samples.bindMemory(to: UInt32.self, capacity: elements))
            default: untranspose(shuffled, count: elements, into: samples.bindMemory(to: UInt64.self, capacity: elements))
            }
            consume(samples, first..<first + elements)
            first += elements
        }
        let leftover = (count - wholeGroups) * elementSize
        if leftover > 0 {
            guard chunk.count - position >= leftover else {
                throw Malformed(reason: "the chunk ends before its last \(count - wholeGroups) elements")
            }
            // Copied to aligned memory: the stored bytes sit at any offset.
            samples.copyMemory(from: base + position, byteCount: leftover)
            consume(samples, wholeGroups..<count)
        }
    }

    /// Undoes the bit transposition of one block of `count` elements (a multiple of 8).
    ///
    /// Works on 64 elements at a time: the 8 bit-rows of one byte of the elements, 8 bytes of each, form an
    /// 8 x 8 byte matrix; transposed, each word holds 8 bit-rows of 8 elements, and transposing that word's 8 x 8
    /// bit matrix gives the elements' byte. Words that are all zero are skipped: counts are small, so the high
    /// bytes' bit-rows are nearly all zero, and skipping them is most of the speed.
    ///
    /// Raw pointers: the block sits in the L1 cache and this runs for every pixel; bounds checks on each of
    /// the eight strided loads would cost more than the arithmetic.
    static func untranspose<T: FixedWidthInteger & UnsignedInteger & SIMDScalar>(
        _ source: UnsafeRawPointer, count: Int, into elements: UnsafeMutablePointer<T>
    ) {
        let rowBytes = count / 8
        elements.initialize(repeating: 0, count: count)
        for byte in 0..<MemoryLayout<T>.size {
            let rows = source + byte * 8 * rowBytes
            let shift = T(truncatingIfNeeded: byte * 8)
            var group = 0
            while group + 8 <= rowBytes {
                var words = (rows.loadUnaligned(fromByteOffset: group, as: UInt64.self),
                             rows.loadUnaligned(fromByteOffset: group + rowBytes, as: UInt64.self),
                             rows.loadUnaligned(fromByteOffset: group + 2 * rowBytes, as: UInt64.self),
                             rows.loadUnaligned(fromByteOffset: group + 3 * rowBytes, as: UInt64.self),
                             rows.loadUnaligned(fromByteOffset: group + 4 * rowBytes, as: UInt64.self),
                             rows.loadUnaligned(fromByteOffset: group + 5 * rowBytes, as: UInt64.self),
                             rows.loadUnaligned(fromByteOffset: group + 6 * rowBytes, as: UInt64.self),
                             rows.loadUnaligned(fromByteOffset: group + 7 * rowBytes, as: UInt64.self))
                if words.0 | words.1 | words.2 | words.3 | words.4 | words.5 | words.6 | words.7 != 0 {
                    transposeBytes(&words)
                    merge(words.0, into: elements + 8 * group, shift: shift)
                    merge(words.1, into: elements + 8 * (group + 1), shift: shift)
                    merge(words.2, into: elements + 8 * (group + 2), shift: shift)
                    merge(words.3, into: elements + 8 * (group + 3), shift: shift)
                    merge(words.4, into: elements + 8 * (group + 4), shift: shift)
                    merge(words.5, into: elements + 8 * (group + 5), shift: shift)
                    merge(words.6, into: elements + 8 * (group + 6), shift: shift)
                    merge(words.7, into: elements + 8 * (group + 7), shift: shift)
                }
                group += 8
            }
            // Blocks whose rows are not a multiple of 8 bytes long (the short last block) end a group at a time.
            while group < rowBytes {
                var word: UInt64 = 0
                for row in 0..<8 {
                    word |= UInt64(rows.load(fromByteOffset: group + row * rowBytes, as: UInt8.self)) << (8 * row)
                }
                merge(word, into: elements + 8 * group, shift: shift)
                group += 1
            }
        }
    }

    /// `word` holds bit-rows 0...7 of one byte of 8 elements (row r in byte r, element m in bit m); puts that
    /// byte, shifted into place, into the 8 elements.
    @inline(__always)
    private static func merge<T: FixedWidthInteger & UnsignedInteger & SIMDScalar>(
        _ word: UInt64, into elements: UnsafeMutablePointer<T>, shift: T
    ) {
        guard word != 0 else { return }
        let bytes = unsafeBitCast(transposeBits(word).littleEndian, to: SIMD8<UInt8>.self)
        let target = UnsafeMutableRawPointer(elements)
        let merged = target.loadUnaligned(as: SIMD8<T>.self) | (SIMD8<T>(truncatingIfNeeded: bytes) &<< shift)
        target.storeBytes(of: merged, as: SIMD8<T>.self)
    }

    /// Transposes the 8 x 8 bit matrix in `x` (row r in byte r, column c in bit c): afterwards byte c holds what
    /// was bit c of every byte. Three rounds of swapping the off-diagonal halves of 2x2, 4x4 and 8x8 blocks
    /// (Hacker's Delight, "transpose8").
    @inline(__always)
    static func transposeBits(_ x: UInt64) -> UInt64 {
        var x = x
        var t = (x ^ (x >> 7)) & 0x00AA_00AA_00AA_00AA
        x ^= t ^ (t << 7)
        t = (x ^ (x >> 14)) & 0x0000_CCCC_0000_CCCC
        x ^= t ^ (t << 14)
        t = (x ^ (x >> 28)) & 0x0000_0000_F0F0_F0F0
        x ^= t ^ (t << 28)
        return x
    }

    /// Transposes the 8 x 8 byte matrix whose rows are the words (byte c of word r): afterwards word c holds
    /// byte c of every word, by the same halving swaps as `transposeBits`, on 4-, 2- and 1-byte units.
    @inline(__always)
    static func transposeBytes(_ w: inout (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)) {
        @inline(__always)
        func swap(_ a: inout UInt64, _ b: inout UInt64, _ bits: UInt64, _ low: UInt64) {
            let (x, y) = (a, b)
            a = (x & low) | ((y & low) << bits)
            b = ((x >> bits) & low) | (y & ~low)
        }
        let low32: UInt64 = 0x0000_0000_FFFF_FFFF, low16: UInt64 = 0x0000_FFFF_0000_FFFF, low8: UInt64 = 0x00FF_00FF_00FF_00FF
        swap(&w.0, &w.4, 32, low32); swap(&w.1, &w.5, 32, low32); swap(&w.2, &w.6, 32, low32); swap(&w.3, &w.7, 32, low32)
        swap(&w.0, &w.2, 16, low16); swap(&w.1, &w.3, 16, low16); swap(&w.4, &w.6, 16, low16); swap(&w.5, &w.7, 16, low16)
        swap(&w.0, &w.1, 8, low8); swap(&w.2, &w.3, 8, low8); swap(&w.4, &w.5, 8, low8); swap(&w.6, &w.7, 8, low8)
    }
}
