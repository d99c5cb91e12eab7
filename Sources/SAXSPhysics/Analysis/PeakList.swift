/// The peaks found in a curve, lowest q first, with the baseline they were measured from.
public struct PeakList: Sendable, Hashable, Codable {
    public var peaks: [ProfilePeak]
    /// The smooth baseline at the points searched, for plots and checks: `baseline[k]` belongs to point
    /// `firstIndex + k` of the `AnalysisCurve` (the whole curve unless a q range was given).
    public var baseline: [Double]
    public var firstIndex: Int

    public init(peaks: [ProfilePeak], baseline: [Double], firstIndex: Int = 0) {
        self.peaks = peaks.sorted { $0.q < $1.q }
        self.baseline = baseline
        self.firstIndex = firstIndex
        if let first = self.peaks.first?.q {
            for k in self.peaks.indices { self.peaks[k].ratio = self.peaks[k].q / first }
        }
    }

    public var positions: [Double] { peaks.map(\.q) }
    /// Positions relative to the first peak, q/q₁: what phase identification compares with Bragg series
    /// (lamellar 1:2:3, Pn3m √2:√3:√4 …).
    public var ratios: [Double] { peaks.map(\.ratio) }
    public var isEmpty: Bool { peaks.isEmpty }
}
