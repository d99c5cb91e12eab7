extension SampleType {
    /// Widens the first `count` samples of `bytes`, stored in the given byte order, to Doubles. Integers up to 32
    /// bits and both float types convert exactly (NaN stays NaN, an invalid pixel); 64-bit integers beyond 2^53
    /// round, as they would in any Double.
    ///
    /// Raw buffers rather than array indexing: this runs once per pixel of every frame, and must not check
    /// bounds or go through an intermediate array per sample. Unaligned loads, since a header of any length
    /// puts the block at any offset.
    func decode(_ bytes: [UInt8], count: Int, bigEndian: Bool) -> [Double] {
        precondition(bytes.count >= count * byteCount, "data block shorter than its samples")
        return [Double](unsafeUninitializedCapacity: count) { pixels, initialized in
            bytes.withUnsafeBytes { raw in
                switch self {
                case .uint8: Self.widen(raw, bigEndian, into: pixels) { (stored: UInt8) in Double(stored) }
                case .int8: Self.widen(raw, bigEndian, into: pixels) { (stored: Int8) in Double(stored) }
                case .uint16: Self.widen(raw, bigEndian, into: pixels) { (stored: UInt16) in Double(stored) }
                case .int16: Self.widen(raw, bigEndian, into: pixels) { (stored: Int16) in Double(stored) }
                case .uint32: Self.widen(raw, bigEndian, into: pixels) { (stored: UInt32) in Double(stored) }
                case .int32: Self.widen(raw, bigEndian, into: pixels) { (stored: Int32) in Double(stored) }
                case .uint64: Self.widen(raw, bigEndian, into: pixels) { (stored: UInt64) in Double(stored) }
                case .int64: Self.widen(raw, bigEndian, into: pixels) { (stored: Int64) in Double(stored) }
                case .float32: Self.widen(raw, bigEndian, into: pixels) { (bits: UInt32) in Double(Float(bitPattern: bits)) }
                case .float64: Self.widen(raw, bigEndian, into: pixels) { (bits: UInt64) in Double(bitPattern: bits) }
                }
            }
            initialized = count
        }
    }

    /// Loads each sample as the integer of its width, puts it in native byte order, and converts it.
    private static func widen<T: FixedWidthInteger>(_ raw: UnsafeRawBufferPointer, _ bigEndian: Bool,
                                                    into pixels: UnsafeMutableBufferPointer<Double>,
                                                    _ convert: (T) -> Double) {
        let width = MemoryLayout<T>.size
        for i in 0..<pixels.count {
            let stored = raw.loadUnaligned(fromByteOffset: i * width, as: T.self)
            pixels.initializeElement(at: i, to: convert(bigEndian ? T(bigEndian: stored) : T(littleEndian: stored)))
        }
    }
}
