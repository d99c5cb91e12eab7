/// One shape parameter stepped across its size distribution with the other parameters held: the innermost loop of
/// a polydisperse average, and the unit a form factor can sum faster than size by size (see
/// `SizeSweepingFormFactor`).
///
/// sasmodels places the points of every distribution evenly in the size (x_k = x̄ + s_k·σ), so `sizes` ascend in
/// equal steps; that is what lets a sphere carry sin qR and cos qR from one size to the next by a rotation.
struct SizeSweep {
    /// The swept parameter's index in the shape.
    var parameter: Int
    var sizes: [Double]
    /// w_k, ≥ 0.
    var weights: [Double]
    /// w_k·s_k, s_k being size k's offset from the centre in standard deviations. Every chain-rule factor of the
    /// size (∂x_k/∂x̄ = 1 + s_k·p, ∂x_k/∂p = s_k·x̄) is affine in s_k, so Σ w ∂P and Σ w·s ∂P carry them all.
    var offsetWeights: [Double]
    /// w_k·∂ln w_k/∂p: how the weights themselves move with the relative width p.
    var widthWeights: [Double]
}
