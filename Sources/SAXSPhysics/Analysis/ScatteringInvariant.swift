/// The scattering invariant Q = ∫₀^∞ q² (I(q) − B) dq, in the curve's intensity unit × nm⁻³, split into the part
/// measured between the first and last point and the two extrapolations:
///  - low q, 0 … q_first: the Guinier law I₀ exp(−q²Rg²/3), integrated analytically (error function); without a
///    Guinier fit, a flat extrapolation I(q_first)·q_first³/3 whose error is taken as its whole value;
///  - high q, q_last … ∞: the Porod law, ∫ q² K_p q⁻⁴ dq = K_p / q_last.
/// The flat background B of the Porod fit is subtracted from the measured part (it is not scattering from the
/// structure, and q²B would make the integral diverge).
///
/// Errors are statistical, to first order: the measured part from the point sigmas through the trapezoid weights; the
/// Porod part (K_p, B and their correlation) and the Guinier part (I₀, Rg and their correlation) from their fits'
/// covariances. The Porod fit reuses the tail points, a correlation with the measured part that is neglected. The
/// systematic error of the extrapolated laws themselves (a tail that is not yet q⁻⁴, a curve that bends before
/// q_first) is not included: compare `lowQ` and `highQ` with `measured` to judge it.
public struct ScatteringInvariant: Sendable, Hashable, Codable {
    public enum LowQExtrapolation: String, Sendable, Hashable, Codable {
        case guinier, flat
    }

    public var measured: Double
    public var measuredError: Double
    public var lowQ: Double
    public var lowQError: Double
    public var lowQExtrapolation: LowQExtrapolation
    public var highQ: Double
    public var highQError: Double
    /// Background subtracted from the measured part (the Porod fit's B).
    public var background: Double
    /// Integration limits of the measured part, 1/nm.
    public var qMin: Double
    public var qMax: Double
    /// Error of `total`, with the correlation between the measured part (through B) and the Porod tail (through K_p).
    public var totalError: Double

    public var total: Double { lowQ + measured + highQ }

    /// The invariant from given Guinier and Porod fits of `curve` (Guinier may be nil: flat low-q extrapolation).
    public init(curve: AnalysisCurve, guinier: GuinierFit?, porod: PorodFit) throws(AnalysisError) {
        let n = curve.count
        guard n >= 2 else {
            throw AnalysisError(.tooFewPoints, analysis: "invariant", "\(n) points, at least 2 needed to integrate")
        }
        let q = curve.q, intensity = curve.intensity, sigma = curve.sigma
        // Trapezoid rule on the measured points: Q = Σ cᵢ qᵢ² (Iᵢ − B) with cᵢ half the span of the neighbours.
        var measured = 0.0, variance = 0.0, weightSum = 0.0
        for i in 0..<n {
            let left = i > 0 ? q[i - 1] : q[i], right = i < n - 1 ? q[i + 1] : q[i]
            let c = 0.5 * (right - left) * q[i] * q[i]
            measured += c * (intensity[i] - porod.background)
            variance += c * c * sigma[i] * sigma[i]
            weightSum += c
        }
        qMin = q[0]
        qMax = q[n - 1]
        background = porod.background

        // Porod tail and the background's share of the measured part, with the fit's covariance of (K_p, B):
        // ∂Q/∂K_p = 1/q_last, ∂Q/∂B = −Σcᵢqᵢ².
        let sK = porod.porodConstantError, sB = porod.backgroundError
        highQ = porod.porodConstant / qMax
        highQError = sK / qMax
        let dK = 1 / qMax, dB = -weightSum
        let porodVariance = dK * dK * sK * sK + dB * dB * sB * sB + 2 * dK * dB * porod.correlation * sK * sB
        self.measured = measured
        measuredError = (variance + dB * dB * sB * sB).squareRoot()

        if let guinier {
            lowQExtrapolation = .guinier
            let value = Self.guinierIntegral(i0: guinier.i0, rg: guinier.rg, upTo: qMin)
            // ∂/∂I₀ is value/I₀ (linear); ∂/∂Rg by a central difference, the integral being smooth in Rg.
            let h = max(1e-6 * guinier.rg, 1e-12)
            let dRg = (Self.guinierIntegral(i0: guinier.i0, rg: guinier.rg + h, upTo: qMin)
                - Self.guinierIntegral(i0: guinier.i0, rg: max(0, guinier.rg - h), upTo: qMin)) / (2 * h)
            let dI0 = value / guinier.i0
            let sI = guinier.i0Error, sR = guinier.rgError
            let lowVariance = dI0 * dI0 * sI * sI + dRg * dRg * sR * sR + 2 * dI0 * dRg * guinier.correlation * sI * sR
            lowQ = value
            lowQError = max(0, lowVariance).squareRoot()
        } else {
            lowQExtrapolation = .flat
            lowQ = max(0, intensity[0] - porod.background) * qMin * qMin * qMin / 3
            lowQError = lowQ
        }
        totalError = (variance + max(0, porodVariance) + lowQError * lowQError).squareRoot()
    }

    /// The invariant with default Guinier and Porod analyses; a curve without a Guinier region falls back to the flat
    /// low-q extrapolation, a curve without a Porod tail is an error (its tail could hold any share of Q).
    public init(curve: AnalysisCurve, guinier: GuinierAnalysis = GuinierAnalysis(),
                porod: PorodAnalysis = PorodAnalysis()) throws(AnalysisError) {
        let porodFit = try porod.fit(curve)
        let guinierFit: GuinierFit?
        do { guinierFit = try guinier.fit(curve) } catch { guinierFit = nil }
        try self.init(curve: curve, guinier: guinierFit, porod: porodFit)
    }

    /// ∫₀^a q² I₀ exp(−c q²) dq with c = Rg²/3: I₀ [√π erf(a√c) / (4 c^{3/2}) − a exp(−c a²) / (2c)].
    /// For small c·a² the two terms cancel; the series I₀ a³ (1/3 − c a²/5 + c² a⁴/14) is used instead.
    static func guinierIntegral(i0: Double, rg: Double, upTo a: Double) -> Double {
        let c = rg * rg / 3
        let x = c * a * a
        if x < 1e-3 {
            return i0 * a * a * a * (1.0 / 3 - x / 5 + x * x / 14)
        }
        let root = c.squareRoot()
        return i0 * (Double.pi.squareRoot() * erf(a * root) / (4 * c * root) - a * exp(-x) / (2 * c))
    }
}

#if canImport(Glibc)
import Glibc
#endif
