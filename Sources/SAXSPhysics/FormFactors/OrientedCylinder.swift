#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cylinder whose axis makes the angle `alpha` with q (saxsd's `cylinder_oriented`; sasmodels gives the same
/// I as its `cylinder` kernel `Iqac` with q_ab = q sin α, q_c = q cos α): aligned fibres or rods, one azimuthal
/// sector of a cake. Parameters are sasmodels' cylinder's plus `alpha` in degrees.
public struct OrientedCylinder: FormFactor, Hashable {
    public init() {}

    public var name: String { "cylinder_oriented" }

    public var shapeParameters: [ModelParameter] {
        Cylinder().shapeParameters + [
            ModelParameter("alpha", unit: "degrees", default: 60, bounds: -360...360,
                           summary: "angle between the cylinder axis and q"),
        ]
    }

    public var polydisperseParameters: [String] { ["radius", "length"] }

    public func volume(shape: [Double]) -> (value: Double, gradient: [Double]) {
        let radius = shape[2], length = shape[3]
        return (Double.pi * radius * radius * length,
                [0, 0, 2 * Double.pi * radius * length, Double.pi * radius * radius, 0])
    }

    public func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double]) {
        let contrast = shape[0] - shape[1], radius = shape[2], halfLength = 0.5 * shape[3]
        let alpha = shape[4] * Double.pi / 180
        let (s, c) = (sin(alpha), cos(alpha))
        let amplitude = contrast * volume(shape: shape).value
        q.withUnsafeBufferPointer { q in
            values.withUnsafeMutableBufferPointer { values in
                for i in q.indices {
                    let f = amplitude * SpecialFunctions.disc(q[i] * radius * s)
                        * SpecialFunctions.sinc(q[i] * halfLength * c)
                    values[i] = 1e-4 * f * f
                }
            }
        }
    }

    public func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double],
                                 gradient: inout [Double]) {
        let contrast = shape[0] - shape[1], radius = shape[2], halfLength = 0.5 * shape[3]
        let alpha = shape[4] * Double.pi / 180
        let (s, c) = (sin(alpha), cos(alpha))
        let (v, dv) = volume(shape: shape)
        q.withUnsafeBufferPointer { q in
            values.withUnsafeMutableBufferPointer { values in
                gradient.withUnsafeMutableBufferPointer { gradient in
                    for i in q.indices {
                        let x = q[i] * radius * s, y = q[i] * halfLength * c
                        let (b, db) = SpecialFunctions.discWithDerivative(x)
                        let (t, dt) = SpecialFunctions.sincWithDerivative(y)
                        let a = b * t
                        let f = contrast * v * a
                        values[i] = 1e-4 * f * f
                        let twiceF = 2e-4 * f
                        let row = 5 * i
                        gradient[row] = twiceF * v * a
                        gradient[row + 1] = -twiceF * v * a
                        gradient[row + 2] = twiceF * contrast * (dv[2] * a + v * db * q[i] * s * t)
                        gradient[row + 3] = twiceF * contrast * (dv[3] * a + v * b * dt * 0.5 * q[i] * c)
                        // ∂A/∂α (per radian) = b′·qR cos α · t − b · t′·(qL/2) sin α; α is in degrees.
                        let byAngle = db * q[i] * radius * c * t - b * dt * q[i] * halfLength * s
                        gradient[row + 4] = twiceF * contrast * v * byAngle * Double.pi / 180
                    }
                }
            }
        }
    }
}
