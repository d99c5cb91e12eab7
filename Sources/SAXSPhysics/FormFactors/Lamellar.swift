#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// sasmodels' `lamellar`: dilute, randomly oriented infinite sheets of `thickness` δ,
/// I = scale·2π·4Δρ²·sin²(qδ/2)/(q⁴δ)·1e-4 + background. `scale` is the sheets' volume fraction; sasmodels gives
/// the model a form volume of 1, so nothing is divided by a volume (and `thickness_pd` averages I directly).
public struct Lamellar: FormFactor, Hashable {
    public init() {}

    public var name: String { "lamellar" }

    public var shapeParameters: [ModelParameter] {
        [
            CommonParameters.length("thickness", default: 50, prior: 10...200, "total layer thickness"),
            CommonParameters.sld("sld", default: 1, "layer scattering length density"),
            CommonParameters.sld("sld_solvent", default: 6, "solvent scattering length density"),
        ]
    }

    public var polydisperseParameters: [String] { ["thickness"] }

    public func volume(shape: [Double]) -> (value: Double, gradient: [Double]) { (1, [0, 0, 0]) }

    public func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double]) {
        let thickness = shape[0], contrast = shape[1] - shape[2]
        // 1 − cos(qδ) written as 2 sin²(qδ/2), which keeps its digits at small qδ (as sasmodels does).
        let factor = 8e-4 * Double.pi * contrast * contrast / thickness
        q.withUnsafeBufferPointer { q in
            values.withUnsafeMutableBufferPointer { values in
                for i in q.indices {
                    let q2 = q[i] * q[i]
                    let s = sin(0.5 * q[i] * thickness)
                    values[i] = factor * s * s / (q2 * q2)
                }
            }
        }
    }

    public func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double],
                                 gradient: inout [Double]) {
        let thickness = shape[0], contrast = shape[1] - shape[2]
        let factor = 8e-4 * Double.pi * contrast * contrast / thickness
        q.withUnsafeBufferPointer { q in
            values.withUnsafeMutableBufferPointer { values in
                gradient.withUnsafeMutableBufferPointer { gradient in
                    for i in q.indices {
                        let q2 = q[i] * q[i]
                        let half = 0.5 * q[i] * thickness
                        let s = sin(half), c = cos(half)
                        let value = factor * s * s / (q2 * q2)
                        values[i] = value
                        let dSLD = 2 * value / contrast
                        // ∂/∂δ of sin²(qδ/2)/δ = (q sin·cos)/δ − sin²/δ²; the first term is written via s·c so
                        // that it has no 1/sin at the sheet's minima.
                        gradient[3 * i] = factor * (q[i] * s * c - s * s / thickness) / (q2 * q2)
                        gradient[3 * i + 1] = contrast == 0 ? 0 : dSLD
                        gradient[3 * i + 2] = contrast == 0 ? 0 : -dSLD
                    }
                }
            }
        }
    }
}
