/// One peak of a curve: a Gaussian on top of the local baseline, fitted to the unsmoothed points around it.
/// q, widths in 1/nm; heights in the curve's intensity unit.
public struct ProfilePeak: Sendable, Hashable, Codable {
    /// Peak centre, sub-bin (the fitted Gaussian's mean), and its standard error.
    public var q: Double
    public var qError: Double
    /// Full width at half maximum, 2√(2 ln 2) × the Gaussian's standard deviation, not corrected for resolution.
    public var fwhm: Double
    public var fwhmError: Double
    /// Height of the Gaussian above the baseline at the centre.
    public var height: Double
    public var heightError: Double
    /// The baseline under the centre (the smooth background estimate plus the fit's local offset).
    public var baseline: Double
    /// height / heightError: how many standard errors the peak stands above its baseline.
    public var significance: Double
    /// The detection statistic: the smoothed curve's excess over the baseline at the maximum, in units of its
    /// propagated sigma.
    public var prominence: Double
    /// q / q of the first (lowest-q) peak found; 1 for the first.
    public var ratio: Double
    /// Index of the point nearest the centre in the `AnalysisCurve` searched.
    public var index: Int
    /// The fit's χ² per degree of freedom over the points around the peak.
    public var reducedChiSquare: Double

    /// Bragg spacing 2π/q in nm.
    public var spacing: Double { 2 * Double.pi / q }
}
