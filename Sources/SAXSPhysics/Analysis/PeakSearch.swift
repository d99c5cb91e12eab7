/// Finds peaks (Bragg reflections, form-factor maxima) on a smooth background, robust to counting noise.
///
/// 1. The curve is smoothed with a Gaussian of `smoothingWidth` points, which lowers the noise of each value by about
///    √(2√π·width) while barely broadening peaks a few points wide; the smoothed sigmas are propagated.
/// 2. A baseline is clipped out of the smoothed curve by SNIP (see `snipBaseline`) with windows up to
///    `baselineHalfWidth` points: features narrower than about that many points (FWHM) are peaks, broader ones
///    (the Guinier knee, slopes of the background) are baseline. Clipping follows the downward noise excursions, so
///    the baseline is then shifted by the median of (smoothed − baseline)/sigma: most points are background, whose
///    excess should be 0 on average.
/// 3. Candidates are local maxima of the smoothed excess whose prominence, excess/sigma, is at least
///    `minimumProminence` (default 5: a pure-noise curve of 1000 points then gives a false candidate with
///    probability ~10⁻³); a candidate inside the half-maximum span of a stronger one is its shoulder or noise on it.
/// 4. Each candidate is fitted, on the unsmoothed points within ±1.5 FWHM of it (not past halfway to a neighbouring
///    candidate), by a Gaussian plus constant offset over the baseline: sub-bin position, FWHM and height with
///    standard errors. It is kept when the fit converges with its centre inside its window, its height is at least
///    `minimumSignificance` standard errors, and its FWHM is below `baselineHalfWidth` points (wider features are
///    partly inside the baseline, so their heights would be wrong).
///
/// Overlapping peaks are not deconvolved: each is fitted alone, so two peaks closer than their FWHM count as one.
public struct PeakSearch: Sendable, Hashable {
    /// Standard deviation of the smoothing Gaussian, in points (0: no smoothing).
    public var smoothingWidth: Double
    /// Largest SNIP half-window in points; also the widest FWHM, in points, a peak may have.
    public var baselineHalfWidth: Int
    /// Smallest excess of the smoothed curve over the baseline, in units of its sigma, to consider a maximum.
    public var minimumProminence: Double
    /// Smallest fitted height over its standard error to keep a peak.
    public var minimumSignificance: Double
    /// Search only this q range (1/nm); nil: the whole curve.
    public var qRange: ClosedRange<Double>?

    public init(smoothingWidth: Double = 1, baselineHalfWidth: Int = 20, minimumProminence: Double = 5,
                minimumSignificance: Double = 5, qRange: ClosedRange<Double>? = nil) {
        self.smoothingWidth = max(0, smoothingWidth)
        self.baselineHalfWidth = max(2, baselineHalfWidth)
        self.minimumProminence = minimumProminence
        self.minimumSignificance = minimumSignificance
        self.qRange = qRange
    }

