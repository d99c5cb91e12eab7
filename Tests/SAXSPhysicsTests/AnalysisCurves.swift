import SAXSPhysics

/// Synthetic curves with known answers for the model-independent analyses, written here from their textbook
/// formulas so the tests do not depend on the model code under review elsewhere.
enum AnalysisCurves {
    /// n points equally spaced from a to b.
    static func linear(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
        (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
    }

    /// n points equally spaced in log q from a to b.
    static func logarithmic(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
        (0..<n).map { a * pow(b / a, Double($0) / Double(n - 1)) }
    }

    /// Homogeneous sphere of radius r: I₀ [3 (sin x − x cos x) / x³]², x = q r. Rg = √(3/5) r.
    static func sphere(q: Double, radius r: Double, i0: Double) -> Double {
        let x = q * r
        if x < 1e-3 { return i0 * (1 - x * x / 5) }  // series: avoids 0/0 near q = 0
        let f = 3 * (sin(x) - x * cos(x)) / (x * x * x)
        return i0 * f * f
    }

    /// Debye–Anderson–Brumberger random two-phase medium, I = I₀ / (1 + (qξ)²)². Porod constant K_p = I₀/ξ⁴,
    /// invariant Q = ∫ q² I dq = π I₀ / (4 ξ³), hence π K_p / Q = 4/ξ and S/V = 4 φ(1−φ)/ξ.
    static func dab(q: Double, xi: Double, i0: Double) -> Double {
        let u = 1 + q * q * xi * xi
        return i0 / (u * u)
    }

    /// Counting statistics on expected counts: Poisson draws, sigma = √max(N, 1) as the integrator's error model.
    static func counts(_ expected: [Double], seed: UInt64) -> (intensity: [Double], sigma: [Double]) {
        var generator = SeededGenerator(seed: seed)
        let drawn = expected.map { generator.poisson(mean: $0) }
        return (drawn, drawn.map { max($0, 1).squareRoot() })
    }

    static func curve(q: [Double], intensity: [Double], sigma: [Double]) throws -> AnalysisCurve {
        try AnalysisCurve(q: q, intensity: intensity, sigma: sigma)
    }
}

#if canImport(Glibc)
import Glibc
#endif
