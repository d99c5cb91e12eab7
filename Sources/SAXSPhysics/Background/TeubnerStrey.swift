/// sasmodels' `teubner_strey` (Teubner and Strey, J. Chem. Phys. 87 (1987) 3195): a bicontinuous
/// microemulsion or sponge, a correlation peak from a quasi-periodic structure of period d that loses order over
/// ξ. As sasmodels 1.1.0 parameterises it:
///
///     k = 2πξ/d,  a₂ = (1 + k²)²,  c₁ = 2ξ²(1 − k²),  c₂ = ξ⁴
///     I = scale · 1e−4 · 8π φ(1 − φ) (ρ_a − ρ_b)² ξ³ / (a₂ + c₁q² + c₂q⁴) + background
///
/// (8πφ(1−φ)Δρ²c₂/ξ = 8πφ(1−φ)Δρ²ξ³; the 1e−4 turns 1e−6/Å² SLDs and Å into 1/cm).
///
/// Parameters: `scale`, `background` (1/cm), `volfraction_a`, `sld_a`, `sld_b` (1e−6/Å²), `d`, `xi` (Å).
public struct TeubnerStrey: ScatteringModel {
    public let name = "teubner_strey"
    public let parameters = Pointwise.scaleAndBackground + [
        ModelParameter("volfraction_a", unit: "", default: 0.5, bounds: 0...1, prior: 0.05...0.95,
                       summary: "volume fraction of phase a"),
        ModelParameter("sld_a", unit: "1e-6/Å^2", default: 0.3, bounds: -Double.infinity...Double.infinity,
                       summary: "scattering length density of phase a"),
        ModelParameter("sld_b", unit: "1e-6/Å^2", default: 6.3, bounds: -Double.infinity...Double.infinity,
                       summary: "scattering length density of phase b"),
        ModelParameter("d", unit: "Å", default: 100, bounds: 0...Double.infinity, prior: 30...500,
                       priorScale: .log, summary: "domain size (periodicity)"),
        ModelParameter("xi", unit: "Å", default: 30, bounds: 0...Double.infinity, prior: 10...300,
                       priorScale: .log, summary: "correlation length"),
    ]

    public init() {}

    /// The q-independent numbers of the formula.
    private struct Terms {
        var prefactor: Double, a2: Double, c1: Double, c2: Double
        init(_ values: [Double]) {
            let (phi, contrast, d, xi) = (values[2], values[3] - values[4], values[5], values[6])
            let k = 2 * Double.pi * xi / d
            a2 = (1 + k * k) * (1 + k * k)
            c1 = 2 * xi * xi * (1 - k * k)
            c2 = xi * xi * xi * xi
            prefactor = values[0] * 1e-4 * 8 * Double.pi * phi * (1 - phi) * contrast * contrast * xi * xi * xi
        }
    }

    public func intensity(q: [Double], values: [Double]) -> [Double] {
        Pointwise.check(values, self)
        let terms = Terms(values), background = values[1]
        return Pointwise.intensity(q) { q in
            let q2 = q * q
            return terms.prefactor / (terms.a2 + q2 * (terms.c1 + q2 * terms.c2)) + background
        }
    }

    public func curve(q: [Double], values: [Double]) -> ModelCurve {
        Pointwise.check(values, self)
        let terms = Terms(values)
        let (scale, background, phi, contrast, d, xi) = (values[0], values[1], values[2], values[3] - values[4],
                                                          values[5], values[6])
        let k = 2 * Double.pi * xi / d
        // k depends on d (∂k/∂d = −k/d) and ξ (∂k/∂ξ = k/ξ); with x = q²:
        // ∂D/∂d = [4k(1 + k²) − 4ξ²k x]·(−k/d),
        // ∂D/∂ξ = 4k(1 + k²)·k/ξ + 4ξ(1 − 2k²) x + 4ξ³ x²  (c₁ = 2ξ² − 2(2π/d)²ξ⁴).
        let dA2dK = 4 * k * (1 + k * k)
        let volume = 8 * Double.pi * 1e-4 * contrast * contrast * xi * xi * xi
        return Pointwise.curve(q, parameterCount: 7) { q, row in
            let x = q * q
            let denominator = terms.a2 + x * (terms.c1 + x * terms.c2)
            let shape = 1 / denominator
            let value = terms.prefactor * shape
            row[0] = scale == 0 ? volume * phi * (1 - phi) * shape : value / scale
            row[1] = 1
            row[2] = scale * volume * (1 - 2 * phi) * shape
            // ∂/∂ρ_a of Δρ²: 2Δρ; ρ_b the opposite.
            let dContrast = scale * 8 * Double.pi * 1e-4 * phi * (1 - phi) * 2 * contrast * xi * xi * xi * shape
            row[3] = dContrast
            row[4] = -dContrast
            let dDdD = (dA2dK - 4 * xi * xi * k * x) * (-k / d)
            row[5] = -value * dDdD * shape
            let dDdXi = dA2dK * k / xi + 4 * xi * (1 - 2 * k * k) * x + 4 * xi * xi * xi * x * x
            row[6] = value * (3 / xi - dDdXi * shape)
            return value + background
        }
    }
}
