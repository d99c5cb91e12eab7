/// Guinier analysis: a weighted straight-line fit of ln I against q² at the low-q end, I(q) ≈ I₀ exp(−q²Rg²/3).
///
/// Automatic window (in the spirit of ATSAS AUTORG, not its code): every window that starts at one of the first
/// `maximumSkippedPoints + 1` usable points and has at least `minimumPoints` points is fitted, and it qualifies when
///  - the slope is negative and at least 3 standard errors from 0 (a real Rg, not a flat background),
///  - qMax·Rg ≤ `maximumQRg` (1.3: the Guinier approximation for compact particles holds to ~1–2 % in Rg there),
///  - qMin·Rg ≤ `maximumStartQRg` (the window must reach into the Guinier plateau, not start at its edge).
/// Among qualifying windows, those whose reduced χ² is statistically consistent (within 3σ of 1, i.e.
/// χ²_red ≤ 1 + 3√(2/ν)) are preferred, and among them the one with the most points, then the one starting lowest:
/// the longest window over which the law is indistinguishable from the data gives the smallest error without a
/// detectable bias. Skipping low-q points is only worth it when that is what makes a window consistent (aggregation
/// or beamstop upturn). When no window is consistent (noise-free model curves, or underestimated sigmas) the longest
/// qualifying window is taken and the errors are scaled by √χ²_red.
///
/// Only points with I > 0 enter (ln I); weights are (I/σ)², the inverse variance of ln I to first order.
public struct GuinierAnalysis: Sendable, Hashable {
    /// Upper limit of qMax·Rg for an automatic window.
    public var maximumQRg: Double
    /// Upper limit of qMin·Rg for an automatic window.
    public var maximumStartQRg: Double
    /// Fewest points in a window; below this a straight line through noisy points says little.
    public var minimumPoints: Int
    /// How many of the lowest usable points a window may leave out.
    public var maximumSkippedPoints: Int
    /// A fixed window in 1/nm instead of the automatic choice; the qRg limits are then reported, not enforced.
    public var qRange: ClosedRange<Double>?

    public init(maximumQRg: Double = 1.3, maximumStartQRg: Double = 0.65, minimumPoints: Int = 8,
                maximumSkippedPoints: Int = 10, qRange: ClosedRange<Double>? = nil) {
        self.maximumQRg = maximumQRg
        self.maximumStartQRg = maximumStartQRg
        self.minimumPoints = max(3, minimumPoints)
        self.maximumSkippedPoints = max(0, maximumSkippedPoints)
        self.qRange = qRange
    }

