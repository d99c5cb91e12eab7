/// sasmodels' `multilayer_vesicle`: `n_shells` shells of `thick_shell` separated by `thick_solvent` of solvent,
/// around a solvent core of `radius`. The volume fraction is inside the model and I is normalized by the volume
/// of the outermost sphere, as sasmodels does.
///
/// `n_shells` is rounded to the nearest integer (sasmodels' `(int)(n + 0.5)`), so its derivative is 0 and it
/// cannot be polydisperse here.
public struct MultilayerVesicle: FormFactor, Hashable {
    public init() {}

    public var name: String { "multilayer_vesicle" }

    public var shapeParameters: [ModelParameter] {
        [
            ModelParameter("volfraction", unit: "", default: 0.05, bounds: 0...1,
                           summary: "volume fraction of vesicles"),
            CommonParameters.length("radius", default: 60, prior: 10...1000, "radius of the solvent-filled core"),
            CommonParameters.length("thick_shell", default: 10, prior: 10...100, "thickness of one shell"),
            CommonParameters.length("thick_solvent", default: 10, prior: 10...200, "solvent between shells"),
            CommonParameters.sld("sld_solvent", default: 6.4, "solvent scattering length density"),
            CommonParameters.sld("sld", default: 0.4, "shell scattering length density"),
            ModelParameter("n_shells", unit: "", default: 2, bounds: 1...Double.infinity, prior: nil,
                           summary: "number of shell and solvent layer pairs (an integer)"),
        ]
    }

    public var polydisperseParameters: [String] { ["radius", "thick_shell", "thick_solvent"] }

    /// sasmodels' rounding of the shell count.
    private static func shells(_ value: Double) -> Int { Int((value + 0.5).rounded(.down)) }

    public func volume(shape: [Double]) -> (value: Double, gradient: [Double]) {
        let n = Self.shells(shape[6])
        let outer = shape[1] + Double(n) * (shape[2] + shape[3]) - shape[3]
        let area = 4 * Double.pi * outer * outer
        return (area * outer / 3, [0, area, Double(n) * area, Double(n - 1) * area, 0, 0, 0])
    }

    public func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double]) {
        let fraction = shape[0], radius = shape[1], shell = shape[2], period = shape[2] + shape[3]
        let contrast = shape[4] - shape[5]
        let n = max(Self.shells(shape[6]), 1)
        let third = 4 / 3 * Double.pi
        q.withUnsafeBufferPointer { q in
            values.withUnsafeMutableBufferPointer { values in
                for i in q.indices {
                    var s = 0.0
                    for layer in 0..<n {
                        let inner = radius + Double(layer) * period, outer = inner + shell
                        s += third * (inner * inner * inner * SpecialFunctions.sphere(q[i] * inner)
                            - outer * outer * outer * SpecialFunctions.sphere(q[i] * outer))
                    }
                    let f = contrast * s
                    values[i] = 1e-4 * fraction * f * f
                }
            }
        }
    }

    public func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double],
                                 gradient: inout [Double]) {
        let fraction = shape[0], radius = shape[1], shell = shape[2], period = shape[2] + shape[3]
        let contrast = shape[4] - shape[5]
        let n = max(Self.shells(shape[6]), 1)
        q.withUnsafeBufferPointer { q in
            values.withUnsafeMutableBufferPointer { values in
                gradient.withUnsafeMutableBufferPointer { gradient in
                    for i in q.indices {
                        // s: amplitude per unit contrast; the d… sums: its derivatives by the radius, the shell
                        // thickness and the solvent thickness (layer k's interfaces move by k periods).
                        var s = 0.0, dRadius = 0.0, dShell = 0.0, dSolvent = 0.0
                        for layer in 0..<n {
                            let k = Double(layer)
                            let inner = radius + k * period, outer = inner + shell
                            let (hi, dhi) = Self.ball(q[i], inner)
                            let (ho, dho) = Self.ball(q[i], outer)
                            s += hi - ho
                            dRadius += dhi - dho
                            dShell += k * dhi - (k + 1) * dho
                            dSolvent += k * (dhi - dho)
                        }
                        let f = contrast * s
                        values[i] = 1e-4 * fraction * f * f
                        let twiceF = 2e-4 * fraction * f
                        let row = 7 * i
                        gradient[row] = 1e-4 * f * f
                        gradient[row + 1] = twiceF * contrast * dRadius
                        gradient[row + 2] = twiceF * contrast * dShell
                        gradient[row + 3] = twiceF * contrast * dSolvent
                        gradient[row + 4] = twiceF * s
                        gradient[row + 5] = -twiceF * s
                        gradient[row + 6] = 0
                    }
                }
            }
        }
    }

    /// V(r)·3j₁(qr)/(qr) and its derivative by r.
    @inline(__always)
    private static func ball(_ q: Double, _ r: Double) -> (Double, Double) {
        let (b, db) = SpecialFunctions.sphereWithDerivative(q * r)
        let volume = 4 / 3 * Double.pi * r * r * r
        return (volume * b, 4 * Double.pi * r * r * b + volume * q * db)
    }
}
