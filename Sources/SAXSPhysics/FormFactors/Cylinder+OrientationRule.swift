#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Cylinder {
    /// sasmodels' orientation average: α = π/4·(z + 1) for Gauss–Legendre nodes z, weights scaled by π/4 and by
    /// sin α (the measure on the sphere). sasmodels' `gauss_weights` picks the rule for a single integral from
    /// q·max(R, L/2): 20 points below 10, 76 below 100, 500 below 750, else 5000. Its sum is what SasView shows,
    /// quadrature error included (up to 3e-3 where q·max(R, L/2) nears 100), so that rule is kept wherever it has
    /// not converged. Where it has, any converged rule gives the same sum, and the smallest one from `ladder` is
    /// taken (see `rule(qRadius:qHalfLength:)`): on long cylinders that halves the nodes between 10 and 60.
    ///
    /// Nodes are taken eight at a time (`SpecialFunctions.Lanes`): this average is the whole cost of the cylinder
    /// model, one J₁ and one sine per node and q.
    struct OrientationRule: Sendable {
        /// Eight nodes: sin α, cos α, the weight w·sin α·π/4, and 1/sin α, 1/cos α (never 0 at Gauss–Legendre
        /// nodes). With 1/(qR) and 1/(qL/2) formed once per q, the lanes get the reciprocals of their arguments
        /// without a division per node.
        struct Nodes: Sendable {
            var sines: Lanes
            var cosines: Lanes
            var weights: Lanes
            var inverseSines: Lanes
            var inverseCosines: Lanes
        }

        typealias Lanes = SpecialFunctions.Lanes

        /// The rule's nodes, padded with weightless ones (α = π/4) to whole lanes.
        let nodes: [Nodes]
        let points: Int

        init(points: Int) {
            self.points = points
            let rule = GaussLegendre(points: points)
            let width = Lanes.scalarCount
            let padding = (width - points % width) % width
            let angles = rule.nodes.map { Double.pi / 4 * ($0 + 1) } + Array(repeating: Double.pi / 4, count: padding)
            let weights = rule.weights + Array(repeating: 0, count: padding)
            nodes = stride(from: 0, to: angles.count, by: width).map { start in
                var group = Nodes(sines: .zero, cosines: .zero, weights: .zero, inverseSines: .zero,
                                  inverseCosines: .zero)
                for lane in 0..<width {
                    let alpha = angles[start + lane], sine = sin(alpha), cosine = cos(alpha)
                    group.sines[lane] = sine
                    group.cosines[lane] = cosine
                    group.weights[lane] = Double.pi / 4 * weights[start + lane] * sine
                    group.inverseSines[lane] = 1 / sine
                    group.inverseCosines[lane] = 1 / cosine
                }
                return group
            }
        }

        // Built on first use: the 5000-point rule costs ~0.1 s and only very large cylinders need it.
        static let points20 = OrientationRule(points: 20)
        static let points76 = OrientationRule(points: 76)
        static let points500 = OrientationRule(points: 500)
        static let points5000 = OrientationRule(points: 5000)
        /// Rules in whole lanes for where sasmodels' own has converged; the larger ones only serve q·max(R, L/2)
        /// above 100 and are built apart.
        static let ladder = [8, 16, 24, 32, 40, 48, 56, 64].map { OrientationRule(points: $0) }
        static let largeLadder = [80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448].map {
            OrientationRule(points: $0)
        }

        /// The rule for x = qR and y = qL/2. The integrand oscillates ~(x cos α + y sin α)/π times over the range,
        /// at most √(x² + y²)/π; fitting the points that reach 1e-9 over 0.1 ≤ x, y ≤ 500 gives
        /// n ≤ 0.9·√(x² + y²) + 10.4 (`scripts/orientation_rule_sizes.py`), so n = 0.9·√(x² + y²) + 14 is
        /// converged. Past that, Gauss–Legendre's error falls about a thousandfold per 8 nodes, so sasmodels' rule
        /// is taken as converged when it has 12 nodes more than that; then the smallest converged rule gives its
        /// sum to 1e-9.
        @inline(__always)
        static func rule(qRadius x: Double, qHalfLength y: Double) -> OrientationRule {
            let sasmodels = sasmodelsRule(qr: max(x, y))
            let needed = 0.9 * (x * x + y * y).squareRoot() + 14
            guard needed + 12 <= Double(sasmodels.points) else { return sasmodels }
            if needed <= 64 { return ladder[Int((needed / 8).rounded(.up)) - 1] }
            return largeLadder.first { Double($0.points) >= needed } ?? sasmodels
        }

        @inline(__always)
        static func sasmodelsRule(qr: Double) -> OrientationRule {
            if qr < 10 { return points20 }
            if qr < 100 { return points76 }
            if qr < 750 { return points500 }
            return points5000
        }

        /// ∫₀^{π/2} A² sin α dα with A = 2J₁(x sin α)/(x sin α)·sinc(y cos α), x = qR, y = qL/2.
        func average(qRadius signedX: Double, qHalfLength signedY: Double) -> Double {
            // A is even in x and in y; the lanes' functions take arguments ≥ 0.
            let x = abs(signedX), y = abs(signedY)
            let limit = SpecialFunctions.laneArgumentLimit
            guard x <= limit, y <= limit else { return averageByLibm(qRadius: x, qHalfLength: y).value }
            let xInverse = 1 / x, yInverse = 1 / y
            return nodes.withUnsafeBufferPointer { nodes in
                // Each lane is its own accumulator, so consecutive groups overlap in the pipeline.
                var sum = Lanes.zero
                for group in nodes {
                    let disc = SpecialFunctions.discSquared(x * group.sines, inverse: xInverse * group.inverseSines)
                    let sinc = SpecialFunctions.sincSquared(y * group.cosines,
                                                            inverse: yInverse * group.inverseCosines)
                    sum = SpecialFunctions.multiplyAdd(group.weights * disc, sinc, sum)
                }
                return sum.sum()
            }
        }

        /// The average and its derivatives by x = qR and by y = qL/2.
        func averageWithDerivatives(qRadius signedX: Double, qHalfLength signedY: Double)
            -> (value: Double, byQRadius: Double, byQHalfLength: Double)
        {
            let x = abs(signedX), y = abs(signedY)
            let xSign: Double = signedX < 0 ? -1 : 1, ySign: Double = signedY < 0 ? -1 : 1
            let limit = SpecialFunctions.laneArgumentLimit
            guard x <= limit, y <= limit else {
                let average = averageByLibm(qRadius: x, qHalfLength: y)
                return (average.value, xSign * average.byQRadius, ySign * average.byQHalfLength)
            }
            let xInverse = 1 / x, yInverse = 1 / y
            return nodes.withUnsafeBufferPointer { nodes in
                var value = Lanes.zero, byX = Lanes.zero, byY = Lanes.zero
                for group in nodes {
                    let disc = SpecialFunctions.discSquaredWithDerivative(x * group.sines,
                                                                          inverse: xInverse * group.inverseSines)
                    let sinc = SpecialFunctions.sincSquaredWithDerivative(y * group.cosines,
                                                                          inverse: yInverse * group.inverseCosines)
                    // ∂(D²S²)/∂x = 2 D D′ sin α · S², ∂/∂y = 2 D² · S S′ cos α.
                    let weightedDisc = group.weights * disc.value
                    value = SpecialFunctions.multiplyAdd(weightedDisc, sinc.value, value)
                    byX = SpecialFunctions.multiplyAdd(group.weights * disc.product * group.sines, sinc.value, byX)
                    byY = SpecialFunctions.multiplyAdd(weightedDisc * sinc.product, group.cosines, byY)
                }
                return (value.sum(), 2 * xSign * byX.sum(), 2 * ySign * byY.sum())
            }
        }

        /// The same by libm's j0, j1 and sin, for arguments beyond the lanes' reduction (q·R or q·L/2 > 1e6).
        private func averageByLibm(qRadius x: Double, qHalfLength y: Double)
            -> (value: Double, byQRadius: Double, byQHalfLength: Double)
        {
            var value = 0.0, byX = 0.0, byY = 0.0
            for group in nodes {
                for lane in 0..<Lanes.scalarCount {
                    let s = group.sines[lane], c = group.cosines[lane], w = group.weights[lane]
                    let (b, db) = SpecialFunctions.discWithDerivative(x * s)
                    let (t, dt) = SpecialFunctions.sincWithDerivative(y * c)
                    let a = b * t
                    value += w * a * a
                    byX += 2 * w * a * db * s * t
                    byY += 2 * w * a * b * dt * c
                }
            }
            return (value, byX, byY)
        }
    }
}