    public func fit(_ curve: AnalysisCurve) throws(AnalysisError) -> GuinierFit {
        let candidates: Range<Int> = qRange.map { curve.indices(in: $0) } ?? 0..<curve.count
        let usable = candidates.filter { curve.intensity[$0] > 0 }
        guard usable.count >= minimumPoints else {
            throw AnalysisError(.tooFewPoints, analysis: "guinier",
                                "\(usable.count) points with I > 0\(qRange.map { " in q \($0) 1/nm" } ?? ""), "
                                + "at least \(minimumPoints) needed")
        }
        if qRange != nil {
            let line = Self.accumulate(curve, usable[...])
            guard line.isDetermined, line.slope < 0 else {
                throw AnalysisError(.noGuinierRegion, analysis: "guinier",
                                    "ln I does not fall with q² in the given range \(qRange!) 1/nm")
            }
            return Self.result(curve, usable.first!, usable.last!, line, pointCount: usable.count, automatic: false)
        }

        struct Window { var start: Int; var end: Int; var points: Int; var chi2: Double; var consistent: Bool }
        var best: Window?
        func isBetter(_ w: Window, than b: Window) -> Bool {
            if w.consistent != b.consistent { return w.consistent }
            if w.points != b.points { return w.points > b.points }
            if w.start != b.start { return w.start < b.start }
            return w.chi2 < b.chi2
        }
        var smallestEndQRg = Double.infinity
        let lastStart = min(maximumSkippedPoints, usable.count - minimumPoints)
        for s in 0...lastStart {
            var line = WeightedLineFit()
            for e in s..<usable.count {
                let i = usable[e]
                Self.add(curve, i, to: &line)
                guard e - s + 1 >= minimumPoints, line.isDetermined, line.slope < 0 else { continue }
                let scale = max(1, line.reducedChiSquare).squareRoot()
                guard -line.slope >= 3 * scale * line.slopeVariance.squareRoot() else { continue }
                let rg = (-3 * line.slope).squareRoot()
                let endQRg = curve.q[i] * rg, startQRg = curve.q[usable[s]] * rg
                smallestEndQRg = min(smallestEndQRg, endQRg)
                guard endQRg <= maximumQRg, startQRg <= maximumStartQRg else { continue }
                let window = Window(start: s, end: e, points: e - s + 1, chi2: line.reducedChiSquare,
                                    consistent: isStatisticallyConsistent(reducedChiSquare: line.reducedChiSquare,
                                                                          degreesOfFreedom: line.degreesOfFreedom))
                if best.map({ isBetter(window, than: $0) }) ?? true { best = window }
            }
        }
        guard let best else {
            let detail = smallestEndQRg.isFinite
                ? "the shortest windows of \(minimumPoints) points already reach qMax·Rg = "
                    + "\((smallestEndQRg * 100).rounded() / 100) > \(maximumQRg)"
                : "ln I never falls significantly and linearly with q² over \(minimumPoints) points"
            throw AnalysisError(.noGuinierRegion, analysis: "guinier", "no Guinier region at the low-q end: \(detail)")
        }
        let window = usable[best.start...best.end]
        let line = Self.accumulate(curve, window)
        return Self.result(curve, window.first!, window.last!, line, pointCount: window.count, automatic: true)
    }

    private static func accumulate(_ curve: AnalysisCurve, _ points: ArraySlice<Int>) -> WeightedLineFit {
        var line = WeightedLineFit()
        for i in points { add(curve, i, to: &line) }
        return line
    }

    /// Point i as (q², ln I) with weight (I/σ)².
    private static func add(_ curve: AnalysisCurve, _ i: Int, to line: inout WeightedLineFit) {
        let ratio = curve.intensity[i] / curve.sigma[i]
        line.add(x: curve.q[i] * curve.q[i], y: log(curve.intensity[i]), weight: ratio * ratio)
    }

    private static func result(_ curve: AnalysisCurve, _ first: Int, _ last: Int, _ line: WeightedLineFit,
                               pointCount: Int, automatic: Bool) -> GuinierFit {
        // Errors from the covariance of (ln I₀, b) with b = −Rg²/3, inflated when the scatter exceeds the sigmas.
        let inflation = max(1, line.reducedChiSquare)
        let varA = line.interceptVariance * inflation
        let varB = line.slopeVariance * inflation
        let covAB = line.interceptSlopeCovariance * inflation
        let rg = (-3 * line.slope).squareRoot()
        let i0 = exp(line.intercept)
        // Rg = √(−3b): dRg/db = −3/(2Rg). I₀ = e^a: dI₀/da = I₀.
        let dRg = -3 / (2 * rg)
        let rgError = abs(dRg) * varB.squareRoot()
        let i0Error = i0 * varA.squareRoot()
        let correlation = (varA > 0 && varB > 0) ? (covAB * dRg * i0) / (rgError * i0Error) : 0
        return GuinierFit(rg: rg, rgError: rgError, i0: i0, i0Error: i0Error, correlation: correlation,
                          qMin: curve.q[first], qMax: curve.q[last], firstIndex: first, lastIndex: last,
                          pointCount: pointCount, reducedChiSquare: line.reducedChiSquare, automatic: automatic)
    }
}

#if canImport(Glibc)
import Glibc
#endif
