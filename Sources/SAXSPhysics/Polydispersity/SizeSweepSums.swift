/// What a sweep adds up at each q (P = ⟨F²⟩·1e-4 of one size, θ the shape parameters).
struct SizeSweepSums {
    /// Σ w P.
    var amplitude: [Double]
    /// Σ w·∂ln w/∂p · P (with the gradient only).
    var amplitudeByWidth: [Double]
    /// Σ w ∂P/∂θ_j, q-major like `ModelCurve` (with the gradient only).
    var gradient: [Double]
    /// Σ w·s ∂P/∂θ of the swept parameter (with the gradient only).
    var offsetGradient: [Double]

    init(count n: Int, shapeCount m: Int, gradient: Bool) {
        amplitude = [Double](repeating: 0, count: n)
        amplitudeByWidth = [Double](repeating: 0, count: gradient ? n : 0)
        self.gradient = [Double](repeating: 0, count: gradient ? n * m : 0)
        offsetGradient = [Double](repeating: 0, count: gradient ? n : 0)
    }
}
