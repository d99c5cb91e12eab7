/// sasmodels' `sphere`: a homogeneous sphere, F = Δρ·V·3j₁(qR)/(qR), V = 4/3·πR³.
public struct Sphere: FormFactor, Hashable {
    public init() {}

    public var name: String { "sphere" }

    public var shapeParameters: [ModelParameter] {
        [
            CommonParameters.sld("sld", default: 1, "sphere scattering length density"),
            CommonParameters.sld("sld_solvent", default: 6, "solvent scattering length density"),
            CommonParameters.length("radius", default: 50, prior: 10...1000, "sphere radius"),
        ]
    }

    public var polydisperseParameters: [String] { ["radius"] }

    public func volume(shape: [Double]) -> (value: Double, gradient: [Double]) {
        let radius = shape[2]
        return (4 / 3 * Double.pi * radius * radius * radius, [0, 0, 4 * Double.pi * radius * radius])
    }

    public func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double]) {
        let contrast = shape[0] - shape[1], radius = shape[2]
        let amplitude = contrast * volume(shape: shape).value
        // Bounds checks would cost as much as the sphere amplitude itself in this loop.
        q.withUnsafeBufferPointer { q in
            values.withUnsafeMutableBufferPointer { values in
                for i in q.indices {
                    let f = amplitude * SpecialFunctions.sphere(q[i] * radius)
                    values[i] = 1e-4 * f * f
                }
            }
        }
    }

    public func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double],
                                 gradient: inout [Double]) {
        let contrast = shape[0] - shape[1], radius = shape[2]
        let (v, dv) = volume(shape: shape)
        let dvdr = dv[2]
        q.withUnsafeBufferPointer { q in
            values.withUnsafeMutableBufferPointer { values in
                gradient.withUnsafeMutableBufferPointer { gradient in
                    for i in q.indices {
                        let (b, db) = SpecialFunctions.sphereWithDerivative(q[i] * radius)
                        // F = Δρ V b; ∂F²/∂θ = 2F ∂F/∂θ.
                        let f = contrast * v * b
                        let twiceF = 2e-4 * f
                        values[i] = 1e-4 * f * f
                        let dSLD = twiceF * v * b
                        gradient[3 * i] = dSLD
                        gradient[3 * i + 1] = -dSLD
                        gradient[3 * i + 2] = twiceF * contrast * (dvdr * b + v * db * q[i])
                    }
                }
            }
        }
    }
}
