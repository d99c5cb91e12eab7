/// sasmodels' `cylinder` for randomly oriented cylinders (1D data): ⟨F²⟩ averaged over the angle α between the
/// axis and q, F = Δρ·V·2J₁(qR sin α)/(qR sin α)·sin(½qL cos α)/(½qL cos α), V = πR²L.
///
/// The average uses sasmodels' own Gauss–Legendre rule on [0, π/2], whose size grows with q·max(R, L/2)
/// (see `OrientationRule`): matching its choice, not integrating more exactly, is what agrees with SasView to 1e-6
/// (sasmodels' 20-point rule itself is only good to a few 1e-6 at the switch points).
public struct Cylinder: FormFactor, Hashable {
    public init() {}

    public var name: String { "cylinder" }

    public var shapeParameters: [ModelParameter] {
        [
            CommonParameters.sld("sld", default: 4, "cylinder scattering length density"),
            CommonParameters.sld("sld_solvent", default: 1, "solvent scattering length density"),
            CommonParameters.length("radius", default: 20, prior: 5...500, "cylinder radius"),
            CommonParameters.length("length", default: 400, prior: 10...5000, "cylinder length"),
        ]
    }

    public var polydisperseParameters: [String] { ["radius", "length"] }

    public func volume(shape: [Double]) -> (value: Double, gradient: [Double]) {
        let radius = shape[2], length = shape[3]
        return (Double.pi * radius * radius * length,
                [0, 0, 2 * Double.pi * radius * length, Double.pi * radius * radius])
    }

    public func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double]) {
        let contrast = shape[0] - shape[1], radius = shape[2], halfLength = 0.5 * shape[3]
        let v = volume(shape: shape).value
        let prefactor = 1e-4 * contrast * contrast * v * v
        values.withUnsafeMutableBufferPointer { values in
            for (i, qi) in q.enumerated() {
                let rule = OrientationRule.rule(qr: qi * max(radius, halfLength))
                values[i] = prefactor * rule.average(qRadius: qi * radius, qHalfLength: qi * halfLength)
            }
        }
    }

    public func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double],
                                 gradient: inout [Double]) {
        let contrast = shape[0] - shape[1], radius = shape[2], halfLength = 0.5 * shape[3]
        let (v, dv) = volume(shape: shape)
        let prefactor = 1e-4 * contrast * contrast * v * v
        values.withUnsafeMutableBufferPointer { values in
            gradient.withUnsafeMutableBufferPointer { gradient in
                for (i, qi) in q.enumerated() {
                    let rule = OrientationRule.rule(qr: qi * max(radius, halfLength))
                    let m = rule.averageWithDerivatives(qRadius: qi * radius, qHalfLength: qi * halfLength)
                    let value = prefactor * m.value
                    values[i] = value
                    let row = 4 * i
                    // P = 1e-4 Δρ² V² M(qR, qL/2).
                    let dContrast = 2e-4 * contrast * v * v * m.value
                    gradient[row] = dContrast
                    gradient[row + 1] = -dContrast
                    gradient[row + 2] = 2e-4 * contrast * contrast * v * dv[2] * m.value
                        + prefactor * m.byQRadius * qi
                    gradient[row + 3] = 2e-4 * contrast * contrast * v * dv[3] * m.value
                        + prefactor * m.byQHalfLength * 0.5 * qi
                }
            }
        }
    }
}
