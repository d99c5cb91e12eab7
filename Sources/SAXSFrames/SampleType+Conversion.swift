extension SampleType {
    /// Widens `count` samples in native byte order (libtiff, for one, has already swapped them) at `source` into
    /// `destination`. Every integer type up to 32 bits, and both float types, convert exactly; 64-bit integers
    /// beyond 2^53 round, as they would in any Double.
    ///
    /// Raw pointers rather than arrays: this runs once per pixel of every frame, straight out of libtiff's
    /// buffer into the frame's storage, and must not copy or check bounds per sample.
    func decode(_ source: UnsafeRawPointer, count: Int, into destination: UnsafeMutablePointer<Double>) {
        switch self {
        case .uint8: Self.widen(UInt8.self, source, count, destination)
        case .int8: Self.widen(Int8.self, source, count, destination)
        case .uint16: Self.widen(UInt16.self, source, count, destination)
        case .int16: Self.widen(Int16.self, source, count, destination)
        case .uint32: Self.widen(UInt32.self, source, count, destination)
        case .int32: Self.widen(Int32.self, source, count, destination)
        case .uint64: Self.widen(UInt64.self, source, count, destination)
        case .int64: Self.widen(Int64.self, source, count, destination)
        case .float32: Self.widenFloat(Float.self, source, count, destination)
        case .float64: Self.widenFloat(Double.self, source, count, destination)
        }
    }

    /// Narrows `values` into samples of this type at `destination`, rounding integers to the nearest. Every
    /// value must pass `represents(_:)` first.
    func encode(_ values: UnsafeBufferPointer<Double>, into destination: UnsafeMutableRawPointer) {
        switch self {
        case .uint8: Self.narrow(UInt8.self, values, destination)
        case .int8: Self.narrow(Int8.self, values, destination)
        case .uint16: Self.narrow(UInt16.self, values, destination)
        case .int16: Self.narrow(Int16.self, values, destination)
        case .uint32: Self.narrow(UInt32.self, values, destination)
        case .int32: Self.narrow(Int32.self, values, destination)
        case .uint64: Self.narrow(UInt64.self, values, destination)
        case .int64: Self.narrow(Int64.self, values, destination)
        case .float32: Self.narrowFloat(Float.self, values, destination)
        case .float64: Self.narrowFloat(Double.self, values, destination)
        }
    }

    /// Whether `value` can be stored: integers take finite values within their range after rounding; floats take
    /// anything but a finite value too large for them (NaN marks invalid pixels and stays NaN).
    func represents(_ value: Double) -> Bool {
        switch self {
        case .uint8: UInt8(exactly: value.rounded()) != nil
        case .int8: Int8(exactly: value.rounded()) != nil
        case .uint16: UInt16(exactly: value.rounded()) != nil
        case .int16: Int16(exactly: value.rounded()) != nil
        case .uint32: UInt32(exactly: value.rounded()) != nil
        case .int32: Int32(exactly: value.rounded()) != nil
        case .uint64: UInt64(exactly: value.rounded()) != nil
        case .int64: Int64(exactly: value.rounded()) != nil
        case .float32: !value.isFinite || Float(value).isFinite
        case .float64: true
        }
    }

    private static func widen<T: BinaryInteger>(_: T.Type, _ source: UnsafeRawPointer, _ count: Int,
                                                _ destination: UnsafeMutablePointer<Double>) {
        let samples = source.bindMemory(to: T.self, capacity: count)
        for i in 0..<count { destination[i] = Double(samples[i]) }
    }

    private static func widenFloat<T: BinaryFloatingPoint>(_: T.Type, _ source: UnsafeRawPointer, _ count: Int,
                                                           _ destination: UnsafeMutablePointer<Double>) {
        let samples = source.bindMemory(to: T.self, capacity: count)
        for i in 0..<count { destination[i] = Double(samples[i]) }
    }

    private static func narrow<T: BinaryInteger>(_: T.Type, _ values: UnsafeBufferPointer<Double>,
                                                 _ destination: UnsafeMutableRawPointer) {
        let samples = destination.bindMemory(to: T.self, capacity: values.count)
        for (i, value) in values.enumerated() { samples[i] = T(value.rounded()) }
    }

    private static func narrowFloat<T: BinaryFloatingPoint>(_: T.Type, _ values: UnsafeBufferPointer<Double>,
                                                            _ destination: UnsafeMutableRawPointer) {
        let samples = destination.bindMemory(to: T.self, capacity: values.count)
        for (i, value) in values.enumerated() { samples[i] = T(value) }
    }
}
