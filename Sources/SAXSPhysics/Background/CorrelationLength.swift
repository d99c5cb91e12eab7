#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// sasmodels' `correlation_length`: a Porod-like low-q decay plus a Lorentzian (Ornstein–Zernike) term from
/// concentration fluctuations or polymer chains with correlation length ξ:
///
///     I = scale · (porod_scale · q^−n + lorentz_scale / (1 + (qξ)^m)) + background
///
/// Parameters: `scale`, `background` (1/cm), `lorentz_scale`, `porod_scale`, `cor_length` (ξ, Å),
/// `porod_exp` (n), `lorentz_exp` (m).
public struct CorrelationLength: ScatteringModel {
    public let name = "correlation_length"
    public let parameters = Pointwise.scaleAndBackground + [
        ModelParameter("lorentz_scale", unit: "", default: 10, bounds: 0...Double.infinity, prior: 0.1...1000,
                       priorScale: .log, summary: "Lorentzian scale factor"),
        ModelParameter("porod_scale", unit: "", default: 1e-6, bounds: 0...Double.infinity, prior: 1e-8...1e-4,
                       priorScale: .log, summary: "Porod scale factor"),
        ModelParameter("cor_length", unit: "Å", default: 50, bounds: 0...Double.infinity, prior: 5...500,
                       priorScale: .log, summary: "correlation length ξ of the Lorentzian"),
        ModelParameter("porod_exp", unit: "", default: 3, bounds: 0...Double.infinity, prior: 1...4,
                       summary: "Porod exponent n in q^−n"),
        ModelParameter("lorentz_exp", unit: "", default: 2, bounds: 0...Double.infinity, prior: 1...3,
                       summary: "Lorentzian exponent m in 1/(1 + (qξ)^m)"),
    ]

    public init() {}

    public func intensity(q: [Double], values: [Double]) -> [Double] {
        Pointwise.check(values, self)
        let (scale, background, lorentzScale, porodScale) = (values[0], values[1], values[2], values[3])
        let (length, porodExp, lorentzExp) = (values[4], values[5], values[6])
        return Pointwise.intensity(q) { q in
            scale * (porodScale * pow(q, -porodExp) + lorentzScale / (1 + pow(q * length, lorentzExp))) + background
        }
    }

    public func curve(q: [Double], values: [Double]) -> ModelCurve {
        Pointwise.check(values, self)
        let (scale, background, lorentzScale, porodScale) = (values[0], values[1], values[2], values[3])
        let (length, porodExp, lorentzExp) = (values[4], values[5], values[6])
        return Pointwise.curve(q, parameterCount: 7) { q, row in
            let porod = pow(q, -porodExp)
            let x = q * length
            let xm = pow(x, lorentzExp)
            let lorentz = 1 / (1 + xm)
            let sum = porodScale * porod + lorentzScale * lorentz
            // ∂/∂(x^m) of 1/(1 + x^m) = −1/(1 + x^m)².
            let dXm = -scale * lorentzScale * lorentz * lorentz
            row[0] = sum
            row[1] = 1
            row[2] = scale * lorentz
            row[3] = scale * porod
            // ∂x^m/∂ξ = m x^m / ξ; ∂x^m/∂m = x^m ln x (0 at x = 0).
            row[4] = length > 0 ? dXm * lorentzExp * xm / length : 0
            row[5] = -scale * porodScale * porod * log(q)
            row[6] = x > 0 ? dXm * xm * log(x) : 0
            return scale * sum + background
        }
    }
}
