#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The pseudo-Voigt that stands in for a Voigt profile (a Lorentzian of FWHM Γ_L convolved with a Gaussian of
/// FWHM Γ_G), after Thompson, Cox and Hastings, J. Appl. Cryst. 20 (1987) 79:
///
///     Γ⁵ = Γ_G⁵ + 2.69269 Γ_G⁴Γ_L + 2.42843 Γ_G³Γ_L² + 4.47163 Γ_G²Γ_L³ + 0.07842 Γ_GΓ_L⁴ + Γ_L⁵
///     η  = 1.36603 t − 0.47719 t² + 0.11116 t³,   t = Γ_L/Γ
///
/// so Voigt ≈ (1 − η)·Gaussian(Γ) + η·Lorentzian(Γ), within about 1% of the exact profile everywhere, with unit
/// area like the Voigt. Used for the Lorentzian part of a peak blurred by a Gaussian resolution: the exact Voigt
/// needs the complex error function, and this keeps every derivative a polynomial one. At Γ_G = 0 it is
/// exactly the Lorentzian (η = 1, Γ = Γ_L), at Γ_L = 0 exactly the Gaussian.
struct VoigtApproximation {
    var fwhm: Double
    var eta: Double
    /// ∂Γ/∂Γ_G, ∂Γ/∂Γ_L, ∂η/∂Γ_G, ∂η/∂Γ_L.
    var dFWHMdGaussian: Double
    var dFWHMdLorentzian: Double
    var dEtadGaussian: Double
    var dEtadLorentzian: Double

    init(gaussianFWHM g: Double, lorentzianFWHM l: Double) {
        let (c1, c2, c3, c4) = (2.69269, 2.42843, 4.47163, 0.07842)
        let g2 = g * g, l2 = l * l
        let fifth = g2 * g2 * g + c1 * g2 * g2 * l + c2 * g2 * g * l2 + c3 * g2 * l2 * l + c4 * g * l2 * l2 + l2 * l2 * l
        let dFifthdG = 5 * g2 * g2 + 4 * c1 * g2 * g * l + 3 * c2 * g2 * l2 + 2 * c3 * g * l2 * l + c4 * l2 * l2
        let dFifthdL = c1 * g2 * g2 + 2 * c2 * g2 * g * l + 3 * c3 * g2 * l2 + 4 * c4 * g * l2 * l + 5 * l2 * l2
        fwhm = pow(fifth, 0.2)
        // Γ = P^(1/5): ∂Γ = ∂P / (5 Γ⁴).
        let perFifth = 1 / (5 * fwhm * fwhm * fwhm * fwhm)
        dFWHMdGaussian = dFifthdG * perFifth
        dFWHMdLorentzian = dFifthdL * perFifth
        let t = l / fwhm
        eta = t * (1.36603 + t * (-0.47719 + t * 0.11116))
        let dEtadT = 1.36603 + t * (-2 * 0.47719 + t * 3 * 0.11116)
        // t = Γ_L/Γ: ∂t/∂Γ_G = −t ∂Γ/∂Γ_G / Γ; ∂t/∂Γ_L = (1 − t ∂Γ/∂Γ_L) / Γ.
        dEtadGaussian = dEtadT * (-t * dFWHMdGaussian / fwhm)
        dEtadLorentzian = dEtadT * (1 - t * dFWHMdLorentzian) / fwhm
    }

}
