import SAXSPhysics

/// Trains gradient-boosted trees as XGBoost's `hist` method does: quantile-binned features, second-order
/// (Newton) boosting, depthwise trees with learned default directions for missing values. The model comes out
/// in XGBoost's own layout (`TreeEnsemble`), so it can be saved for the Python package and predicted alike.
public struct BoostedTreeTrainer: Sendable {
    public var parameters: TrainingParameters

    public init(parameters: TrainingParameters = TrainingParameters()) {
        self.parameters = parameters
    }

    public func fit(features: FeatureMatrix, labels: [Float],
                    validation: (features: FeatureMatrix, labels: [Float])? = nil) throws(TrainingError) -> TreeEnsemble {
        try train(features: features, labels: labels, validation: validation).ensemble
    }

    /// Trains on `features` and `labels` (for softprob, class numbers 0, 1, …). With a validation set, the metric
    /// is recorded after every round, and with `earlyStoppingRounds` training stops once that many rounds went
    /// by without improvement, keeping the best round's trees.
    public func train(features: FeatureMatrix, labels: [Float],
                      validation: (features: FeatureMatrix, labels: [Float])? = nil) throws(TrainingError) -> TrainingOutcome {
        let parameters = parameters
        try parameters.validate()
        try Self.check(features, labels: labels, name: "training")
        if let validation {
            try Self.check(validation.features, labels: validation.labels, name: "validation")
            guard validation.features.columnCount == features.columnCount else {
                throw TrainingError(.shapeMismatch, "validation rows have \(validation.features.columnCount) features, training rows \(features.columnCount)")
            }
        }
        let objective = parameters.objective
        var groupCount = 1
        if objective == .softprob {
            if let classCount = parameters.classCount {
                groupCount = classCount
            } else {
                let largest = labels.max()!
                guard largest >= 1, largest < 65_536 else {
                    throw TrainingError(.invalidLabel, "multi:softprob takes its class count from the largest label, \(largest), which is no class number of 2 to 65536 classes")
                }
                groupCount = Int(largest) + 1
            }
        }
        try objective.validate(labels: labels, classCount: groupCount, name: "training")
        if let validation { try objective.validate(labels: validation.labels, classCount: groupCount, name: "validation") }

        let baseMargins: [Float] = try (parameters.baseScore.map { score throws(TrainingError) in
            try objective.baseMargins(responseScore: score, classCount: groupCount)
        } ?? objective.estimatedBaseMargins(labels: labels, classCount: groupCount)).map { Float($0) }
        let rowCount = features.rowCount
        var margins = (0..<rowCount).flatMap { _ in baseMargins }
        var validationMargins = (0..<(validation?.features.rowCount ?? 0)).flatMap { _ in baseMargins }
        var gradients = [GradientPair](repeating: .zero, count: rowCount * groupCount)

        let grower = TreeGrower(
            data: BinnedFeatures(features, maxBin: parameters.maxBin, threads: parameters.threads),
            settings: TreeGrower.Settings(
                regularization: LeafRegularization(lambda: parameters.lambda, minChildWeight: parameters.minChildWeight),
                learningRate: Float(parameters.learningRate), maxDepth: parameters.maxDepth, gamma: parameters.gamma,
                threads: parameters.threads))
        var generator = SeededGenerator(seed: parameters.seed)
        var trees: [RegressionTree] = []
        var scores: [Double] = []
        var bestRound: Int?
        for round in 0..<parameters.estimatorCount {
            objective.gradients(margins: margins, labels: labels, groupCount: groupCount, into: &gradients)
            for group in 0..<groupCount {
                let sample = Self.sampleRows(rowCount, fraction: parameters.subsample, using: &generator)
                let columns = Self.sampleFeatures(features.columnCount, fraction: parameters.columnSampleByTree, using: &generator)
                let grown = grower.grow(gradients: Array(gradients[(group * rowCount)..<((group + 1) * rowCount)]),
                                        sample: sample, features: columns)
                for (node, range) in grown.nodeRows.enumerated() where grown.tree.leftChildren[node] < 0 {
                    let value = grown.tree.splitConditions[node]
                    for index in range { margins[Int(grown.rows[index]) * groupCount + group] += value }
                }
                if sample.count < rowCount || validation != nil {
                    // The new tree alone, walked as a saved model walks it.
                    let walk = FlatTreeEnsemble(unchecked: TreeEnsemble(
                        objective: objective, featureCount: features.columnCount, groupCount: groupCount,
                        baseMargins: baseMargins, trees: [grown.tree], treeGroups: [group]))
                    if sample.count < rowCount {
                        walk.addLeaves(of: features, rows: Self.rowsOutside(sample, rowCount: rowCount), to: &margins)
                    }
                    if let validation {
                        walk.addLeaves(of: validation.features, rows: 0..<validation.features.rowCount, to: &validationMargins)
                    }
                }
                trees.append(grown.tree)
            }
            guard let validation else { continue }
            let score = parameters.effectiveMetric.score(margins: validationMargins, labels: validation.labels,
                                                         objective: objective, groupCount: groupCount)
            scores.append(score)
            if bestRound == nil || score < scores[bestRound!] {
                bestRound = round
            } else if let patience = parameters.earlyStoppingRounds, round - bestRound! >= patience {
                break
            }
        }
        if parameters.earlyStoppingRounds != nil, let bestRound {
            trees.removeSubrange(((bestRound + 1) * groupCount)...)
        }
        let ensemble = TreeEnsemble(
            objective: objective, featureCount: features.columnCount, groupCount: groupCount,
            baseMargins: baseMargins, trees: trees,
            treeGroups: trees.indices.map { $0 % groupCount })
        return TrainingOutcome(ensemble: ensemble, validationScores: scores, bestRound: bestRound)
    }

