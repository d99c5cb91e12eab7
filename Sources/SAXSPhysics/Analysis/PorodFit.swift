/// The result of a Porod analysis, I(q) = K_p q⁻⁴ + B over the high-q window used. q in 1/nm; K_p in the curve's
/// intensity unit × nm⁻⁴; B in the intensity unit.
public struct PorodFit: Sendable, Hashable, Codable {
    /// Porod constant K_p = lim q⁴ (I − B). For a two-phase system with sharp interfaces in absolute units,
    /// K_p = 2π Δρ² S/V.
    public var porodConstant: Double
    /// Standard error of K_p from the weighted fit's covariance, × √χ²_red when χ²_red > 1.
    public var porodConstantError: Double
    /// Flat background B (0 with zero error when the fit was told not to fit one).
    public var background: Double
    public var backgroundError: Double
    /// Correlation between the estimates of K_p and B (strongly negative over short windows).
    public var correlation: Double
    public var qMin: Double
    public var qMax: Double
    public var firstIndex: Int
    public var lastIndex: Int
    public var pointCount: Int
    public var reducedChiSquare: Double
    public var automatic: Bool

    /// The Porod law with background at q (1/nm).
    public func intensity(at q: Double) -> Double { porodConstant / (q * q * q * q) + background }
}
