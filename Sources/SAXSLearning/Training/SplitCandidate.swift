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
        let hasMissing = histogram[binCount].hessian > 0
        var lastFilled = binCount - 1
        while lastFilled >= 0, histogram[lastFilled].hessian == 0 { lastFilled -= 1 }
        let parentGain = gain(total)
        var best = BestSplit(score: parentGain)
        // Without missing values the last filled bin would put every row left: no split.
        scan(histogram, bins: 0..<max(hasMissing ? lastFilled + 1 : lastFilled, 0), total: total, missingGoLeft: false, into: &best)
        if hasMissing {
            scan(histogram, bins: stride(from: lastFilled, through: 0, by: -1), total: total, missingGoLeft: true, into: &best)
        }
        guard best.score > parentGain else { return nil }
        return SplitCandidate(lossChange: best.score - parentGain, feature: feature, bin: best.bin,
                              defaultLeft: best.defaultLeft, left: best.left, right: total - best.left)
    }

    private struct BestSplit {
        var score: Double
        var bin = 0
        var defaultLeft = false
        var left = GradientPair.zero
    }

    /// Adds up the bins in the order given on the side the scan starts from; the rest of the node, missing
    /// values included, forms the other side. Keeps in `best` any split that scores higher.
    @inline(__always)
    private func scan(_ histogram: UnsafeBufferPointer<GradientPair>, bins: some Sequence<Int>, total: GradientPair,
                      missingGoLeft: Bool, into best: inout BestSplit) {
        var scanned = GradientPair.zero
        for bin in bins where histogram[bin].hessian != 0 {
            scanned += histogram[bin]
            guard scanned.hessian >= minChildWeight else { continue }
            let rest = total - scanned
            guard rest.hessian >= minChildWeight, rest.hessian > 0 else { break }
            let score = scanned.gradient * scanned.gradient / (scanned.hessian + lambda)
                + rest.gradient * rest.gradient / (rest.hessian + lambda)
            if score > best.score {
                // Scanning down, the scanned bins go right: the split sends bins below `bin` left.
                best = missingGoLeft
                    ? BestSplit(score: score, bin: bin - 1, defaultLeft: true, left: rest)
                    : BestSplit(score: score, bin: bin, defaultLeft: false, left: scanned)
            }
        }
    }
}
