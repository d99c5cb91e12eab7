/// sasmodels' `cylinder` for randomly oriented cylinders (1D data): ⟨F²⟩ averaged over the angle α between the
/// axis and q, F = Δρ·V·2J₁(qR sin α)/(qR sin α)·sin(½qL cos α)/(½qL cos α), V = πR²L.
///
/// The average is sasmodels' own Gauss–Legendre sum on [0, π/2], whose rule grows with q·max(R, L/2): matching
/// its sum, not integrating more exactly, is what agrees with SasView to 1e-6 (sasmodels' 20-point rule is only
/// good to a few 1e-6 at the switch points, its 76-point rule to 3e-3). The same sum is reached more cheaply by a
/// series where the 20-point rule applies and by a smaller rule where sasmodels' has converged
/// (`forEachAverage`).
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
            Self.forEachAverage(q: q, radius: radius, halfLength: halfLength, derivatives: false) { i, m, _, _ in
                values[i] = prefactor * m
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
                Self.forEachAverage(q: q, radius: radius, halfLength: halfLength, derivatives: true) {
                    i, average, byQRadius, byQHalfLength in
                    let qi = q[i]
                    let value = prefactor * average
                    values[i] = value
                    let row = 4 * i
                    // P = 1e-4 Δρ² V² M(qR, qL/2).
                    let dContrast = 2e-4 * contrast * v * v * average
                    gradient[row] = dContrast
                    gradient[row + 1] = -dContrast
                    gradient[row + 2] = 2e-4 * contrast * contrast * v * dv[2] * average
                        + prefactor * byQRadius * qi
                    gradient[row + 3] = 2e-4 * contrast * contrast * v * dv[3] * average
                        + prefactor * byQHalfLength * 0.5 * qi
                }
            }
        }
    }
}
