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
    }

    /// sasmodels' points and weights for centre x̄ and relative width p; points outside `limits` are dropped as
    /// sasmodels drops them. A width of 0 (or fewer than 2 points) gives the centre alone.
    func points(centre: Double, width p: Double, limits: ClosedRange<Double>) -> Points {
        var result = Points()
        let sigma = p * centre
        if sigma == 0 || points < 2 {
            if limits.contains(centre) {
                result.sizes = [centre]
                result.offsets = [0]
                result.logWeights = [0]
                result.logWeightByWidth = [0]
                result.sizeByCentre = [1]
                result.sizeByWidth = [0]
            }
            return result
        }
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
