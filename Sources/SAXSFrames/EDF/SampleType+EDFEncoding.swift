extension SampleType {
    /// `values` as samples of this type in the given byte order, integers rounded to the nearest. Every value must
    /// pass `represents(_:)` first.
    ///
    /// Raw buffers rather than appending sample by sample: this runs once per pixel of every frame written.
    /// Unaligned stores, since a sample of any width may start at any byte of the block.
    func encode(_ values: [Double], bigEndian: Bool) -> [UInt8] {
        let count = values.count * byteCount
        return [UInt8](unsafeUninitializedCapacity: count) { bytes, initialized in
            let raw = UnsafeMutableRawBufferPointer(bytes)
            values.withUnsafeBufferPointer { source in
                switch self {
                case .uint8: Self.narrow(source, bigEndian, into: raw) { UInt8($0.rounded()) }
                case .int8: Self.narrow(source, bigEndian, into: raw) { Int8($0.rounded()) }
                case .uint16: Self.narrow(source, bigEndian, into: raw) { UInt16($0.rounded()) }
                case .int16: Self.narrow(source, bigEndian, into: raw) { Int16($0.rounded()) }
                case .uint32: Self.narrow(source, bigEndian, into: raw) { UInt32($0.rounded()) }
                case .int32: Self.narrow(source, bigEndian, into: raw) { Int32($0.rounded()) }
                case .uint64: Self.narrow(source, bigEndian, into: raw) { UInt64($0.rounded()) }
                case .int64: Self.narrow(source, bigEndian, into: raw) { Int64($0.rounded()) }
                case .float32: Self.narrow(source, bigEndian, into: raw) { Float($0).bitPattern }
                case .float64: Self.narrow(source, bigEndian, into: raw) { $0.bitPattern }
                }
            }
            initialized = count
        }
    }

    /// Converts each value to the integer of the sample's width (a float as its bits) and stores it in the file's
    /// byte order.
    private static func narrow<T: FixedWidthInteger>(_ values: UnsafeBufferPointer<Double>, _ bigEndian: Bool,
                                                     into raw: UnsafeMutableRawBufferPointer,
                                                     _ convert: (Double) -> T) {
        let width = MemoryLayout<T>.size
        for i in 0..<values.count {
            let stored = convert(values[i])
            raw.storeBytes(of: bigEndian ? stored.bigEndian : stored.littleEndian, toByteOffset: i * width, as: T.self)
        }
    }
}
