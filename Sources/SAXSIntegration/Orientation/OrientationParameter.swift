#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hermans' orientation parameter ⟨P2⟩ = (3⟨cos²φ⟩ − 1)/2 of an azimuthal profile, with φ the angle from a
/// reference direction on the detector.
///
/// The average is over the sphere of orientations of a sample with uniaxial symmetry about the reference
/// direction, so each azimuthal bin is weighted by |sin φ|:
///   ⟨cos²φ⟩ = Σ I(φ) cos²φ |sin φ| / Σ I(φ) |sin φ|.
/// ⟨P2⟩ is 1 when all intensity lies along the reference, 0 when it is isotropic and −1/2 when it lies
/// perpendicular to it. Its error follows from the bins' sigmas by linear propagation.
public struct OrientationParameter: Sendable, Hashable, Codable {
    /// ⟨P2⟩.
    public var p2: Double
    /// Standard error of ⟨P2⟩.
    public var sigma: Double
    /// ⟨cos²φ⟩.
    public var cos2: Double
    /// The direction φ is measured from, in degrees of chi.
    public var reference: Double
    /// How the reference was chosen: "given", or "maximum" for the direction of the strongest scattering.
    public var referenceSource: String
    /// What was subtracted before averaging: "none", or "minimum" for the isotropic part.
    public var baseline: String
    /// Azimuthal bins that were empty and filled from the bin opposite (centrosymmetry).
    public var filledBins: Int

    public init(p2: Double, sigma: Double, cos2: Double, reference: Double, referenceSource: String,
                baseline: String, filledBins: Int) {
        self.p2 = p2
        self.sigma = sigma
        self.cos2 = cos2
        self.reference = reference
        self.referenceSource = referenceSource
        self.baseline = baseline
        self.filledBins = filledBins
    }
}

/// What is taken away from an azimuthal profile before its orientation is measured.
public enum OrientationBaseline: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nothing: an isotropic background pulls ⟨P2⟩ towards 0.
    case none
    /// The profile's lowest value: the isotropic part of the scattering, so that ⟨P2⟩ describes the oriented
    /// part alone.
    case minimum
}

extension AzimuthalProfile {
    /// ⟨P2⟩ about `reference` (degrees of chi), or about the direction of the strongest scattering when nil.
    ///
    /// Scattering is centrosymmetric, I(χ) = I(χ + 180°), so a bin left empty by the mask (module gaps, the
    /// beamstop arm) takes the value of the bin opposite when the profile covers the whole ring. Nil when too
    /// few bins hold intensity to define an average.
    public func orientation(reference: Double? = nil, baseline: OrientationBaseline = .none) -> OrientationParameter? {
        var values = intensity
        var errors = sigma
        var filled = count.map { $0 > 0 }
        var filledBins = 0
        let bins = azimuth.count
        let step = bins > 1 ? azimuth[1] - azimuth[0] : 360
        if bins % 2 == 0, abs(step * Double(bins) - 360) < 1e-9 * 360 {
            for bin in 0..<bins where !filled[bin] {
                let opposite = (bin + bins / 2) % bins
                guard count[opposite] > 0 else { continue }
                values[bin] = intensity[opposite]
                errors[bin] = sigma[opposite]
                filled[bin] = true
                filledBins += 1
            }
        }
        let used = (0..<bins).filter { filled[$0] && values[$0].isFinite }
        guard used.count >= 3 else { return nil }
        if baseline == .minimum, let lowest = used.map({ values[$0] }).min() {
            for bin in used { values[bin] -= lowest }
        }

        let radians = Double.pi / 180
        let direction: Double
        if let reference {
            direction = reference
        } else {
            // The phase of the second harmonic: where I(χ) ∝ 1 + a·cos 2(χ − ψ) peaks.
            var c = 0.0, s = 0.0
            for bin in used {
                c += values[bin] * cos(2 * azimuth[bin] * radians)
                s += values[bin] * sin(2 * azimuth[bin] * radians)
            }
            direction = 0.5 * atan2(s, c) / radians
        }

        var numerator = 0.0, denominator = 0.0
        for bin in used {
            let phi = (azimuth[bin] - direction) * radians
            let weight = abs(sin(phi))
            numerator += values[bin] * cos(phi) * cos(phi) * weight
            denominator += values[bin] * weight
        }
        guard denominator > 0 else { return nil }
        let cos2 = numerator / denominator
        // ∂⟨cos²φ⟩/∂I_i = |sin φ_i| (cos²φ_i − ⟨cos²φ⟩) / D. A reference found from the data is held fixed
        // here: its own uncertainty is not propagated.
        var variance = 0.0
        for bin in used {
            let phi = (azimuth[bin] - direction) * radians
            let derivative = abs(sin(phi)) * (cos(phi) * cos(phi) - cos2) / denominator
            variance += derivative * derivative * errors[bin] * errors[bin]
        }
        return OrientationParameter(p2: (3 * cos2 - 1) / 2, sigma: 1.5 * variance.squareRoot(), cos2: cos2,
                                    reference: direction, referenceSource: reference == nil ? "maximum" : "given",
                                    baseline: baseline.rawValue, filledBins: filledBins)
    }
}
