/// First and second derivative of the loss at one row's margin (x: gradient, y: hessian), and sums of them.
/// One SIMD pair so adding a row to a histogram bin is a single vector add; Double because sums over
/// thousands of rows must not drift with the order they are taken in (XGBoost sums in double too).
typealias GradientPair = SIMD2<Double>

extension GradientPair {
    var gradient: Double { x }
    var hessian: Double { y }
}

/// The second-order leaf and split formulas of XGBoost (Chen and Guestrin 2016, eqs. 5 and 7) with its L2
/// penalty `lambda`. A node whose hessian sum is below `min_child_weight` gets weight and gain 0, as there.
struct LeafRegularization: Sendable {
    var lambda: Double
    var minChildWeight: Double

    /// Optimal leaf value -G / (H + λ).
    func weight(_ sum: GradientPair) -> Double {
        sum.hessian < minChildWeight || sum.hessian <= 0 ? 0 : -sum.gradient / (sum.hessian + lambda)
    }

    /// Loss reduction of giving the node its optimal weight, doubled: G² / (H + λ).
    func gain(_ sum: GradientPair) -> Double {
        sum.hessian < minChildWeight || sum.hessian <= 0 ? 0 : sum.gradient * sum.gradient / (sum.hessian + lambda)
    }
}
