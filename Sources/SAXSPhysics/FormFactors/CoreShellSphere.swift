/// sasmodels' `core_shell_sphere`: a core of radius `radius` in a shell of `thickness`, normalized by the whole
/// particle's volume 4/3·π(radius + thickness)³.
public struct CoreShellSphere: FormFactor, Hashable {
    public init() {}

    public var name: String { "core_shell_sphere" }

    public var shapeParameters: [ModelParameter] {
        [
            CommonParameters.length("radius", default: 60, prior: 10...1000, "core radius"),
            CommonParameters.length("thickness", default: 10, prior: 1...200, "shell thickness"),
            CommonParameters.sld("sld_core", default: 1, "core scattering length density"),
            CommonParameters.sld("sld_shell", default: 2, "shell scattering length density"),
            CommonParameters.sld("sld_solvent", default: 3, "solvent scattering length density"),
        ]
    }

    public var polydisperseParameters: [String] { ["radius", "thickness"] }

    public func volume(shape: [Double]) -> (value: Double, gradient: [Double]) {
        let outer = shape[0] + shape[1]
        let area = 4 * Double.pi * outer * outer
        return (area * outer / 3, [area, area, 0, 0, 0])
    }

    public func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double]) {
        let (core, outer) = (shape[0], shape[0] + shape[1])
        let coreAmplitude = 4 / 3 * Double.pi * core * core * core * (shape[2] - shape[3])
        let outerAmplitude = 4 / 3 * Double.pi * outer * outer * outer * (shape[3] - shape[4])
        q.withUnsafeBufferPointer { q in
            values.withUnsafeMutableBufferPointer { values in
                for i in q.indices {
                    let f = coreAmplitude * SpecialFunctions.sphere(q[i] * core)
                        + outerAmplitude * SpecialFunctions.sphere(q[i] * outer)
                    values[i] = 1e-4 * f * f
                }
            }
        }
    }

    public func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double],
                                 gradient: inout [Double]) {
        let (core, outer) = (shape[0], shape[0] + shape[1])
        let coreVolume = 4 / 3 * Double.pi * core * core * core
        let outerVolume = 4 / 3 * Double.pi * outer * outer * outer
        let coreArea = 4 * Double.pi * core * core, outerArea = 4 * Double.pi * outer * outer
        let coreContrast = shape[2] - shape[3], outerContrast = shape[3] - shape[4]
        q.withUnsafeBufferPointer { q in
            values.withUnsafeMutableBufferPointer { values in
                gradient.withUnsafeMutableBufferPointer { gradient in
                    for i in q.indices {
                        let (bc, dbc) = SpecialFunctions.sphereWithDerivative(q[i] * core)
                        let (bo, dbo) = SpecialFunctions.sphereWithDerivative(q[i] * outer)
                        let f = coreVolume * coreContrast * bc + outerVolume * outerContrast * bo
                        let twiceF = 2e-4 * f
                        values[i] = 1e-4 * f * f
                        // ∂(V(r) b(qr))/∂r, the amplitude's change as one interface moves.
                        let coreEdge = coreContrast * (coreArea * bc + coreVolume * q[i] * dbc)
                        let outerEdge = outerContrast * (outerArea * bo + outerVolume * q[i] * dbo)
                        let row = 5 * i
                        gradient[row] = twiceF * (coreEdge + outerEdge)
                        gradient[row + 1] = twiceF * outerEdge
                        gradient[row + 2] = twiceF * coreVolume * bc
                        gradient[row + 3] = twiceF * (outerVolume * bo - coreVolume * bc)
                        gradient[row + 4] = -twiceF * outerVolume * bo
                    }
                }
            }
        }
    }
}
