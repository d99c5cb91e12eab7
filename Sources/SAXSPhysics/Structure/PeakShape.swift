#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unit-area line shapes with their derivatives, evaluated at x = q − centre. Each returns the value and its
/// derivatives with respect to the centre and the width, the three numbers a Jacobian needs.
enum PeakShape {
    /// 2√(2 ln 2): FWHM = this · σ for a Gaussian.
    static let gaussianFWHMPerSigma = (8 * log(2.0)).squareRoot()
    static let inverseRootTwoPi = 1 / (2 * Double.pi).squareRoot()
    /// A Gaussian is dropped beyond this many σ from its centre: there it is below e^−50 ≈ 2e−22 of its height,
    /// under the rounding of the peak itself, and the cut spares an exp() at most q points of a narrow peak.
    static let gaussianReach = 10.0

    /// exp(−x²/2σ²)/(σ√2π).
    @inline(__always)
    static func gaussian(_ x: Double, sigma: Double) -> (value: Double, dCentre: Double, dWidth: Double) {
        let inverse = 1 / sigma
        let t = x * inverse
        let value = exp(-0.5 * t * t) * inverseRootTwoPi * inverse
        return (value, value * t * inverse, value * (t * t - 1) * inverse)
    }

    /// (γ/π)/(x² + γ²), γ the half width at half maximum.
    @inline(__always)
    static func lorentzian(_ x: Double, gamma: Double) -> (value: Double, dCentre: Double, dWidth: Double) {
        let inverse = 1 / (x * x + gamma * gamma)
        let value = gamma * inverse * (1 / Double.pi)
        return (value, 2 * value * x * inverse, value * (1 / gamma - 2 * gamma * inverse))
    }
}
