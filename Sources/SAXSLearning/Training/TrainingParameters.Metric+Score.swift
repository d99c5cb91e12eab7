import Foundation

extension TrainingParameters.Metric {
    /// Whether the metric can score a model of this objective: rmse scores a value (for logistic, the
    /// probability), the log losses need probabilities of the right number of classes.
    func applies(to objective: TreeEnsemble.Objective) -> Bool {
        switch self {
        case .rmse: objective != .softprob
        case .logloss: objective == .logistic
        case .mlogloss: objective == .softprob
        }
    }

    /// The metric over a data set, from margins laid out `margins[row * groups + group]`. Probabilities are
    /// clipped to [1e-16, 1 - 1e-16] before the logarithm, as XGBoost does, so one confident mistake is finite.
    func score(margins: [Float], labels: [Float], objective: TreeEnsemble.Objective, groupCount: Int) -> Double {
        let rows = labels.count
        var total = 0.0
        switch self {
        case .rmse:
            for row in 0..<rows {
                let margin = margins[row]
                let prediction = objective == .logistic ? TreeEnsemble.Objective.sigmoid(margin) : margin
                let error = Double(prediction) - Double(labels[row])
                total += error * error
            }
            return (total / Double(rows)).squareRoot()
        case .logloss:
            for row in 0..<rows {
                let p = Self.clipped(Double(TreeEnsemble.Objective.sigmoid(margins[row])))
                let y = Double(labels[row])
                total -= y * log(p) + (1 - y) * log(1 - p)
            }
        case .mlogloss:
            var probabilities = [Float](repeating: 0, count: groupCount)
            for row in 0..<rows {
                TreeEnsemble.Objective.softmax(margins[(row * groupCount)..<((row + 1) * groupCount)], into: &probabilities)
                total -= log(Self.clipped(Double(probabilities[Int(labels[row])])))
            }
        }
        return total / Double(rows)
    }

    private static func clipped(_ p: Double) -> Double {
        min(max(p, 1e-16), 1 - 1e-16)
    }
}
