/// The best way found to split one node: on which feature, after which bin, where missing values go, and the
/// gradient sums of the two children it makes.
struct SplitCandidate: Sendable {
    /// Loss reduction, XGBoost's `loss_chg`: gain(left) + gain(right) - gain(node).
    var lossChange: Double
    var feature: Int
    /// Bins `0...bin` go left; -1 sends only missing values left.
    var bin: Int
    var defaultLeft: Bool
    var left: GradientPair
    var right: GradientPair

    /// XGBoost's order: the larger loss reduction, and on a tie the lower feature index, so the choice does not
    /// depend on the order features were searched in (and so not on the number of threads).
    func isBetter(than other: SplitCandidate?) -> Bool {
        guard let other else { return true }
        return lossChange > other.lossChange || (lossChange == other.lossChange && feature < other.feature)
    }
}

extension LeafRegularization {
    /// The best split of a node on one feature from its histogram: `histogram[0 ..< binCount]` are the bins,
    /// `histogram[binCount]` the node's missing values, `total` the node's sums. The scan goes up the bins with
    /// missing values sent right and, when the node has missing values, down the bins with them sent left, which
    /// is how XGBoost learns a default direction. An empty bin is skipped: it leaves the sums, and so the gain,
    /// as they were one bin before, and the first of equal gains is kept. Returns nil when no split of this
    /// feature reduces the loss with both children at `min_child_weight` or more.
    func bestSplit(histogram: UnsafeBufferPointer<GradientPair>, binCount: Int, total: GradientPair, feature: Int) -> SplitCandidate? {
        let missing = histogram[binCount]
        let hasMissing = missing.hessian > 0
        var lastFilled = binCount - 1
        while lastFilled >= 0, histogram[lastFilled].hessian == 0 { lastFilled -= 1 }
        let parentGain = gain(total)
        var bestScore = parentGain
        var bestBin = 0
        var bestDefaultLeft = false
        var bestLeft = GradientPair.zero
        var left = GradientPair.zero
        // Without missing values the last filled bin would put every row left: no split.
        let forwardEnd = hasMissing ? lastFilled + 1 : lastFilled
        for bin in 0..<max(forwardEnd, 0) where histogram[bin].hessian != 0 {
            left += histogram[bin]
            guard left.hessian >= minChildWeight else { continue }
            let right = total - left
            guard right.hessian >= minChildWeight, right.hessian > 0 else { break }
            let score = left.gradient * left.gradient / (left.hessian + lambda)
                + right.gradient * right.gradient / (right.hessian + lambda)
            if score > bestScore {
                bestScore = score
                bestBin = bin
                bestLeft = left
            }
        }
        if hasMissing {
            var right = GradientPair.zero
            for bin in stride(from: lastFilled, through: 0, by: -1) where histogram[bin].hessian != 0 {
                right += histogram[bin]
                guard right.hessian >= minChildWeight else { continue }
                let left = total - right
                guard left.hessian >= minChildWeight, left.hessian > 0 else { break }
                let score = left.gradient * left.gradient / (left.hessian + lambda)
                    + right.gradient * right.gradient / (right.hessian + lambda)
                if score > bestScore {
                    bestScore = score
                    bestBin = bin - 1
                    bestDefaultLeft = true
                    bestLeft = left
                }
            }
        }
        guard bestScore > parentGain else { return nil }
        return SplitCandidate(lossChange: bestScore - parentGain, feature: feature, bin: bestBin,
                              defaultLeft: bestDefaultLeft, left: bestLeft, right: total - bestLeft)
    }
}