    public func find(in curve: AnalysisCurve) throws(AnalysisError) -> PeakList {
        let range = qRange.map { curve.indices(in: $0) } ?? 0..<curve.count
        let n = range.count
        let minimum = 2 * baselineHalfWidth + 1
        guard n >= minimum else {
            throw AnalysisError(.tooFewPoints, analysis: "peaks",
                                "\(n) points, at least \(minimum) needed for a baseline \(baselineHalfWidth) points wide")
        }
        let q = Array(curve.q[range]), intensity = Array(curve.intensity[range]), sigma = Array(curve.sigma[range])

        let (smooth, smoothSigma) = Self.smooth(intensity, sigma: sigma, width: smoothingWidth)
        var baseline = Self.snipBaseline(smooth, scale: Self.median(sigma), halfWidth: baselineHalfWidth)
        let shift = Self.median((0..<n).map { (smooth[$0] - baseline[$0]) / smoothSigma[$0] })
        for i in 0..<n { baseline[i] += shift * smoothSigma[i] }
        let excess = (0..<n).map { smooth[$0] - baseline[$0] }

        // Candidates, strongest first, each with the span where its excess stays above half its maximum.
        var maxima = (1..<(n - 1)).filter { i in
            excess[i] >= excess[i - 1] && excess[i] > excess[i + 1]
                && excess[i] >= minimumProminence * smoothSigma[i]
        }
        maxima.sort { excess[$0] / smoothSigma[$0] > excess[$1] / smoothSigma[$1] }
        var candidates: [(index: Int, left: Int, right: Int)] = []
        for i in maxima {
            if candidates.contains(where: { $0.left <= i && i <= $0.right }) { continue }
            var left = i, right = i
            while left > 0, excess[left - 1] > 0.5 * excess[i] { left -= 1 }
            while right < n - 1, excess[right + 1] > 0.5 * excess[i] { right += 1 }
            candidates.append((i, left, right))
        }
        let byIndex = candidates.map(\.index).sorted()

        var peaks: [ProfilePeak] = []
        for candidate in candidates {
            let i = candidate.index
            let spanPoints = max(2, candidate.right - candidate.left + 1)
            var lower = max(0, i - (3 * spanPoints) / 2 - 1), upper = min(n - 1, i + (3 * spanPoints) / 2 + 1)
            if let previous = byIndex.last(where: { $0 < i }) { lower = max(lower, (previous + i + 1) / 2) }
            if let following = byIndex.first(where: { $0 > i }) { upper = min(upper, (i + following) / 2) }
            guard upper - lower + 1 >= 6 else { continue }

            // Starting values: the smoothed maximum, its half-maximum width less the smoothing's share, the
            // vertex of the parabola through the three smoothed points around the maximum.
            let halfMax = 0.5 * excess[i]
            func crossing(_ a: Int, _ b: Int) -> Double {  // q where the excess passes halfMax between a and b
                let ea = excess[a], eb = excess[b]
                return ea == eb ? q[a] : q[a] + (halfMax - ea) / (eb - ea) * (q[b] - q[a])
            }
            let qLeft = candidate.left > 0 ? crossing(candidate.left - 1, candidate.left) : q[candidate.left]
            let qRight = candidate.right < n - 1 ? crossing(candidate.right, candidate.right + 1) : q[candidate.right]
            let step = 0.5 * (q[i + 1] - q[i - 1])
            let smoothedSigmaQ = smoothingWidth * step
            let observed = (qRight - qLeft) / PeakShape.gaussianFWHMPerSigma
            let startWidth = max(0.5 * step, (max(0, observed * observed - smoothedSigmaQ * smoothedSigmaQ)).squareRoot())
            let curvature = excess[i - 1] - 2 * excess[i] + excess[i + 1]
            let vertex = curvature < 0 ? 0.5 * (excess[i - 1] - excess[i + 1]) / curvature : 0
            let startCentre = q[i] + max(-0.5, min(0.5, vertex)) * step

            let window = lower...upper
            let residual = window.map { intensity[$0] - baseline[$0] }
            guard let fit = GaussianPeakFit(q: q[window], residual: residual[...], sigma: sigma[window],
                                            start: (excess[i], startCentre, startWidth)) else { continue }
            let heightError = fit.standardError(0)
            guard fit.amplitude > 0, heightError > 0, fit.centre >= q[lower], fit.centre <= q[upper] else { continue }
            let significance = fit.amplitude / heightError
            let fwhm = PeakShape.gaussianFWHMPerSigma * fit.width
            guard significance >= minimumSignificance, fwhm <= Double(baselineHalfWidth) * step else { continue }
            let nearest = window.min { abs(q[$0] - fit.centre) < abs(q[$1] - fit.centre) } ?? i
            peaks.append(ProfilePeak(
                q: fit.centre, qError: fit.standardError(1), fwhm: fwhm,
                fwhmError: PeakShape.gaussianFWHMPerSigma * fit.standardError(2),
                height: fit.amplitude, heightError: heightError, baseline: baseline[nearest] + fit.offset,
                significance: significance, prominence: excess[i] / smoothSigma[i], ratio: 1,
                index: range.lowerBound + nearest, reducedChiSquare: fit.reducedChiSquare))
        }
        // Two candidates whose fits converged on the same peak: keep the more significant.
        peaks.sort { $0.significance > $1.significance }
        var kept: [ProfilePeak] = []
        for peak in peaks where !kept.contains(where: { abs($0.q - peak.q) < 0.5 * max($0.fwhm, peak.fwhm) }) {
            kept.append(peak)
        }
        return PeakList(peaks: kept, baseline: baseline, firstIndex: range.lowerBound)
    }
}
