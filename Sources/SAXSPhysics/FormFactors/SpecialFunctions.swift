#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The amplitudes of spheres and cylinders and their derivatives, each accurate to rounding over the whole axis.
///
/// Near 0 the closed forms cancel catastrophically (sin x − x cos x loses all digits by x ≈ 1e-5), so below a
/// cutoff they switch to Taylor series; the cutoffs are where the truncated series error falls under 1e-15.
enum SpecialFunctions {
    /// 3 j₁(x)/x = 3 (sin x − x cos x)/x³, the sphere's normalized amplitude (1 at x = 0).
    @inline(__always)
    static func sphere(_ x: Double) -> Double {
        // sasmodels switches at 0.1 with the same four terms; the next term is x⁸/1995840 < 6e-15 there.
        if abs(x) < 0.1 {
            let x2 = x * x
            return 1 + x2 * (-1.0 / 10 + x2 * (1.0 / 280 + x2 * (-1.0 / 15120)))
        }
        let s = sin(x), c = cos(x)
        return 3 * (s / x - c) / (x * x)
    }

    /// 3 j₁(x)/x and its derivative 3 sin x/x² − 3 (3 j₁(x)/x)/x.
    @inline(__always)
    static func sphereWithDerivative(_ x: Double) -> (value: Double, derivative: Double) {
        if abs(x) < 0.1 {
            let x2 = x * x
            let value = 1 + x2 * (-1.0 / 10 + x2 * (1.0 / 280 + x2 * (-1.0 / 15120)))
            let derivative = x * (-1.0 / 5 + x2 * (1.0 / 70 + x2 * (-1.0 / 2520 + x2 * (1.0 / 166320))))
            return (value, derivative)
        }
        let s = sin(x), c = cos(x)
        let value = 3 * (s / x - c) / (x * x)
        return (value, 3 * s / (x * x) - 3 * value / x)
    }

    /// 2 J₁(x)/x, the cylinder's cross-section amplitude (1 at x = 0).
    @inline(__always)
    static func disc(_ x: Double) -> Double {
        x == 0 ? 1 : 2 * j1(x) / x
    }

    /// 2 J₁(x)/x and its derivative 2 J₀(x)/x − 4 J₁(x)/x².
    @inline(__always)
    static func discWithDerivative(_ x: Double) -> (value: Double, derivative: Double) {
        // Below 0.05 the two terms of the derivative cancel to x/4 from 2/x; the series has error < x⁷/1e5.
        if abs(x) < 0.05 {
            let x2 = x * x
            let value = 1 + x2 * (-1.0 / 8 + x2 * (1.0 / 192 + x2 * (-1.0 / 9216)))
            let derivative = x * (-1.0 / 4 + x2 * (1.0 / 48 + x2 * (-1.0 / 1536)))
            return (value, derivative)
        }
        let b1 = j1(x)
        let value = 2 * b1 / x
        return (value, (2 * j0(x) - 2 * value) / x)
    }

    /// sin x / x (1 at x = 0).
    @inline(__always)
    static func sinc(_ x: Double) -> Double {
        x == 0 ? 1 : sin(x) / x
    }

    /// sin x / x and its derivative (cos x − sin x / x)/x.
    @inline(__always)
    static func sincWithDerivative(_ x: Double) -> (value: Double, derivative: Double) {
        if abs(x) < 0.05 {
            let x2 = x * x
            let value = 1 + x2 * (-1.0 / 6 + x2 * (1.0 / 120 + x2 * (-1.0 / 5040)))
            let derivative = x * (-1.0 / 3 + x2 * (1.0 / 30 + x2 * (-1.0 / 840)))
            return (value, derivative)
        }
        let s = sin(x), c = cos(x)
        let value = s / x
        return (value, (c - value) / x)
    }
}
