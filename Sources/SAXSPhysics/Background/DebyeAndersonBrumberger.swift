/// sasmodels' `dab` (Debye, Anderson and Brumberger, J. Appl. Phys. 28 (1957) 679): a random two-phase
/// structure with sharp interfaces and an exponential correlation function of length L,
/// I = scale · L³ / (1 + (qL)²)² + background.
///
/// Parameters: `scale`, `background` (1/cm), `cor_length` (Å).
public struct DebyeAndersonBrumberger: ScatteringModel {
    public let name = "dab"
    public let parameters = Pointwise.scaleAndBackground + [
        ModelParameter("cor_length", unit: "Å", default: 50, bounds: 0...Double.infinity, prior: 10...1000,
                       priorScale: .log, summary: "correlation length"),
    ]

    public init() {}

    public func intensity(q: [Double], values: [Double]) -> [Double] {
        Pointwise.check(values, self)
        let (scale, background, length) = (values[0], values[1], values[2])
        let cube = length * length * length
        return Pointwise.intensity(q) { q in
            let u = 1 + q * q * length * length
            return scale * cube / (u * u) + background
        }
    }

    public func curve(q: [Double], values: [Double]) -> ModelCurve {
        Pointwise.check(values, self)
        let (scale, background, length) = (values[0], values[1], values[2])
        let cube = length * length * length
        return Pointwise.curve(q, parameterCount: 3) { q, row in
            let qL2 = q * q * length * length
            let u = 1 + qL2
            let shape = cube / (u * u)
            row[0] = shape
            row[1] = 1
            // d/dL [L³ u⁻²] = 3L²u⁻² − 2L³u⁻³·2q²L = (L³/u²)(3 − 4q²L²/u)/L.
            row[2] = length == 0 ? 0 : scale * shape * (3 - 4 * qL2 / u) / length
            return scale * shape + background
        }
    }
}
