/// Weighted Levenberg–Marquardt fit of r(q) = A exp(−(q−μ)²/(2s²)) + c to baseline-subtracted points: one peak with a
/// constant offset c that absorbs what the smooth baseline misses under it. Four parameters, so the normal equations
/// are solved directly.
struct GaussianPeakFit: Sendable {
    /// A, μ, s, c.
    var parameters: [Double]
    /// Covariance of the parameters (row-major 4×4), scaled by χ²_red when above 1.
    var covariance: [Double]
    var reducedChiSquare: Double

    var amplitude: Double { parameters[0] }
    var centre: Double { parameters[1] }
    var width: Double { parameters[2] }
    var offset: Double { parameters[3] }
    func standardError(_ k: Int) -> Double { max(0, covariance[k * 4 + k]).squareRoot() }

    /// nil when the points cannot determine a peak (too few, singular, width collapsing to 0).
    init?(q: ArraySlice<Double>, residual: ArraySlice<Double>, sigma: ArraySlice<Double>,
          start: (amplitude: Double, centre: Double, width: Double)) {
        let n = q.count
        guard n >= 6, start.width > 0 else { return nil }
        let qs = Array(q), ys = Array(residual), ws = sigma.map { 1 / ($0 * $0) }
        var p = [start.amplitude, start.centre, start.width, 0.0]

        func chiSquare(_ p: [Double]) -> Double {
            var sum = 0.0
            for i in 0..<n {
                let u = (qs[i] - p[1]) / p[2]
                let d = ys[i] - (p[0] * exp(-0.5 * u * u) + p[3])
                sum += ws[i] * d * d
            }
            return sum
        }
        func normalEquations(_ p: [Double]) -> (matrix: [Double], gradient: [Double]) {
            var a = [Double](repeating: 0, count: 16), g = [Double](repeating: 0, count: 4)
            var j = [Double](repeating: 0, count: 4)  // one row of the Jacobian, reused: no allocation per point
            for i in 0..<n {
                let u = (qs[i] - p[1]) / p[2]
                let e = exp(-0.5 * u * u)
                let d = ys[i] - (p[0] * e + p[3])
                // ∂model/∂A, ∂/∂μ, ∂/∂s, ∂/∂c.
                j[0] = e
                j[1] = p[0] * e * u / p[2]
                j[2] = p[0] * e * u * u / p[2]
                j[3] = 1
                for r in 0..<4 {
                    g[r] += ws[i] * j[r] * d
                    for c in 0..<4 { a[r * 4 + c] += ws[i] * j[r] * j[c] }
                }
            }
            return (a, g)
        }

        var chi2 = chiSquare(p)
        var lambda = 1e-3
        var converged = false
        for _ in 0..<100 {
            let (a, g) = normalEquations(p)
            var damped = a
            for k in 0..<4 { damped[k * 4 + k] *= 1 + lambda }
            guard let step = solveLinear(damped, g, size: 4) else { return nil }
            var trial = p
            for k in 0..<4 { trial[k] += step[k] }
            let trialChi2 = trial[2] > 0 ? chiSquare(trial) : .infinity
            if trialChi2 <= chi2 {
                let improvement = chi2 - trialChi2
                p = trial
                chi2 = trialChi2
                lambda = max(lambda / 10, 1e-12)
                if improvement <= 1e-10 * max(chi2, 1) { converged = true; break }
            } else {
                lambda *= 10
                if lambda > 1e10 { converged = true; break }  // no step lowers χ²: at the minimum to rounding
            }
        }
        guard converged, p[0].isFinite, p[1].isFinite, p[2] > 0 else { return nil }
        let (a, _) = normalEquations(p)
        guard var covariance = invert(a, size: 4) else { return nil }
        let reduced = chi2 / Double(n - 4)
        if reduced > 1 { covariance = covariance.map { $0 * reduced } }
        parameters = p
        self.covariance = covariance
        reducedChiSquare = reduced
    }
}

/// Solves A x = b for a small dense matrix (row-major) by Gaussian elimination with partial pivoting; nil when singular.
func solveLinear(_ matrix: [Double], _ rhs: [Double], size n: Int) -> [Double]? {
    var a = matrix, b = rhs
    for col in 0..<n {
        var pivot = col
        for r in (col + 1)..<max(col + 1, n) where abs(a[r * n + col]) > abs(a[pivot * n + col]) { pivot = r }
        guard a[pivot * n + col] != 0, a[pivot * n + col].isFinite else { return nil }
        if pivot != col {
            for c in 0..<n { a.swapAt(col * n + c, pivot * n + c) }
            b.swapAt(col, pivot)
        }
        for r in (col + 1)..<max(col + 1, n) {
            let f = a[r * n + col] / a[col * n + col]
            if f == 0 { continue }
            for c in col..<n { a[r * n + c] -= f * a[col * n + c] }
            b[r] -= f * b[col]
        }
    }
    var x = [Double](repeating: 0, count: n)
    for r in stride(from: n - 1, through: 0, by: -1) {
        var s = b[r]
        for c in (r + 1)..<max(r + 1, n) { s -= a[r * n + c] * x[c] }
        x[r] = s / a[r * n + r]
    }
    return x.allSatisfy(\.isFinite) ? x : nil
}

/// The inverse of a small dense matrix, column by column; nil when singular.
func invert(_ matrix: [Double], size n: Int) -> [Double]? {
    var inverse = [Double](repeating: 0, count: n * n)
    for c in 0..<n {
        var unit = [Double](repeating: 0, count: n)
        unit[c] = 1
        guard let column = solveLinear(matrix, unit, size: n) else { return nil }
        for r in 0..<n { inverse[r * n + c] = column[r] }
    }
    return inverse
}

#if canImport(Glibc)
import Glibc
#endif
