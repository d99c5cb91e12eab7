/// xoshiro256** seeded through SplitMix64: fast, reproducible across platforms and runs, which the system
/// generator is not. Simulated frames and tests depend on that.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var s = seed
        func splitMix() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

extension RandomNumberGenerator {
    /// Uniform in (0, 1], never 0, so its logarithm is finite.
    mutating func unitInterval() -> Double {
        (Double(next() >> 11) + 1) * 0x1p-53
    }

    /// Standard normal deviate (Box–Muller; the second value is dropped to keep the generator stateless).
    public mutating func normal() -> Double {
        let u = unitInterval()
        let v = unitInterval()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// A Poisson count with the given mean: exact multiplication method for small means, the normal
    /// approximation with continuity correction above 50 counts, where its error is far below shot noise.
    public mutating func poisson(mean: Double) -> Double {
        guard mean > 0 else { return 0 }
        if mean < 50 {
            let limit = exp(-mean)
            var product = unitInterval()
            var count = 0.0
            while product > limit {
                product *= unitInterval()
                count += 1
            }
            return count
        }
        return max(0, (mean + mean.squareRoot() * normal() + 0.5).rounded(.down))
    }
}

#if canImport(Glibc)
import Glibc
#endif
