/// A reproducible random number generator for tests: SplitMix64 (Steele, Lea and Flood, 2014), the generator
/// xoshiro uses to seed itself. Unlike `SystemRandomNumberGenerator`, the same seed gives the same sequence on every
/// run and machine, so a fuzz case that fails can be replayed from its seed alone.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A generator for one numbered case of a seeded run (a fuzz iteration, a format), independent of every other
    /// case: replaying case `index` needs neither the cases before it nor their random draws.
    public init(seed: UInt64, stream: UInt64, index: UInt64) {
        var mixer = SeededGenerator(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next() ^ (index &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
