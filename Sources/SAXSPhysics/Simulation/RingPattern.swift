#if canImport(Glibc)
import Glibc
#endif

/// A scattering curve with the features every SAXS frame shows: a power-law decay from large structures,
/// Bragg rings from an ordered phase, and a flat background. Used by the demo's simulated detector.
public struct RingPattern: Sendable, Hashable {
    public struct Ring: Sendable, Hashable {
        /// Position in nm^-1.
        public var q: Double
        /// Gaussian standard deviation in nm^-1.
        public var width: Double
        public var height: Double

        public init(q: Double, width: Double, height: Double) {
            self.q = q
            self.width = width
            self.height = height
        }
    }

    /// Intensity of the power law at q = 0.1 nm^-1.
    public var powerLawScale: Double
    public var powerLawExponent: Double
    public var rings: [Ring]
    public var background: Double

    public init(powerLawScale: Double, powerLawExponent: Double, rings: [Ring], background: Double) {
        self.powerLawScale = powerLawScale
        self.powerLawExponent = powerLawExponent
        self.rings = rings
        self.background = background
    }

    /// A lamellar stack of period `dSpacing` (nm): rings at q = 2πn/d, weaker with order.
    public static func lamellar(dSpacing: Double, orders: Int = 3, height: Double = 200) -> RingPattern {
        let q1 = 2 * Double.pi / dSpacing
        let rings = (1...orders).map { n in
            Ring(q: q1 * Double(n), width: 0.008 * Double(n), height: height / Double(n * n))
        }
        return RingPattern(powerLawScale: 2000, powerLawExponent: 3, rings: rings, background: 5)
    }

    /// I(q) in counts per pixel before solid-angle and polarization factors.
    public func intensity(q: Double) -> Double {
        var value = background
        if q > 0 { value += powerLawScale * pow(q / 0.1, -powerLawExponent) }
        for ring in rings {
            let z = (q - ring.q) / ring.width
            if abs(z) < 8 { value += ring.height * exp(-0.5 * z * z) }
        }
        return value
    }
}
