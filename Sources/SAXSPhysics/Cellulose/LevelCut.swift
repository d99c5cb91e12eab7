import Foundation

/// Cuts a Gaussian random field into two phases at the level that gives a requested area fraction.
///
/// The level is the field's own empirical quantile over the pixels still free (not crystal), not the Gaussian
/// quantile Φ⁻¹(φ) of its nominal variance: a finite map holds a finite number of correlation areas, so its sample
/// distribution differs from the ideal one by several per cent of area for large domains, and the fractions are
/// parameters that must be met.
public enum LevelCut {
    /// Sets `labels[i]` to `below` for the `countBelow` free pixels (label `free`) with the lowest field values
    /// and to `above` for the other free pixels. `scratch` needs room for every pixel.
    public static func cut(field: UnsafePointer<Double>, labels: inout [UInt8], free: UInt8, countBelow: Int,
                           below: UInt8, above: UInt8, scratch: inout [Double]) {
        var freeCount = 0
        labels.withUnsafeBufferPointer { l in
            scratch.withUnsafeMutableBufferPointer { s in
                for index in l.indices where l[index] == free {
                    s[freeCount] = field[index]
                    freeCount += 1
                }
            }
        }
        let count = min(max(countBelow, 0), freeCount)
        // Everything at or below the count-th smallest value is "below"; the field is continuous, so there are
        // no ties and exactly `count` pixels qualify.
        let threshold: Double
        if count == 0 {
            threshold = -.infinity
        } else {
            threshold = scratch.withUnsafeMutableBufferPointer { s in
                select(UnsafeMutableBufferPointer(rebasing: s[0..<freeCount]), rank: count - 1)
            }
        }
        labels.withUnsafeMutableBufferPointer { l in
            for index in l.indices where l[index] == free {
                l[index] = field[index] <= threshold ? below : above
            }
        }
    }

    /// The value of rank `rank` (0 = smallest) of `values`, reordering them (Hoare's quickselect with a
    /// median-of-three pivot: linear time on average, where sorting the 10^5 free pixels would cost a log
    /// factor more, every realization).
    static func select(_ values: UnsafeMutableBufferPointer<Double>, rank: Int) -> Double {
        var low = 0
        var high = values.count - 1
        while high > low {
            let middle = low + (high - low) / 2
            // Median of three as pivot.
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if rank <= j {
                high = j
            } else if rank >= i {
                low = i
            } else {
                return values[rank]
            }
        }
        return values[rank]
    }
}

extension LevelCut {
    /// Covariance of the indicator of {Y < β} for a standard Gaussian field Y whose normalised correlation
    /// between two points is g (Berk 1987, Phys. Rev. Lett. 58, 2718; Berk 1991, Phys. Rev. A 44, 5069):
    ///
    ///     P(Y₁ < β, Y₂ < β) − Φ(β)² = (1/2π) ∫₀^g exp(−β²/(1 + t)) / √(1 − t²) dt.
    ///
    /// With t = sin θ the integrand is exp(−β²/(1 + sin θ)) dθ on [0, asin g], smooth everywhere (at g → −1
    /// the exponential goes to zero), so a fixed composite Gauss–Legendre rule is exact to ~1e-12.
    public static func indicatorCovariance(correlation g: Double, threshold beta: Double) -> Double {
        let upper = Foundation.asin(min(1, max(-1, g)))
        let b2 = beta * beta
        let panels = 16
        let width = upper / Double(panels)
        var sum = 0.0
        for panel in 0..<panels {
            let centre = (Double(panel) + 0.5) * width
            for (node, weight) in zip(panelRule.nodes, panelRule.weights) {
                let theta = centre + node * width / 2
                sum += weight * Foundation.exp(-b2 / (1 + Foundation.sin(theta)))
            }
        }
        return sum * width / 2 / (2 * .pi)
    }

    /// The rule on each of `indicatorCovariance`'s 16 panels: 4-point Gauss–Legendre.
    private static let panelRule = GaussLegendre(points: 4)

    /// Φ⁻¹(p): the level of a standard Gaussian below which a fraction p lies (Newton's method on
    /// Φ(x) = erfc(−x/√2)/2, from a logistic first guess; converges to machine precision in a few steps).
    public static func gaussianQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1)
        var x = Foundation.log(p / (1 - p)) / 1.702
        for _ in 0..<50 {
            let cdf = 0.5 * Foundation.erfc(-x / 2.0.squareRoot())
            let density = Foundation.exp(-x * x / 2) / (2 * Double.pi).squareRoot()
            let step = (cdf - p) / density
            x -= step
            if abs(step) < 1e-14 * max(1, abs(x)) { break }
        }
        return x
    }
}

extension LevelCut {
    /// Expected I(q) of every half-plane mode (layout of `FourierPlans.forward`) for the two-phase map cut from
    /// `field` on `grid` with `fractionBelow` of the area in the lower phase and SLD contrast `contrast`, from
    /// Berk's correlation of the clipped field: C(r) = Δρ² · indicatorCovariance(g(r), Φ⁻¹(φ)) at every pixel
    /// offset, g being the field's normalised correlation on the same periodic grid, and
    /// E[I_k] = a² Σ_r C(r) e^{−ik·r} (the transform of the correlation on the grid is exactly the expected
    /// discrete spectrum, aliasing included, so no Hankel transform and no continuum approximation is needed).
    public static func expectedIntensity(field: GaussianRandomField, grid: CrossSectionGrid, fractionBelow: Double,
                                         contrast: Double) -> [Double] {
        let g = field.normalizedCorrelation(on: grid)
        let beta = gaussianQuantile(fractionBelow)
        let plans = FourierPlans.shared(size: grid.size)
        let correlation = FFTWBuffer(realCount: grid.pixelCount)
        for index in g.indices {
            correlation.doubles[index] = contrast * contrast * indicatorCovariance(correlation: g[index], threshold: beta)
        }
        let spectrum = FFTWBuffer(complexCount: plans.spectrumCount)
        plans.forward(correlation, into: spectrum)
        // C is even (C(r) = C(−r)), so its transform is real; the imaginary parts are rounding.
        let area = grid.pixelSize * grid.pixelSize
        return (0..<plans.spectrumCount).map { area * spectrum.doubles[2 * $0] }
    }
}
