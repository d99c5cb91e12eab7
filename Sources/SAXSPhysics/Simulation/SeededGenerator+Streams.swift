import Foundation

extension SeededGenerator {
    /// The generator for one numbered item of a seeded run (curve `index`, random stream `stream` of it). Each
    /// item's draws depend only on (seed, index, stream), never on the items before it or on which worker made
    /// them, so a data set is the same on any number of cores and any item can be regenerated alone.
    public init(seed: UInt64, index: UInt64, stream: UInt64) {
        // SplitMix64 finalisers decorrelate neighbouring indices before xoshiro's own seeding mixes again.
        func mix(_ value: UInt64) -> UInt64 {
            var z = value
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        self.init(seed: mix(mix(seed &+ 0x9E37_79B9_7F4A_7C15) ^ index &* 0xD1B5_4A32_D192_ED03) ^ mix(stream &+ 1))
    }

    /// Two independent standard normal deviates from one Box–Muller step (half the logarithms and square roots of
    /// two `normal()` calls; the field generator draws hundreds of thousands per realization).
    @inline(__always)
    public mutating func normalPair() -> (Double, Double) {
        let u = (Double(next() >> 11) + 1) * 0x1p-53
        let v = Double(next() >> 11) * 0x1p-53
        let radius = (-2 * Foundation.log(u)).squareRoot()
        let angle = 2 * Double.pi * v
        return (radius * Foundation.cos(angle), radius * Foundation.sin(angle))
    }

    /// Uniform in [lower, upper).
    @inline(__always)
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * Double(next() >> 11) * 0x1p-53
    }
}
