/// The result of a Guinier analysis, ln I(q) = ln I₀ − (Rg²/3) q², over the window it used. Lengths in nm, q in 1/nm,
/// I₀ in the curve's intensity unit.
public struct GuinierFit: Sendable, Hashable, Codable {
    /// Radius of gyration, nm.
    public var rg: Double
    /// Standard error of `rg` from the weighted fit's covariance, multiplied by √χ²_red when χ²_red > 1 (the scatter
    /// then says the sigmas were too small, or the law is only approximate over the window).
    public var rgError: Double
    /// Forward scattering I(0).
    public var i0: Double
    public var i0Error: Double
    /// Correlation between the estimates of I₀ and Rg (positive: a longer window raises both), for propagating
    /// both into derived quantities such as the invariant's low-q extrapolation.
    public var correlation: Double
    /// q of the first and last point of the window, 1/nm.
    public var qMin: Double
    public var qMax: Double
    /// Indices of the window's first and last point in the `AnalysisCurve` analysed.
    public var firstIndex: Int
    public var lastIndex: Int
    public var pointCount: Int
    /// χ² of the weighted fit of ln I divided by its degrees of freedom (points − 2).
    public var reducedChiSquare: Double
    /// Whether the window was chosen automatically (and so obeys `GuinierAnalysis.maximumQRg`) or given.
    public var automatic: Bool

    /// The unit of `rg`.
    public var lengthUnit: String { AnalysisCurve.lengthUnit }
    /// qMax·Rg: the Guinier law holds to about 1.3 for compact particles.
    public var qRgMax: Double { qMax * rg }
    public var qRgMin: Double { qMin * rg }

    /// The Guinier law with these parameters.
    public func intensity(at q: Double) -> Double { i0 * exp(-q * q * rg * rg / 3) }
}

#if canImport(Glibc)
import Glibc
#endif
