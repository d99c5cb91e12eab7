#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// sasmodels' `power_law`: I = scale · q^−power + background, with no 1e−4 factor (scale is not a volume
/// fraction). Large aggregates, rough (power 3–4, Porod) or fractal (power < 3) interfaces.
///
/// Parameters: `scale`, `background` (1/cm), `power`.
public struct PowerLaw: ScatteringModel {
    public let name = "power_law"
    public let parameters = Pointwise.scaleAndBackground + [
        ModelParameter("power", unit: "", default: 4, bounds: -Double.infinity...Double.infinity, prior: 1...6,
                       summary: "power-law exponent (positive for a decay)"),
    ]

    public init() {}

    public func intensity(q: [Double], values: [Double]) -> [Double] {
        Pointwise.check(values, self)
        let (scale, background, power) = (values[0], values[1], values[2])
        return Pointwise.intensity(q) { scale * pow($0, -power) + background }
    }

    public func curve(q: [Double], values: [Double]) -> ModelCurve {
        Pointwise.check(values, self)
        let (scale, power) = (values[0], values[2])
        return Pointwise.curve(q, parameterCount: 3) { q, row in
            let decay = pow(q, -power)
            row[0] = decay
            row[1] = 1
            // d q^−p / dp = −q^−p ln q.
            row[2] = -scale * decay * log(q)
            return scale * decay + values[1]
        }
    }
}
