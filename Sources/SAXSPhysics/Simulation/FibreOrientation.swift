#if canImport(Glibc)
import Glibc
#endif

/// How a fibre sample's scattering is spread over the azimuth χ: I(q, χ) = I(q)·g(χ) with
/// g ∝ exp(κ cos²(χ − axis)) (a Maier–Saupe-like distribution, centrosymmetric as scattering is), normalised so
/// that g averages to 1 over the ring and the azimuthal average of a frame is the curve itself.
///
/// Built from the Hermans parameter it should have, ⟨P2⟩ = (3⟨cos²φ⟩ − 1)/2 with φ = χ − axis and each direction
/// weighted by |sin φ| (uniaxial symmetry about the axis), the definition saxsd's orientation analysis measures
/// (`OrientationParameter`): κ is found by bisection, ⟨P2⟩ growing with κ from −1/2 to 1.
public struct FibreOrientation: Sendable, Hashable {
    /// Degrees of χ along which the scattering concentrates.
    public let axis: Double
    public let hermans: Double
    public let concentration: Double
    private let normalisation: Double

    /// `hermans` strictly between −0.45 and 0.95: the ends need concentrations beyond a double's range.
    public init(hermans: Double, axis: Double = 0) {
        precondition(hermans > -0.45 && hermans < 0.95, "Hermans parameter out of the range a frame can show")
        self.axis = axis
        self.hermans = hermans
        var low = -200.0, high = 200.0
        // 64 halvings take the 400-wide bracket below a double's spacing.
        for _ in 0..<64 {
            let middle = (low + high) / 2
            if Self.hermans(concentration: middle) < hermans { low = middle } else { high = middle }
        }
        concentration = (low + high) / 2
        normalisation = Self.mean(concentration: concentration)
    }

    /// g(χ), χ in degrees; its mean over χ is 1.
    public func weight(chi: Double) -> Double {
        let c = cos((chi - axis) * Double.pi / 180)
        return exp(concentration * (c * c - 1)) / normalisation
    }

    /// ⟨P2⟩ of exp(κ cos²φ) with the |sin φ| weight, by the midpoint rule over a quarter turn (the distribution is
    /// symmetric about 0 and 90°).
    public static func hermans(concentration kappa: Double) -> Double {
        let steps = 4000
        var weighted = 0.0, total = 0.0
        for step in 0..<steps {
            let phi = (Double(step) + 0.5) / Double(steps) * Double.pi / 2
            let c2 = cos(phi) * cos(phi)
            let w = exp(kappa * (c2 - 1)) * sin(phi)
            weighted += w * c2
            total += w
        }
        return (3 * weighted / total - 1) / 2
    }

    /// The mean of exp(κ(cos²φ − 1)) over φ (the −1 keeps large κ finite).
    static func mean(concentration kappa: Double) -> Double {
        let steps = 4000
        var sum = 0.0
        for step in 0..<steps {
            let c = cos((Double(step) + 0.5) / Double(steps) * Double.pi / 2)
            sum += exp(kappa * (c * c - 1))
        }
        return sum / Double(steps)
    }
}
