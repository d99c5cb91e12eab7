#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The size distributions of sasmodels' `weights.py`, with their default point counts and widths in σ as SasView
/// sets them when the distribution is chosen (gaussian 35 points over ±3σ; lognormal and schulz 80 points over
/// ±8σ).
///
/// All three place their points alike, evenly in the size itself: x_k = x̄ + s_k·σ with s_k evenly spaced on
/// [−nσ, +nσ] and σ = width·x̄ (the width is relative for sizes). Only the weights differ.
public enum SizeDistribution: String, Sendable, Hashable, CaseIterable {
    /// w = exp(−(x − x̄)²/2σ²).
    case gaussian
    /// w = exp(−½(ln x − ln x̄)²/p²)/(x·p), p = σ/x̄: x̄ is the median. Points below 1e-8 are dropped.
    case lognormal
    /// w ∝ R^(z−1)·e^(−Rz), R = x/x̄, z = 1/p²: x̄ is the mean. Points below 1e-8 are dropped.
    case schulz

    public var defaultPoints: Int {
        switch self {
        case .gaussian: 35
        case .lognormal, .schulz: 80
        }
    }

    public var defaultSigmas: Double {
        switch self {
        case .gaussian: 3
        case .lognormal, .schulz: 8
        }
    }

    /// ln w at the point x = x̄(1 + s·p), up to a term common to all points (which cancels in the weighted mean),
    /// and its derivative by the relative width p at fixed s. None depends on x̄ beyond that common term, which is
    /// why the centre's derivative only moves the points.
    @inline(__always)
    func logWeight(sigmas s: Double, width p: Double) -> (value: Double, byWidth: Double) {
        switch self {
        case .gaussian:
            return (-0.5 * s * s, 0)
        case .lognormal:
            let r = 1 + s * p
            let l = log(r) / p
            // d(l)/dp = (s/r)/p − ln r/p².
            let dl = (s / r - l) / p
            return (-0.5 * l * l - log(r), -l * dl - s / r)
        case .schulz:
            let r = 1 + s * p
            let z = 1 / (p * p)
            let dz = -2 * z / p
            let lr = log(r)
            // ∂/∂p of (z − 1) ln r − r z is dz·(ln r − r) + …; ln r − r = −1 + (ln r − s·p), and the −dz = 2z/p
            // common to all points is left out like the normalization itself: at small widths it is ~1e5 times
            // the derivative that remains and would cost its digits.
            return ((z - 1) * lr - r * z, dz * (log1p(s * p) - s * p) + (z - 1) * s / r - z * s)
        }
    }

    /// The lowest size the distribution keeps, given the parameter's own lower limit.
    func lowerLimit(_ bound: Double) -> Double {
        switch self {
        case .gaussian: bound
        case .lognormal, .schulz: max(bound, 1e-8)
        }
    }
}
