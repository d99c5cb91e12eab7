#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// sasmodels' `broad_peak`: a correlation peak of an amorphous structure (copolymers, polyelectrolytes,
/// sponge phases) on a Porod decay. As sasmodels 1.1.0 computes it (its Python `Iq`), the shape exponent p
/// applies to the sum:
///
///     z = |q − q₀| ξ,   I = scale · (A q^−n + C / (1 + z^m))^p + background
///
/// (its documentation writes C/(1 + z^m)^p instead; the two agree at p = 1, the default, and saxsd follows the
/// code so that `saxsd model broad_peak` matches SasView).
///
/// Parameters: `scale`, `background` (1/cm), `porod_scale` (A), `porod_exp` (n), `peak_scale` (C),
/// `correlation_length` (ξ, Å), `peak_pos` (q₀, 1/Å), `width_exp` (m), `shape_exp` (p).
public struct BroadPeak: ScatteringModel {
    public let name = "broad_peak"
    public let parameters = Pointwise.scaleAndBackground + [
        ModelParameter("porod_scale", unit: "", default: 1e-5, bounds: -Double.infinity...Double.infinity,
                       prior: 1e-8...1e-5, priorScale: .log, summary: "power-law scale factor"),
        ModelParameter("porod_exp", unit: "", default: 3, bounds: -Double.infinity...Double.infinity, prior: 1...4,
                       summary: "power-law exponent"),
        ModelParameter("peak_scale", unit: "", default: 10, bounds: -Double.infinity...Double.infinity,
                       prior: 0.1...1000, priorScale: .log, summary: "scale factor of the broad peak"),
        ModelParameter("correlation_length", unit: "Å", default: 50, bounds: 0...Double.infinity, prior: 10...500,
                       priorScale: .log, summary: "screening length (inverse peak width)"),
        ModelParameter("peak_pos", unit: "1/Å", default: 0.1, bounds: -Double.infinity...Double.infinity,
                       prior: 0.01...0.3, priorScale: .log, summary: "peak position in q"),
        ModelParameter("width_exp", unit: "", default: 2, bounds: -Double.infinity...Double.infinity, prior: 1...4,
                       summary: "exponent of the peak width"),
        ModelParameter("shape_exp", unit: "", default: 1, bounds: -Double.infinity...Double.infinity,
                       summary: "exponent of the peak shape (applied to the whole sum, as sasmodels 1.1.0 does)"),
    ]

    public init() {}

    public func intensity(q: [Double], values: [Double]) -> [Double] {
        Pointwise.check(values, self)
        let (scale, background, porodScale, porodExp, peakScale) = (values[0], values[1], values[2], values[3], values[4])
        let (length, position, widthExp, shapeExp) = (values[5], values[6], values[7], values[8])
        return Pointwise.intensity(q) { q in
            let z = abs(q - position) * length
            let base = porodScale * pow(q, -porodExp) + peakScale / (1 + pow(z, widthExp))
            // p = 1 is the common case: pow(base, 1) is exact, but costs as much as the rest.
            return scale * (shapeExp == 1 ? base : pow(base, shapeExp)) + background
        }
    }

    public func curve(q: [Double], values: [Double]) -> ModelCurve {
        Pointwise.check(values, self)
        let (scale, background, porodScale, porodExp, peakScale) = (values[0], values[1], values[2], values[3], values[4])
        let (length, position, widthExp, shapeExp) = (values[5], values[6], values[7], values[8])
        return Pointwise.curve(q, parameterCount: 9) { q, row in
            let distance = abs(q - position)
            let z = distance * length
            let porod = pow(q, -porodExp)
            let zm = pow(z, widthExp)
            let lorentz = 1 / (1 + zm)
            let base = porodScale * porod + peakScale * lorentz
            let powered = shapeExp == 1 ? base : pow(base, shapeExp)
            // ∂I/∂B = scale·p·B^(p−1), B the sum inside.
            let dBase = shapeExp == 1 ? scale : scale * shapeExp * pow(base, shapeExp - 1)
            // ∂(1/(1 + z^m))/∂(z^m) = −1/(1 + z^m)²; ∂z^m/∂z = m z^(m−1) (0 at z = 0 for m > 1).
            let dLorentzdZm = -peakScale * lorentz * lorentz
            let dZmdZ = widthExp * pow(z, widthExp - 1)
            row[0] = powered
            row[1] = 1
            row[2] = dBase * porod
            row[3] = -dBase * porodScale * porod * log(q)
            row[4] = dBase * lorentz
            row[5] = dBase * dLorentzdZm * dZmdZ * distance
            // z = |q − q₀|ξ: ∂z/∂q₀ = −sign(q − q₀)·ξ.
            let sign: Double = q > position ? 1 : (q < position ? -1 : 0)
            row[6] = dBase * dLorentzdZm * dZmdZ * (-sign * length)
            // ∂z^m/∂m = z^m ln z, whose limit at z = 0 is 0.
            row[7] = z > 0 ? dBase * dLorentzdZm * zm * log(z) : 0
            row[8] = scale * powered * log(base)
            return scale * powered + background
        }
    }
}
