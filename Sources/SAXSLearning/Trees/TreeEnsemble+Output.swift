import Foundation

extension TreeEnsemble.Objective {
    /// Turns margins into predictions in place, with XGBoost's own float32 arithmetic so that the numbers agree
    /// to the bit: the logistic is 1 / (1 + expf(min(-x, 88.7))) (the clamp keeps expf finite); the softmax
    /// subtracts the largest margin, sums the float exponentials in double, and divides by that sum rounded to
    /// float.
    public func transform(_ margins: UnsafeMutableBufferPointer<Float>) {
        switch self {
        case .squaredError:
            return
        case .logistic:
            for index in margins.indices {
                margins[index] = 1 / (expf(Swift.min(-margins[index], 88.7)) + 1)
            }
        case .softprob:
            guard var largest = margins.first else { return }
            for margin in margins.dropFirst() { largest = fmaxf(margin, largest) }
            var sum = 0.0
            for index in margins.indices {
                margins[index] = expf(margins[index] - largest)
                sum += Double(margins[index])
            }
            let total = Float(sum)
            for index in margins.indices { margins[index] /= total }
        }
    }

    /// The starting margin for a model file's `base_score`, which XGBoost keeps in response space for objectives
    /// with a link function: for binary:logistic a probability, turned into a margin by XGBoost's float32 logit
    /// `-logf(1/p - 1)`. Training that starts from a mean label should take its margin from here too: only then
    /// does a saved model give back the same margin (most float margins near 0 are no float logit of any p).
    public func margin(fromBaseScore score: Float) -> Float {
        switch self {
        case .squaredError, .softprob: score
        case .logistic: -logf(1 / score - 1)
        }
    }

    /// The `base_score` to save for a starting margin: the inverse of `margin(fromBaseScore:)`. For the logistic
    /// it searches the floats around the exact sigmoid for one whose float logit is the margin, and takes the
    /// closest when none is (see `margin(fromBaseScore:)`).
    public func baseScore(forMargin margin: Float) -> Float {
        guard self == .logistic else { return margin }
        let start = Float(1 / (1 + exp(-Double(margin))))
        var best = start
        var below = start, above = start
        for _ in 0..<32 {
            for candidate in [below, above] where abs(self.margin(fromBaseScore: candidate) - margin)
                < abs(self.margin(fromBaseScore: best) - margin) {
                best = candidate
            }
            if self.margin(fromBaseScore: best) == margin { break }
            below = below.nextDown
            above = above.nextUp
        }
        return best
    }
}
