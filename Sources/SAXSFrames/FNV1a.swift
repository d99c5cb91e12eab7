/// 64-bit FNV-1a: stable across runs and platforms (Swift's Hasher is seeded per process).
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ text: String) {
        for byte in text.utf8 { mix(byte) }
    }

    public mutating func add(bytes: some Sequence<UInt8>) {
        for byte in bytes { mix(byte) }
    }

    public mutating func add(_ flags: [Bool]) {
        for flag in flags { mix(flag ? 1 : 0) }
    }

    /// Bit patterns, a whole word per step: hashing a flat field or a dark frame of millions of pixels this way
    /// costs a millisecond, where byte by byte it would cost ten on every start.
    public mutating func add(bitPatterns values: [Double]) {
        add(values.count)
        for value in values {
            self.value ^= value.bitPattern
            self.value = self.value &* 0x0000_0100_0000_01b3
            // A multiplication only carries bits upwards; folding the high half back keeps a change in a word's
            // top bits from cancelling against one in the next word.
            self.value ^= self.value >> 32
        }
    }

    public mutating func add(_ number: Int) {
        add("\(number);")
    }

    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x0000_0100_0000_01b3
    }

    public var hex: String {
        let digits = String(value, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - digits.count) + digits
    }
}
