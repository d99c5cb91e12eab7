/// How a model folder labels curves whose phase is known: the confusion matrix and the accuracy, the phase
/// always the most probable one (no `unknown`).
public struct PhaseEvaluation: Sendable {
    public let labels: [String]
    /// confusion[true][predicted], rows and columns in `labels`' order.
    public let confusion: [[Int]]

    public init(_ identifier: PhaseIdentifier, on examples: [ModelSetTrainer.Example]) {
        let labels = identifier.manifest.classifier?.labels ?? []
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        for example in examples {
            let estimate = identifier.estimate(features: example.features, minimumProbability: 0)
            guard let truth = labels.firstIndex(of: example.label.rawValue),
                  let predicted = labels.firstIndex(of: estimate.label) else { continue }
            confusion[truth][predicted] += 1
        }
        self.labels = labels
        self.confusion = confusion
    }

    public var correct: Int { labels.indices.reduce(0) { $0 + confusion[$1][$1] } }
    public var total: Int { confusion.reduce(0) { $0 + $1.reduce(0, +) } }
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }
}
