/// Weighted least squares for the straight line y = a + b·x, accumulated one point at a time with centred sums
/// (West's 1979 weighted update). Guinier and Porod windows grow point by point, so each longer window costs O(1)
/// instead of a refit, and centred sums avoid the cancellation of raw Σx², Σxy when x spans a narrow range far from 0
/// (q² over a Guinier window, q⁻⁴ over a Porod tail).
public struct WeightedLineFit: Sendable {
    private(set) var count = 0
    private(set) var weightSum = 0.0
    private(set) var meanX = 0.0
    private(set) var meanY = 0.0
    /// Σ w (x − x̄)², Σ w (x − x̄)(y − ȳ), Σ w (y − ȳ)².
    private(set) var sxx = 0.0
    private(set) var sxy = 0.0
    private(set) var syy = 0.0

    public init() {}

    public mutating func add(x: Double, y: Double, weight w: Double) {
        count += 1
        weightSum += w
        let dx = x - meanX
        let dy = y - meanY
        meanX += dx * w / weightSum
        meanY += dy * w / weightSum
        sxx += w * dx * (x - meanX)
        sxy += w * dx * (y - meanY)
        syy += w * dy * (y - meanY)
    }

    /// False when every x is the same (or no weight): the slope is then undefined.
    public var isDetermined: Bool { count >= 2 && sxx > 0 && weightSum > 0 }

    public var slope: Double { sxy / sxx }
    /// The line's value at x = 0.
    public var intercept: Double { meanY - slope * meanX }
    /// Weighted sum of squared residuals; clamped at 0 because rounding can leave it a hair negative for exact data.
    var chiSquare: Double { max(0, syy - sxy * sxy / sxx) }
    var degreesOfFreedom: Int { count - 2 }
    var reducedChiSquare: Double { degreesOfFreedom > 0 ? chiSquare / Double(degreesOfFreedom) : 0 }

    /// The covariance of (intercept, slope) when the weights are 1/σ²: the inverse of the normal matrix.
    var slopeVariance: Double { 1 / sxx }
    var interceptVariance: Double { 1 / weightSum + meanX * meanX / sxx }
    var interceptSlopeCovariance: Double { -meanX / sxx }
}

/// Whether a reduced χ² is what statistical noise alone gives: within three standard deviations of its expectation 1
/// (χ²/ν has standard deviation √(2/ν)). Windows that pass are "consistent" with the law being fitted.
func isStatisticallyConsistent(reducedChiSquare: Double, degreesOfFreedom: Int) -> Bool {
    guard degreesOfFreedom > 0 else { return false }
    return reducedChiSquare <= 1 + 3 * (2 / Double(degreesOfFreedom)).squareRoot()
}
