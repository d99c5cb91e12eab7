extension PeakSearch {
    /// Gaussian smoothing in point index (σ = `width` points, truncated at 3σ and renormalised at the ends) with the
    /// propagated standard error of each smoothed value, √Σ wⱼ² σⱼ² for independent points. Index space rather than
    /// q: integrators bin linearly or logarithmically, and peaks are resolved in points either way.
    static func smooth(_ values: [Double], sigma: [Double], width: Double) -> (values: [Double], sigma: [Double]) {
        let n = values.count
        guard width > 0 else { return (values, sigma) }
        let reach = max(1, Int((3 * width).rounded(.up)))
        let kernel = (0...reach).map { exp(-0.5 * Double($0 * $0) / (width * width)) }
        var smoothed = [Double](repeating: 0, count: n), smoothedSigma = [Double](repeating: 0, count: n)
        values.withUnsafeBufferPointer { y in
            sigma.withUnsafeBufferPointer { s in
                for i in 0..<n {
                    var sum = 0.0, weight = 0.0, variance = 0.0
                    for j in max(0, i - reach)...min(n - 1, i + reach) {
                        let w = kernel[abs(j - i)]
                        sum += w * y[j]
                        weight += w
                        variance += w * w * s[j] * s[j]
                    }
                    smoothed[i] = sum / weight
                    smoothedSigma[i] = variance.squareRoot() / weight
                }
            }
        }
        return (smoothed, smoothedSigma)
    }

    /// A smooth baseline under narrow peaks by SNIP clipping (Ryan et al. 1988; decreasing windows as Morháč et al.
    /// 1997 recommend): for k = halfWidth … 1, each point becomes min(vᵢ, (vᵢ₋ₖ + vᵢ₊ₖ)/2). Features narrower than
    /// about 2·halfWidth points are clipped away, while any convex background (a power law in q) is left as it is.
    /// The clipping runs on asinh(I / 2s), s the typical sigma: logarithmic where the curve is well above noise, so
    /// a power law decaying over decades stays nearly straight (little clipping bias), linear near zero, so
    /// background-subtracted data that dips below 0 does not break a logarithm.
    static func snipBaseline(_ values: [Double], scale: Double, halfWidth: Int) -> [Double] {
        let n = values.count
        let s = 2 * scale
        var v = values.map { asinh($0 / s) }
        var next = v
        for k in stride(from: min(halfWidth, (n - 1) / 2), through: 1, by: -1) {
            v.withUnsafeBufferPointer { current in
                next.withUnsafeMutableBufferPointer { out in
                    for i in 0..<n {
                        // Near the ends the window shrinks symmetrically, so the end points keep their values.
                        let w = min(k, i, n - 1 - i)
                        guard w > 0 else { out[i] = current[i]; continue }
                        out[i] = min(current[i], 0.5 * (current[i - w] + current[i + w]))
                    }
                }
            }
            swap(&v, &next)
        }
        return v.map { s * sinh($0) }
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let m = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m])
    }
}

#if canImport(Glibc)
import Glibc
#endif
