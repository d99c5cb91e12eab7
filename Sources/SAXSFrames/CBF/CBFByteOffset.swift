/// The CBF byte-offset code: each pixel is stored as its difference from the previous one (the first from 0),
/// in one byte when it fits, else escaped to 16, 32 and 64 bits, all little-endian. Neighbouring Pilatus
/// pixels differ little, so most pixels cost one byte.
///
/// The running value wraps in the element type, as in CBFlib and fabio: they write the step from 2^31-1 to -2^31
/// of a signed 32-bit image as +1.
enum CBFByteOffset {
    /// The integer types a byte-offset section may hold, by their `X-Binary-Element-Type` names.
    enum ElementType: String {
        case int8 = "signed 8-bit integer"
        case uint8 = "unsigned 8-bit integer"
        case int16 = "signed 16-bit integer"
        case uint16 = "unsigned 16-bit integer"
        case int32 = "signed 32-bit integer"
        case uint32 = "unsigned 32-bit integer"
    }

    /// Why the compressed bytes do not hold the pixels the section announced.
    enum Failure: Error, Equatable {
        /// The bytes end inside a difference or before the announced number of pixels.
        case tooShort(decoded: Int)
        /// Bytes are left over after the last announced pixel.
        case tooLong(unused: Int)
    }

    /// Exactly `count` pixels of `type` from `bytes`, which must hold nothing else.
    static func decode(_ bytes: UnsafeRawBufferPointer, count: Int, as type: ElementType) throws(Failure) -> [Double] {
        switch type {
        case .int8: try decode(bytes, count: count, wrappingIn: Int8.self)
        case .uint8: try decode(bytes, count: count, wrappingIn: UInt8.self)
        case .int16: try decode(bytes, count: count, wrappingIn: Int16.self)
        case .uint16: try decode(bytes, count: count, wrappingIn: UInt16.self)
        case .int32: try decode(bytes, count: count, wrappingIn: Int32.self)
        case .uint32: try decode(bytes, count: count, wrappingIn: UInt32.self)
        }
    }

    /// The decoding loop, with the running value read modulo 2^bits of `Element`.
    ///
    /// One pass over the raw buffer with unchecked loads: a Pilatus 1M frame is a million deltas, and bounds-checked
    /// array indexing plus per-byte integer assembly would make this the slowest stage of reading a frame. Safety
    /// comes from checking the width each escape needs against the bytes left before every load.
    private static func decode<Element: FixedWidthInteger>(
        _ bytes: UnsafeRawBufferPointer, count: Int, wrappingIn _: Element.Type
    ) throws(Failure) -> [Double] {
        let end = bytes.count
        var pixels = [Double](repeating: 0, count: count)
        var position = 0
        var value: Int64 = 0
        var decoded = 0
        let failure: Failure? = pixels.withUnsafeMutableBufferPointer { output in
            while decoded < count {
                guard position < end else { return .tooShort(decoded: decoded) }
                // Wrapping arithmetic: garbage deltas must give garbage values, never a trap.
                let delta8 = Int8(bitPattern: bytes[position])
                position += 1
                if delta8 != Int8.min {
                    value &+= Int64(delta8)
                } else {
                    guard end - position >= 2 else { return .tooShort(decoded: decoded) }
                    let delta16 = Int16(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: Int16.self))
                    position += 2
                    if delta16 != Int16.min {
                        value &+= Int64(delta16)
                    } else {
                        guard end - position >= 4 else { return .tooShort(decoded: decoded) }
                        let delta32 = Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: Int32.self))
                        position += 4
                        if delta32 != Int32.min {
                            value &+= Int64(delta32)
                        } else {
                            guard end - position >= 8 else { return .tooShort(decoded: decoded) }
                            value &+= Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: Int64.self))
                            position += 8
                        }
                    }
                }
                output[decoded] = Double(Element(truncatingIfNeeded: value))
                decoded += 1
            }
            return nil
        }
        if let failure { throw failure }
        if position != end { throw .tooLong(unused: end - position) }
        return pixels
    }

    /// The byte-offset code of signed 32-bit `values`, differences taken modulo 2^32 as CBFlib and fabio take them.
    /// A difference equal to a width's escape value goes to the next width, as readers take it for the escape.
    static func encode(_ values: [Int32]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count + values.count / 8)
        var previous: Int32 = 0
        for value in values {
            let delta = Int64(value &- previous)
            previous = value
            if delta > Int64(Int8.min), delta <= Int64(Int8.max) {
                bytes.append(UInt8(bitPattern: Int8(delta)))
                continue
            }
            bytes.append(0x80)
            if delta > Int64(Int16.min), delta <= Int64(Int16.max) {
                append(Int16(delta), to: &bytes)
                continue
            }
            append(Int16.min, to: &bytes)
            if delta > Int64(Int32.min), delta <= Int64(Int32.max) {
                append(Int32(delta), to: &bytes)
                continue
            }
            append(Int32.min, to: &bytes)
            append(delta, to: &bytes)
        }
        return bytes
    }

    private static func append(_ value: some FixedWidthInteger, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
