extension Polydispersity {
    /// The sizes a distribution is sampled at, with what the polydisperse average needs to differentiate.
    struct Points {
        var sizes: [Double] = []
        /// s: each size's offset from the centre in standard deviations.
        var offsets: [Double] = []
        /// ln w, shifted so that the largest is 0 (Schulz weights at small widths underflow otherwise).
        var logWeights: [Double] = []
        /// ∂ ln w/∂width at fixed s.
        var logWeightByWidth: [Double] = []
        /// ∂x/∂x̄ = 1 + s·width.
        var sizeByCentre: [Double] = []
        /// ∂x/∂width = s·x̄.
        var sizeByWidth: [Double] = []

        /// The centre alone, with weight 1 (ln w = 0) and no dependence on the width.
        static func centre(_ centre: Double) -> Points {
            Points(sizes: [centre], offsets: [0], logWeights: [0], logWeightByWidth: [0], sizeByCentre: [1],
                   sizeByWidth: [0])
        }
    }

    /// sasmodels' points and weights for centre x̄ and relative width p; points outside `limits` are dropped as
    /// sasmodels drops them. A width of 0 (or fewer than 2 points) gives the centre alone.
    func points(centre: Double, width p: Double, limits: ClosedRange<Double>) -> Points {
        let sigma = p * centre
        if sigma == 0 || points < 2 { return limits.contains(centre) ? .centre(centre) : Points() }
        var result = Points()
        let lower = distribution.lowerLimit(limits.lowerBound), upper = limits.upperBound
        let step = 2 * sigmas / Double(points - 1)
        for k in 0..<points {
            // numpy's linspace: start + k·step, with the last point exactly at the end.
            let s = k == points - 1 ? sigmas : -sigmas + Double(k) * step
            let x = centre + s * sigma
            guard x >= lower, x <= upper else { continue }
            let (logWeight, byWidth) = distribution.logWeight(sigmas: s, width: p)
            result.sizes.append(x)
            result.offsets.append(s)
            result.logWeights.append(logWeight)
            result.logWeightByWidth.append(byWidth)
            result.sizeByCentre.append(1 + s * p)
            result.sizeByWidth.append(s * centre)
        }
        if let largest = result.logWeights.max() {
            result.logWeights = result.logWeights.map { $0 - largest }
        }
        return result
    }
}
