import Foundation

/// What training needs from an objective: which labels it accepts, where boosting starts, and the loss
/// derivatives each tree is fitted to (XGBoost's formulas, hessians floored at 1e-16 as there).
extension TreeEnsemble.Objective {
    /// Refuses labels the objective has no meaning for; the labels are finite already.
    func validate(labels: [Float], classCount: Int, name: String) throws(TrainingError) {
        for (row, label) in labels.enumerated() {
            switch self {
            case .squaredError:
                break
            case .logistic:
                guard (0...1).contains(label) else {
                    throw TrainingError(.invalidLabel, "\(name) label of row \(row) is \(label); binary:logistic needs labels in [0, 1]")
                }
            case .softprob:
                guard label >= 0, label < Float(classCount), label == label.rounded() else {
                    throw TrainingError(.invalidLabel, "\(name) label of row \(row) is \(label); multi:softprob needs class numbers 0 … \(classCount - 1)")
                }
            }
        }
    }

    /// Starting margins estimated from the labels as XGBoost 3 does: the mean for squared error, the logit of
    /// the mean for logistic, and for softprob the log class frequencies centred to sum to zero. Frequencies are
    /// kept at least 1e-6 from 0 and 1 so an absent class or a one-class set still has a finite margin.
    func estimatedBaseMargins(labels: [Float], classCount: Int) -> [Double] {
        let rows = Double(labels.count)
        switch self {
        case .squaredError:
            return [labels.reduce(0) { $0 + Double($1) } / rows]
        case .logistic:
            let mean = Self.clampedProbability(labels.reduce(0) { $0 + Double($1) } / rows)
            return [log(mean / (1 - mean))]
        case .softprob:
            var counts = [Double](repeating: 0, count: classCount)
            for label in labels { counts[Int(label)] += 1 }
            let logs = counts.map { log(Self.clampedProbability($0 / rows)) }
            let centre = logs.reduce(0, +) / Double(classCount)
            return logs.map { $0 - centre }
        }
    }

    /// Starting margins from a `base_score` given in response space; softprob takes it as every class's margin,
    /// where it cancels in the softmax.
    func baseMargins(responseScore score: Double, classCount: Int) throws(TrainingError) -> [Double] {
        switch self {
        case .squaredError:
            return [score]
        case .logistic:
            guard score > 0, score < 1 else {
                throw TrainingError(.invalidParameter, "base_score \(score) of binary:logistic must lie strictly between 0 and 1")
            }
            return [log(score / (1 - score))]
        case .softprob:
            return [Double](repeating: score, count: classCount)
        }
    }

    /// Gradients of every output group: `gradients[group * rows + row]`, from `margins[row * groups + group]`.
    /// Worked out in float32 as XGBoost does, so that on the same bins the trees come out the same to the bit.
    func gradients(margins: [Float], labels: [Float], groupCount: Int, into gradients: inout [GradientPair]) {
        let rows = labels.count
        switch self {
        case .squaredError:
            for row in 0..<rows {
                gradients[row] = GradientPair(Double(margins[row] - labels[row]), 1)
            }
        case .logistic:
            for row in 0..<rows {
                let p = Self.sigmoid(margins[row])
                gradients[row] = GradientPair(Double(p - labels[row]), Double(max(p * (1 - p), 1e-16)))
            }
        case .softprob:
            var probabilities = [Float](repeating: 0, count: groupCount)
            for row in 0..<rows {
                Self.softmax(margins[(row * groupCount)..<((row + 1) * groupCount)], into: &probabilities)
                let label = Int(labels[row])
                for group in 0..<groupCount {
                    let p = probabilities[group]
                    // XGBoost's softmax hessian carries a factor 2; it keeps leaf steps short of the full Newton step.
                    gradients[group * rows + row] = GradientPair(Double(group == label ? p - 1 : p), Double(max(2 * p * (1 - p), 1e-16)))
                }
            }
        }
    }

    static func sigmoid(_ margin: Float) -> Float {
        1 / (1 + exp(-margin))
    }

    static func softmax(_ margins: ArraySlice<Float>, into probabilities: inout [Float]) {
        let largest = margins.max()!
        var total: Float = 0
        for (group, margin) in margins.enumerated() {
            probabilities[group] = exp(margin - largest)
            total += probabilities[group]
        }
        for group in probabilities.indices { probabilities[group] /= total }
    }

    private static func clampedProbability(_ p: Double) -> Double {
        min(max(p, 1e-6), 1 - 1e-6)
    }
}