    private static func check(_ features: FeatureMatrix, labels: [Float], name: String) throws(TrainingError) {
        guard features.rowCount > 0 else { throw TrainingError(.shapeMismatch, "the \(name) set has no rows") }
        guard labels.count == features.rowCount else {
            throw TrainingError(.shapeMismatch, "the \(name) set has \(features.rowCount) rows but \(labels.count) labels")
        }
        if let row = labels.firstIndex(where: { !$0.isFinite }) {
            throw TrainingError(.invalidLabel, "\(name) label of row \(row) is \(labels[row])")
        }
        if let index = features.values.firstIndex(where: \.isInfinite) {
            throw TrainingError(.invalidFeature, "\(name) row \(index / features.columnCount), feature \(index % features.columnCount) is \(features.values[index])")
        }
    }

    /// Each row is kept with probability `fraction`, as XGBoost's uniform sampling does.
    private static func sampleRows(_ count: Int, fraction: Double, using generator: inout SeededGenerator) -> [UInt32] {
        guard fraction < 1 else { return (0..<UInt32(count)).map { $0 } }
        return (0..<UInt32(count)).filter { _ in Double(generator.next() >> 11) * 0x1p-53 < fraction }
    }

    /// round(fraction × count) features, at least one, drawn without replacement and returned in ascending order.
    private static func sampleFeatures(_ count: Int, fraction: Double, using generator: inout SeededGenerator) -> [Int] {
        guard fraction < 1 else { return Array(0..<count) }
        var all = Array(0..<count)
        let chosen = max(1, Int((fraction * Double(count)).rounded()))
        for index in 0..<chosen {
            all.swapAt(index, Int.random(in: index..<count, using: &generator))
        }
        return all[0..<chosen].sorted()
    }

    /// The rows not in `sample` (ascending).
    private static func rowsOutside(_ sample: [UInt32], rowCount: Int) -> [Int] {
        var inSample = [Bool](repeating: false, count: rowCount)
        for row in sample { inSample[Int(row)] = true }
        return (0..<rowCount).filter { !inSample[$0] }
    }
}
