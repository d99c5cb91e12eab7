/// The line shape of a Bragg peak from domains of finite size, before the instrument's resolution blurs it.
///
/// All three have the same full width at half maximum (the Scherrer width) and unit area; they differ in the
/// tails. A Gaussian suits domains with a narrow size distribution, a Lorentzian a broad (exponential-like) one
/// or strain; a pseudo-Voigt mixes them, (1 − η)·Gaussian + η·Lorentzian with the same FWHM, and fits η.
public enum PeakProfile: String, Sendable, Hashable, CaseIterable {
    case gaussian
    case lorentzian
    /// Adds the parameter `eta` (0 = Gaussian, 1 = Lorentzian).
    case pseudoVoigt = "pseudo_voigt"
}
