#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An n-point Gauss–Legendre rule on [−1, 1], nodes ascending.
///
/// sasmodels tabulates its 20-, 76-, 500- and 5000-point rules to 15 digits; these are computed here to full
/// precision by Newton's method on the Legendre recurrence, which differs from those tables only at 1e-15.
struct GaussLegendre: Sendable {
    let nodes: [Double]
    let weights: [Double]

    init(points n: Int) {
        precondition(n >= 2)
        var nodes = [Double](repeating: 0, count: n)
        var weights = [Double](repeating: 0, count: n)
        // Roots come in ± pairs; Newton from Tricomi's guess converges to each positive root in a few steps.
        for i in 0..<(n + 1) / 2 {
            var x = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
            for _ in 0..<100 {
                let (p, dp) = Self.legendre(n, x)
                let step = p / dp
                x -= step
                if abs(step) <= 1e-16 { break }
            }
            let dp = Self.legendre(n, x).derivative
            let weight = 2 / ((1 - x * x) * dp * dp)
            nodes[n - 1 - i] = x
            nodes[i] = -x
            weights[i] = weight
            weights[n - 1 - i] = weight
        }
        self.nodes = nodes
        self.weights = weights
    }

    /// P_n(x) and P′_n(x) by the three-term recurrence.
    private static func legendre(_ n: Int, _ x: Double) -> (value: Double, derivative: Double) {
        var previous = 1.0, current = x
        for k in 2...n {
            let next = ((2 * Double(k) - 1) * x * current - (Double(k) - 1) * previous) / Double(k)
            previous = current
            current = next
        }
        return (current, Double(n) * (x * current - previous) / (x * x - 1))
    }
}
