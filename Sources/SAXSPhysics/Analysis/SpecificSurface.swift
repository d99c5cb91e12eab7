/// Specific surface of a two-phase system with sharp interfaces, from Porod's law and the invariant:
///
///     K_p = 2π Δρ² S/V,   Q = 2π² φ(1−φ) Δρ²   ⇒   S/V = π φ(1−φ) K_p / Q
///
/// S/V is interface area per unit sample volume, in nm⁻¹ when q is in 1/nm (1 nm⁻¹ = 1000 m²/cm³). The contrast Δρ
/// cancels, so no absolute calibration is needed, but the volume fraction φ of one phase must be known; without it
/// the Porod ratio π K_p/Q = (S/V)/(φ(1−φ)) is the model-independent part.
public struct SpecificSurface: Sendable, Hashable, Codable {
    /// π K_p / Q in nm⁻¹.
    public var porodRatio: Double
    /// Its error from the errors of K_p and Q added in quadrature (their correlation through the Porod tail of Q
    /// is neglected: it lowers the error when the tail is a small part of Q).
    public var porodRatioError: Double

    public init(porod: PorodFit, invariant: ScatteringInvariant) {
        let total = invariant.total
        porodRatio = Double.pi * porod.porodConstant / total
        let relative = ((porod.porodConstantError / porod.porodConstant).squared
            + (invariant.totalError / total).squared).squareRoot()
        porodRatioError = abs(porodRatio) * relative
    }

    /// S/V in nm⁻¹ for volume fraction φ of either phase.
    public func surfaceToVolume(volumeFraction phi: Double) -> Double { phi * (1 - phi) * porodRatio }
    public func surfaceToVolumeError(volumeFraction phi: Double) -> Double { phi * (1 - phi) * porodRatioError }

    /// The Debye–Anderson–Brumberger correlation length ξ = 4φ(1−φ)/(S/V) = 4/(π K_p/Q) of a random two-phase
    /// structure, in nm; independent of φ.
    public var correlationLength: Double { 4 / porodRatio }
}

private extension Double {
    var squared: Double { self * self }
}
