import SAXSIntegration

/// A 1-D scattering curve ready for model-independent analysis: momentum transfer q in 1/nm (the project's default
/// unit, so every length an analysis derives from it is in nm), intensity and its standard error, sorted by q, with
/// only the points an analysis can use: finite q > 0, finite intensity, finite sigma > 0. Empty integration bins
/// (count 0) never reach it.
///
/// Curves in 1/Å are converted on the way in (×10), so Rg from a curve in 1/Å is still in nm; 2θ and r_mm are
/// refused because turning them into q needs the wavelength and geometry, which belong to the integrator.
public struct AnalysisCurve: Sendable, Hashable, Codable {
    /// Momentum transfer in 1/nm, strictly increasing.
    public private(set) var q: [Double]
    public private(set) var intensity: [Double]
    public private(set) var sigma: [Double]

    /// The unit of `q`; lengths derived from this curve are in its reciprocal, nm.
    public static let qUnit = RadialUnit.qNm
    /// The unit of every length (Rg, 1/(S/V), d-spacings) derived from an `AnalysisCurve`.
    public static let lengthUnit = "nm"

    public var count: Int { q.count }

    /// Plain columns. `unit` must be `.qNm` or `.qA`. Points with zero, negative or non-finite sigma, non-finite
    /// intensity or q ≤ 0 are dropped (they carry no information a weighted fit could use); the rest are sorted by q.
    /// Intensities may be negative (background-subtracted data): each analysis decides what it can use.
    public init(q: [Double], intensity: [Double], sigma: [Double], unit: RadialUnit = .qNm) throws(AnalysisError) {
        guard q.count == intensity.count, q.count == sigma.count else {
            throw AnalysisError(.invalidInput, analysis: "curve",
                                "columns differ in length: q \(q.count), I \(intensity.count), sigma \(sigma.count)")
        }
        guard unit.space == .q else {
            throw AnalysisError(.unsupportedUnit, analysis: "curve",
                                "radial unit \(unit.rawValue) is not a momentum transfer; integrate in q_nm^-1 or q_A^-1")
        }
        // `scale` converts from nm⁻¹ to the unit.
        let toInverseNm = 1 / unit.scale
        var keep = q.indices.filter { i in
            q[i].isFinite && q[i] > 0 && intensity[i].isFinite && sigma[i].isFinite && sigma[i] > 0
        }
        keep.sort { q[$0] < q[$1] }
        // Two points at the same q would make Δq = 0 in the integrals; keep the first of any duplicate.
        var unique: [Int] = []
        unique.reserveCapacity(keep.count)
        for i in keep where unique.last.map({ q[$0] < q[i] }) ?? true { unique.append(i) }
        self.q = unique.map { q[$0] * toInverseNm }
        self.intensity = unique.map { intensity[$0] }
        self.sigma = unique.map { sigma[$0] }
    }

    /// An integrated profile without its empty bins, converted to 1/nm.
    public init(_ profile: Profile) throws(AnalysisError) {
        let kept = profile.nonEmpty()
        try self.init(q: kept.radial, intensity: kept.intensity, sigma: kept.sigma, unit: kept.unit)
    }

    /// The points with q inside `range` (in 1/nm), as indices into this curve.
    func indices(in range: ClosedRange<Double>) -> Range<Int> {
        let lower = q.firstIndex { $0 >= range.lowerBound } ?? q.count
        let upper = q.lastIndex { $0 <= range.upperBound }.map { $0 + 1 } ?? 0
        return lower..<max(lower, upper)
    }
}
