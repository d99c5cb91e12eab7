/// Porod analysis: fit I(q) = K_p q⁻⁴ + B to the high-q tail. The model is a straight line in x = q⁻⁴
/// (slope K_p, intercept B), so it is an exact weighted linear least-squares fit with weights 1/σ².
///
/// Automatic window: the tail always ends at the last point of the curve; its start moves down from the last
/// `minimumPoints` points towards lower q, but not below the upper `maximumTailFraction` of the points (the Porod
/// regime is a high-q property; this keeps a flexible line from latching onto the Guinier knee). A window qualifies
/// when K_p > 0 at 3 standard errors. Consistent windows (χ²_red ≤ 1 + 3√(2/ν)) are preferred and among them the
/// longest: the widest range over which q⁻⁴ + B is indistinguishable from the data. When none is consistent (noise-free
/// data whose q⁻⁶ corrections show), the window with the smallest χ²_red is taken, which is the one furthest into the
/// asymptotic regime, and the errors are scaled by √χ²_red.
///
/// Limitation: a tail still approaching q⁻⁴ (for DAB, I ≈ K_p q⁻⁴ (1 − 2/(qξ)²)) passes the χ² test once the
/// correction is below the noise, and B then absorbs part of it: on a DAB curve with 10⁹ counts at q = 0 the window
/// starts at qξ ≈ 9–10, K_p comes out ~1.7 % low and B tens of counts high, beyond their statistical errors. The
/// stated errors are statistical only.
public struct PorodAnalysis: Sendable, Hashable {
    public var minimumPoints: Int
    /// Largest share of the curve's points (counted from the high-q end) an automatic window may span.
    public var maximumTailFraction: Double
    /// Fit the flat background B (true), or force B = 0 (data already background-subtracted to the last digit).
    public var fitsBackground: Bool
    /// A fixed window in 1/nm instead of the automatic choice.
    public var qRange: ClosedRange<Double>?

    public init(minimumPoints: Int = 10, maximumTailFraction: Double = 0.5, fitsBackground: Bool = true,
                qRange: ClosedRange<Double>? = nil) {
        self.minimumPoints = max(3, minimumPoints)
        self.maximumTailFraction = min(1, max(0, maximumTailFraction))
        self.fitsBackground = fitsBackground
        self.qRange = qRange
    }

    public func fit(_ curve: AnalysisCurve) throws(AnalysisError) -> PorodFit {
        let points: Range<Int> = qRange.map { curve.indices(in: $0) } ?? 0..<curve.count
        guard points.count >= minimumPoints else {
            throw AnalysisError(.tooFewPoints, analysis: "porod",
                                "\(points.count) points\(qRange.map { " in q \($0) 1/nm" } ?? ""), "
                                + "at least \(minimumPoints) needed")
        }
        if qRange != nil {
            let tail = Tail(curve, points, fitsBackground: fitsBackground)
            guard tail.isDetermined, tail.porodConstant > 0 else {
                throw AnalysisError(.noPorodRegion, analysis: "porod",
                                    "K_p = \(tail.porodConstant) ≤ 0 in the given range \(qRange!) 1/nm")
            }
            return tail.result(curve, points, automatic: false)
        }

        let end = points.upperBound
        let deepest = max(points.lowerBound,
                          min(end - minimumPoints, end - Int((Double(points.count) * maximumTailFraction).rounded())))
        var tail = Tail(fitsBackground: fitsBackground)
        var best: (start: Int, chi2: Double, consistent: Bool)?
        for start in stride(from: end - 1, through: deepest, by: -1) {
            tail.add(curve, start)
            guard end - start >= minimumPoints, tail.isDetermined, tail.porodConstant > 0,
                  tail.porodConstant >= 3 * tail.porodConstantError else { continue }
            let consistent = isStatisticallyConsistent(reducedChiSquare: tail.reducedChiSquare,
                                                       degreesOfFreedom: tail.degreesOfFreedom)
            let candidate = (start: start, chi2: tail.reducedChiSquare, consistent: consistent)
            guard let current = best else { best = candidate; continue }
            if consistent != current.consistent {
                if consistent { best = candidate }
            } else if consistent ? start < current.start : candidate.chi2 < current.chi2 {
                best = candidate
            }
        }
        guard let best else {
            throw AnalysisError(.noPorodRegion, analysis: "porod",
                                "no tail of the upper \(Int(maximumTailFraction * 100)) % of the points gives a "
                                + "significant positive K_p in I = K_p q⁻⁴ + B")
        }
        let window = best.start..<end
        return Tail(curve, window, fitsBackground: fitsBackground).result(curve, window, automatic: true)
    }

    /// The running fit of one tail: a line in x = q⁻⁴ with intercept B, or through the origin without it.
    private struct Tail {
        var fitsBackground: Bool
        var line = WeightedLineFit()
        // Through-origin sums (B = 0): K = Σw x y / Σw x², χ² = Σw y² − K Σw x y.
        var swxx = 0.0, swxy = 0.0, swyy = 0.0, n = 0

        init(fitsBackground: Bool) { self.fitsBackground = fitsBackground }

        init(_ curve: AnalysisCurve, _ points: Range<Int>, fitsBackground: Bool) {
            self.init(fitsBackground: fitsBackground)
            for i in points { add(curve, i) }
        }

        mutating func add(_ curve: AnalysisCurve, _ i: Int) {
            let q2 = curve.q[i] * curve.q[i]
            let x = 1 / (q2 * q2), y = curve.intensity[i], w = 1 / (curve.sigma[i] * curve.sigma[i])
            n += 1
            if fitsBackground {
                line.add(x: x, y: y, weight: w)
            } else {
                swxx += w * x * x
                swxy += w * x * y
                swyy += w * y * y
            }
        }

        var isDetermined: Bool { fitsBackground ? line.isDetermined : swxx > 0 }
        var degreesOfFreedom: Int { fitsBackground ? line.degreesOfFreedom : n - 1 }
        var reducedChiSquare: Double {
            if fitsBackground { return line.reducedChiSquare }
            let chi2 = max(0, swyy - swxy * swxy / swxx)
            return degreesOfFreedom > 0 ? chi2 / Double(degreesOfFreedom) : 0
        }
        var porodConstant: Double { fitsBackground ? line.slope : swxy / swxx }
        var inflation: Double { max(1, reducedChiSquare) }
        var porodConstantError: Double {
            ((fitsBackground ? line.slopeVariance : 1 / swxx) * inflation).squareRoot()
        }

        func result(_ curve: AnalysisCurve, _ window: Range<Int>, automatic: Bool) -> PorodFit {
            let background = fitsBackground ? line.intercept : 0
            let backgroundError = fitsBackground ? (line.interceptVariance * inflation).squareRoot() : 0
            let correlation = fitsBackground
                ? line.interceptSlopeCovariance / (line.interceptVariance * line.slopeVariance).squareRoot() : 0
            return PorodFit(porodConstant: porodConstant, porodConstantError: porodConstantError,
                            background: background, backgroundError: backgroundError, correlation: correlation,
                            qMin: curve.q[window.lowerBound], qMax: curve.q[window.upperBound - 1],
                            firstIndex: window.lowerBound, lastIndex: window.upperBound - 1,
                            pointCount: window.count, reducedChiSquare: reducedChiSquare, automatic: automatic)
        }
    }
}
