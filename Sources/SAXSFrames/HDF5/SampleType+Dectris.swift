/// Dectris' convention for pixels it cannot count, as HDF5 frames carry it.
extension SampleType {
    /// Widens `count` samples in this machine's byte order at `samples` into Doubles at `pixels`.
    ///
    /// Dectris detectors (Eiger, Pilatus4) store a pixel they cannot count (module gaps, dead or hot pixels) as
    /// the largest value of the unsigned type: 0xFFFFFFFF, 0xFFFF, 0xFF. As a count it would be the brightest
    /// pixel of the frame and wreck every bin it falls in, so unsigned all-ones values become NaN, the frame's
    /// mark for a masked pixel. `mask` (the detector's `pixel_mask`, non-zero = bad) masks its pixels the same
    /// way: the detector wrote it because those pixels' counts are not to be trusted.
    ///
    /// Raw pointers: this runs once per pixel of every frame, out of a sample buffer straight into the frame's
    /// storage; bounds checks and per-sample dispatch would cost more than the conversion itself.
    func decodeMarkingInvalid(_ samples: UnsafeRawPointer, count: Int, into pixels: UnsafeMutablePointer<Double>,
                              mask: UnsafePointer<UInt32>? = nil) {
        assert(!HDF5Library.isHeldByCurrentThread, "pixels are converted outside the HDF5 lock")
        switch self {
        case .uint8: Self.widenMarkingAllOnes(UInt8.self, samples, count, pixels)
        case .int8: Self.widen(Int8.self, samples, count, pixels)
        case .uint16: Self.widenMarkingAllOnes(UInt16.self, samples, count, pixels)
        case .int16: Self.widen(Int16.self, samples, count, pixels)
        case .uint32: Self.widenMarkingAllOnes(UInt32.self, samples, count, pixels)
        case .int32: Self.widen(Int32.self, samples, count, pixels)
        case .uint64: Self.widenMarkingAllOnes(UInt64.self, samples, count, pixels)
        case .int64: Self.widen(Int64.self, samples, count, pixels)
        case .float32:
            let values = samples.assumingMemoryBound(to: Float.self)
            for i in 0..<count { pixels[i] = Double(values[i]) }
        case .float64:
            pixels.update(from: samples.assumingMemoryBound(to: Double.self), count: count)
        }
        if let mask {
            for i in 0..<count where mask[i] != 0 { pixels[i] = .nan }
        }
    }

    private static func widenMarkingAllOnes<T: UnsignedInteger & FixedWidthInteger>(
        _: T.Type, _ samples: UnsafeRawPointer, _ count: Int, _ pixels: UnsafeMutablePointer<Double>
    ) {
        let values = samples.assumingMemoryBound(to: T.self)
        for i in 0..<count {
            let value = values[i]
            pixels[i] = value == T.max ? .nan : Double(value)
        }
    }

    private static func widen<T: SignedInteger & FixedWidthInteger>(
        _: T.Type, _ samples: UnsafeRawPointer, _ count: Int, _ pixels: UnsafeMutablePointer<Double>
    ) {
        let values = samples.assumingMemoryBound(to: T.self)
        for i in 0..<count { pixels[i] = Double(values[i]) }
    }

    /// Whether `value` can be written: integers take whole numbers within their range (unsigned types also
    /// NaN, written as the all-ones invalid mark, and so not the all-ones value itself); floats take anything
    /// but a finite value too large for them.
    func representsMarkingInvalid(_ value: Double) -> Bool {
        switch self {
        case .uint8: value.isNaN || (UInt8(exactly: value).map { $0 != .max } ?? false)
        case .int8: Int8(exactly: value) != nil
        case .uint16: value.isNaN || (UInt16(exactly: value).map { $0 != .max } ?? false)
        case .int16: Int16(exactly: value) != nil
        case .uint32: value.isNaN || (UInt32(exactly: value).map { $0 != .max } ?? false)
        case .int32: Int32(exactly: value) != nil
        case .uint64: value.isNaN || (UInt64(exactly: value).map { $0 != .max } ?? false)
        case .int64: Int64(exactly: value) != nil
        case .float32: !value.isFinite || Float(value).isFinite
        case .float64: true
        }
    }

    /// Narrows `values`, each passing `representsMarkingInvalid(_:)`, into samples of this type in this
    /// machine's byte order, NaN as the all-ones mark.
    func encodeMarkingInvalid(_ values: UnsafeBufferPointer<Double>, into samples: UnsafeMutableRawPointer) {
        switch self {
        case .uint8: Self.narrow(UInt8.self, values, samples)
        case .int8: Self.narrow(Int8.self, values, samples)
        case .uint16: Self.narrow(UInt16.self, values, samples)
        case .int16: Self.narrow(Int16.self, values, samples)
        case .uint32: Self.narrow(UInt32.self, values, samples)
        case .int32: Self.narrow(Int32.self, values, samples)
        case .uint64: Self.narrow(UInt64.self, values, samples)
        case .int64: Self.narrow(Int64.self, values, samples)
        case .float32:
            let stored = samples.bindMemory(to: Float.self, capacity: values.count)
            for (i, value) in values.enumerated() { stored[i] = Float(value) }
        case .float64:
            samples.copyMemory(from: values.baseAddress!, byteCount: values.count * 8)
        }
    }

    private static func narrow<T: FixedWidthInteger>(_: T.Type, _ values: UnsafeBufferPointer<Double>,
                                                     _ samples: UnsafeMutableRawPointer) {
        let stored = samples.bindMemory(to: T.self, capacity: values.count)
        for (i, value) in values.enumerated() { stored[i] = value.isNaN ? T.max : T(value) }
    }
}
