#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Cylinder {
    /// sasmodels' 20-point orientation average as a power series in q², for one cylinder: where sasmodels takes
    /// that rule (q·max(R, L/2) < 10) the series gives the same sum as the quadrature, within 1e-12, for the price of
    /// a few dozen multiply-adds per q instead of 20 J₁ and 20 sines.
    ///
    /// With x = qR, y = qL/2 and the rule's nodes (weights Wⱼ, sines sⱼ, cosines cⱼ),
    ///
    ///     Σⱼ Wⱼ D²(x sⱼ) S²(y cⱼ) = Σₘₙ aₘ bₙ μₘₙ x²ᵐ y²ⁿ,   μₘₙ = Σⱼ Wⱼ sⱼ²ᵐ cⱼ²ⁿ,
    ///
    /// where D² = (2J₁(t)/t)² = Σ aₘ t²ᵐ and S² = (sin u/u)² = Σ bₙ u²ⁿ. The moments μ are the rule's own, so the
    /// series reproduces the rule's sum, its quadrature error included; grouping by m + n = k gives one polynomial
    /// in q² per cylinder. Its terms alternate: where they grow too large against the sum (compact cylinders near
    /// qR ≈ 10, and long ones as qL/2 nears 10), `evaluate` says so and the caller takes the quadrature.
    struct OrientationSeries: Sendable {
        /// The highest degree tabulated: enough for q·max(R, L/2) up to 10 (see `degree(z:)`).
        static let maximumDegree = 50

        /// aₘ bₙ μₘₙ, row m, column n, with `maximumDegree` + 1 of each.
        private static let products: [Double] = {
            let size = maximumDegree + 1
            var a = [1.0], b = [1.0]
            // (2J₁(t)/t)² = Σ (−1)ᵐ (2m+2)! / (m! (m+2)! ((m+1)!)²) (t/2)²ᵐ, (sin u/u)² = Σ (−1)ⁿ 2²ⁿ⁺¹ u²ⁿ/(2n+2)!,
            // built from the ratios of consecutive terms so that no factorial overflows.
            for m in 1..<size {
                let k = Double(m)
                a.append(a[m - 1] * -(2 * k + 1) / (2 * k * (k + 2) * (k + 1)))
                b.append(b[m - 1] * -4 / ((2 * k + 2) * (2 * k + 1)))
            }
            let rule = GaussLegendre(points: 20)
            var moments = [Double](repeating: 0, count: size * size)
            for (z, w) in zip(rule.nodes, rule.weights) {
                let alpha = Double.pi / 4 * (z + 1)
                let s2 = sin(alpha) * sin(alpha), c2 = cos(alpha) * cos(alpha)
                var sPower = Double.pi / 4 * w * sin(alpha)
                for m in 0..<size {
                    var term = sPower
                    for n in 0..<size {
                        moments[m * size + n] += term
                        term *= c2
                    }
                    sPower *= s2
                }
            }
            return (0..<size * size).map { a[$0 / size] * b[$0 % size] * moments[$0] }
        }()

        /// cₖ = Σ_{m+n=k} |aₘ bₙ| μₘₙ: the k-th term of the series is at most cₖ z²ᵏ for z = q·max(|R|, |L/2|).
        private static let termBounds: [Double] = (0...maximumDegree).map { k in
            (0...k).reduce(0) { $0 + abs(products[$1 * (maximumDegree + 1) + k - $1]) }
        }

        /// Coefficients of q²ᵏ: the sum, the sum of the terms' magnitudes (what rounding is relative to), and the
        /// derivatives by x and by y divided by q (empty unless asked for).
        private var value: [Double] = []
        private var magnitude: [Double] = []
        private var byX: [Double] = []
        private var byY: [Double] = []

        /// The coefficients up to q^(2·degree) (see `degree(z:)`) for a cylinder of this radius and half length.
        init(radius: Double, halfLength: Double, degree: Int, derivatives: Bool) {
            let count = Self.maximumDegree + 1
            var radiusPowers = [1.0], lengthPowers = [1.0]
            for k in 1...degree {
                radiusPowers.append(radiusPowers[k - 1] * radius * radius)
                lengthPowers.append(lengthPowers[k - 1] * halfLength * halfLength)
            }
            for k in 0...degree {
                var sum = 0.0, total = 0.0, sumX = 0.0, sumY = 0.0
                for m in 0...k {
                    let n = k - m, product = Self.products[m * count + n]
                    let term = product * radiusPowers[m] * lengthPowers[n]
                    sum += term
                    total += abs(term)
                    // ∂(x²ᵐ y²ⁿ)/∂x = 2m x²ᵐ⁻¹ y²ⁿ = q²ᵏ⁻¹ · 2m R²ᵐ⁻¹ (L/2)²ⁿ, and likewise for y.
                    if derivatives {
                        if m > 0 { sumX += 2 * Double(m) * product * radius * radiusPowers[m - 1] * lengthPowers[n] }
                        if n > 0 { sumY += 2 * Double(n) * product * radiusPowers[m] * halfLength * lengthPowers[n - 1] }
                    }
                }
                value.append(sum)
                magnitude.append(total)
                if derivatives, k > 0 {
                    byX.append(sumX)
                    byY.append(sumY)
                }
            }
        }

        /// The degree in q² that leaves out less than 1e-19 at z = q·max(|R|, |L/2|): past the largest term
        /// (k ≥ 2z), the first k whose bound is below 1e-19, less one; from there the bounds fall by more than 4 per
        /// term (their ratio is near z²/k²), so the whole tail is below 2e-19, far under the rounding of sums near
        /// 1. At least 2, so that the derivatives' series (one degree less) are polynomials too; nil beyond the
        /// table (z = 10 needs 47).
        static func degree(z: Double) -> Int? {
            let z2 = z * z
            var bound = 1.0
            for k in 1...maximumDegree {
                bound *= z2
                if Double(k) >= 2 * z, termBounds[k] * bound < 1e-19 { return max(k - 1, 2) }
            }
            return nil
        }

        typealias Lanes = SpecialFunctions.Lanes

        /// The average at eight q, and the lanes where it holds: not where the terms' magnitudes exceed the sum
        /// 1000 times. Rounding then stays near 1e-13 of the sum; more would not matter to SasView's 1e-6, but it
        /// is noise from one cylinder to the next, which finite differences of a fit (and of the tests) would see.
        func evaluate(q: Lanes, degree: Int) -> (value: Lanes, valid: SIMDMask<Lanes.MaskStorage>) {
            let q2 = q * q
            let sum = SpecialFunctions.polynomial(q2, count: degree + 1) { value[$0] }
            let total = SpecialFunctions.polynomial(q2, count: degree + 1) { magnitude[$0] }
            return (sum, total .<= 1000 * sum)
        }

        /// The average and its derivatives by x = qR and by y = qL/2 at eight q, with the same validity as
        /// `evaluate`.
        func evaluateWithDerivatives(q: Lanes, degree: Int)
            -> (value: Lanes, byX: Lanes, byY: Lanes, valid: SIMDMask<Lanes.MaskStorage>)
        {
            let (sum, valid) = evaluate(q: q, degree: degree)
            let q2 = q * q
            // The derivative series start at k = 1; index k − 1 holds q²⁽ᵏ⁻¹⁾'s coefficient.
            let x = SpecialFunctions.polynomial(q2, count: degree) { byX[$0] }
            let y = SpecialFunctions.polynomial(q2, count: degree) { byY[$0] }
            return (sum, q * x, q * y, valid)
        }
    }
}
