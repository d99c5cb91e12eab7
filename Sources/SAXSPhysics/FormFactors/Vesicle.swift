/// sasmodels' `vesicle`: a shell of `thickness` around a core of solvent, radius `radius`. The volume fraction
/// `volfraction` is inside the model (so `scale` stays 1) and I is normalized by the shell's volume only, as
/// sasmodels does for hollow shapes.
public struct Vesicle: FormFactor, Hashable {
    public init() {}

    public var name: String { "vesicle" }

    public var shapeParameters: [ModelParameter] {
        [
            CommonParameters.sld("sld", default: 0.5, "shell scattering length density"),
            CommonParameters.sld("sld_solvent", default: 6.36, "solvent scattering length density"),
            ModelParameter("volfraction", unit: "", default: 0.05, bounds: 0...1, summary: "volume fraction of shell"),
            CommonParameters.length("radius", default: 100, prior: 10...2000, "core (solvent) radius"),
            CommonParameters.length("thickness", default: 30, prior: 10...100, "shell thickness"),
        ]
    }

    public var polydisperseParameters: [String] { ["radius", "thickness"] }

    public func volume(shape: [Double]) -> (value: Double, gradient: [Double]) {
        let (core, outer) = (shape[3], shape[3] + shape[4])
        let coreArea = 4 * Double.pi * core * core, outerArea = 4 * Double.pi * outer * outer
        return ((outerArea * outer - coreArea * core) / 3, [0, 0, 0, outerArea - coreArea, outerArea])
    }

    public func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double]) {
        let (core, outer) = (shape[3], shape[3] + shape[4])
        let contrast = shape[0] - shape[1], fraction = shape[2]
        let coreVolume = 4 / 3 * Double.pi * core * core * core
        let outerVolume = 4 / 3 * Double.pi * outer * outer * outer
        q.withUnsafeBufferPointer { q in
            values.withUnsafeMutableBufferPointer { values in
                for i in q.indices {
                    let f = contrast * (outerVolume * SpecialFunctions.sphere(q[i] * outer)
                        - coreVolume * SpecialFunctions.sphere(q[i] * core))
                    values[i] = 1e-4 * fraction * f * f
                }
            }
        }
    }

    public func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double],
                                 gradient: inout [Double]) {
        let (core, outer) = (shape[3], shape[3] + shape[4])
        let contrast = shape[0] - shape[1], fraction = shape[2]
        let coreVolume = 4 / 3 * Double.pi * core * core * core
        let outerVolume = 4 / 3 * Double.pi * outer * outer * outer
        let coreArea = 4 * Double.pi * core * core, outerArea = 4 * Double.pi * outer * outer
        q.withUnsafeBufferPointer { q in
            values.withUnsafeMutableBufferPointer { values in
                gradient.withUnsafeMutableBufferPointer { gradient in
                    for i in q.indices {
                        let (bc, dbc) = SpecialFunctions.sphereWithDerivative(q[i] * core)
                        let (bo, dbo) = SpecialFunctions.sphereWithDerivative(q[i] * outer)
                        // The shell's amplitude per unit contrast.
                        let s = outerVolume * bo - coreVolume * bc
                        let f = contrast * s
                        values[i] = 1e-4 * fraction * f * f
                        let twiceF = 2e-4 * fraction * f
                        let coreEdge = coreArea * bc + coreVolume * q[i] * dbc
                        let outerEdge = outerArea * bo + outerVolume * q[i] * dbo
                        let row = 5 * i
                        gradient[row] = twiceF * s
                        gradient[row + 1] = -twiceF * s
                        gradient[row + 2] = 1e-4 * f * f
                        gradient[row + 3] = twiceF * contrast * (outerEdge - coreEdge)
                        gradient[row + 4] = twiceF * contrast * outerEdge
                    }
                }
            }
        }
    }
}
