import Foundation
@testable import SAXSLearning
import SAXSTestSupport
import Testing

@Suite struct BoostedTreeTrainerTests {
    // MARK: Helpers

    /// Margins of every row under the whole ensemble, through the trainer's own float32 walk.
    private func margins(_ ensemble: TreeEnsemble, _ features: FeatureMatrix) -> [Float] {
        var margins = (0..<features.rowCount).flatMap { _ in ensemble.baseMargins }
        FlatTreeEnsemble(unchecked: ensemble).addLeaves(of: features, rows: 0..<features.rowCount, to: &margins)
        return margins
    }

    private func rSquared(_ predictions: [Float], _ labels: [Float]) -> Double {
        let mean = labels.reduce(0) { $0 + Double($1) } / Double(labels.count)
        let residual = zip(predictions, labels).reduce(0) { $0 + pow(Double($1.0) - Double($1.1), 2) }
        let total = labels.reduce(0) { $0 + pow(Double($1) - mean, 2) }
        return 1 - residual / total
    }

    private func uniform(_ count: Int, _ generator: inout SeededGenerator) -> [Float] {
        (0..<count).map { _ in Float.random(in: 0..<1, using: &generator) }
    }

    /// Rows of `columns` uniform features and labels from `label`.
    private func dataset(rows: Int, columns: Int, seed: UInt64, label: ([Float]) -> Float) -> (FeatureMatrix, [Float]) {
        var generator = SeededGenerator(seed: seed)
        let rowValues = (0..<rows).map { _ in uniform(columns, &generator) }
        return (FeatureMatrix(rows: rowValues), rowValues.map(label))
    }

    private func parameters(_ change: (inout TrainingParameters) -> Void) -> TrainingParameters {
        var parameters = TrainingParameters()
        change(&parameters)
        return parameters
    }

    // MARK: Fitting

    @Test func fitsASmoothFunctionOfTwoFeaturesAndIgnoresANoiseFeature() throws {
        let function: ([Float]) -> Float = { sin(6 * $0[0]) + 2 * $0[1] * $0[1] }
        let (train, trainLabels) = dataset(rows: 1_000, columns: 3, seed: 1, label: function)
        let (test, testLabels) = dataset(rows: 300, columns: 3, seed: 2, label: function)
        let ensemble = try BoostedTreeTrainer(parameters: parameters {
            $0.estimatorCount = 60
            $0.maxDepth = 4
        }).fit(features: train, labels: trainLabels)
        #expect(ensemble.trees.count == 60)
        #expect(rSquared(margins(ensemble, test), testLabels) > 0.97)
        // Gain by feature, as XGBoost's "total_gain" importance: the noise feature's splits reduce little loss.
        var gains = [0.0, 0, 0]
        for tree in ensemble.trees {
            for node in 0..<tree.nodeCount where tree.leftChildren[node] >= 0 {
                gains[Int(tree.splitFeatures[node])] += Double(tree.lossChanges[node])
            }
        }
        #expect(gains[2] < 0.01 * gains.reduce(0, +))
    }

    @Test func baseScoreOfSquaredErrorIsTheLabelMean() throws {
        let (features, labels) = dataset(rows: 200, columns: 2, seed: 3) { 5 + $0[0] }
        let ensemble = try BoostedTreeTrainer(parameters: parameters { $0.estimatorCount = 1 }).fit(features: features, labels: labels)
        let mean = labels.reduce(0) { $0 + Double($1) } / Double(labels.count)
        #expect(ensemble.baseMargins == [Float(mean)])
        #expect(ensemble.objective == .squaredError && ensemble.groupCount == 1)
    }

    // MARK: Loss derivatives

    /// Each objective's gradient is the derivative of its loss in the margin, and its hessian the derivative of
    /// the gradient (twice it for softprob, XGBoost's deliberate factor), both by central differences.
    @Test(arguments: TreeEnsemble.Objective.allCases)
    func gradientsAndHessiansAreTheLossDerivatives(objective: TreeEnsemble.Objective) {
        let groups = objective == .softprob ? 3 : 1
        let margins: [Float] = objective == .softprob ? [0.3, -1.2, 0.8, 2.0, 0.1, -0.5] : [0.3, -1.2]
        let labels: [Float] = objective == .squaredError ? [1.7, -0.4] : objective == .logistic ? [1, 0] : [2, 0]
        func loss(_ row: Int, _ margins: [Double]) -> Double {
            let y = Double(labels[row])
            switch objective {
            case .squaredError: return 0.5 * pow(margins[0] - y, 2)
            case .logistic: return log(1 + exp(-margins[0])) + (1 - y) * margins[0]
            case .softprob: return log(margins.map(exp).reduce(0, +)) - margins[Int(y)]
            }
        }
        var gradients = [GradientPair](repeating: .zero, count: margins.count)
        objective.gradients(margins: margins, labels: labels, groupCount: groups, into: &gradients)
        let step = 1e-4
        for row in 0..<labels.count {
            let own = margins[(row * groups)..<((row + 1) * groups)].map(Double.init)
            for group in 0..<groups {
                func shifted(_ by: Double) -> [Double] {
                    var values = own
                    values[group] += by
                    return values
                }
                let slope = { (at: Double) in (loss(row, shifted(at + step)) - loss(row, shifted(at - step))) / (2 * step) }
                let curvature = (slope(step) - slope(-step)) / (2 * step)
                let pair = gradients[group * labels.count + row]
                #expect(abs(pair.gradient - slope(0)) < 1e-5, "gradient of row \(row), group \(group)")
                #expect(abs(pair.hessian - (objective == .softprob ? 2 : 1) * curvature) < 1e-4, "hessian of row \(row), group \(group)")
            }
        }
    }

    // MARK: The split and leaf formulas on data small enough to work out by hand

    /// x = 1 2 3 4, y = 1 1 3 3. From the mean 2 the gradients are 1 1 -1 -1 and the hessians 1, so the root
    /// sums are G = 0, H = 4. Splitting before x = k: G_L = sum of the gradients of x < k, H_L = their count.
    private let stumpFeatures = FeatureMatrix(rows: [[1], [2], [3], [4]])
    private let stumpLabels: [Float] = [1, 1, 3, 3]

    private func stump(_ change: (inout TrainingParameters) -> Void) throws -> RegressionTree {
        let trained = try BoostedTreeTrainer(parameters: parameters {
            $0.estimatorCount = 1
            $0.maxDepth = 1
            $0.learningRate = 0.5
            change(&$0)
        }).fit(features: stumpFeatures, labels: stumpLabels)
        return trained.trees[0]
    }

    @Test(arguments: [0.0, 1.0, 10.0])
    func stumpSplitsWhereTheGainIsLargestWithLeafWeightsMinusGOverHPlusLambda(lambda: Double) throws {
        let tree = try stump { $0.lambda = lambda }
        let gain = { (g: Double, h: Double) in g * g / (h + lambda) }
        // Candidate splits before x = 2, 3, 4 with (G_L, H_L) = (1, 1), (2, 2), (1, 3); the root gain is 0.
        let losses = [(1.0, 1.0), (2.0, 2.0), (1.0, 3.0)].map { gain($0.0, $0.1) + gain(-$0.0, 4 - $0.1) }
        #expect(losses[1] > losses[0] && losses[1] > losses[2])
        #expect(tree.leftChildren == [1, -1, -1] && tree.rightChildren == [2, -1, -1])
        #expect(tree.splitFeatures[0] == 0 && tree.splitConditions[0] == 3)
        #expect(abs(Double(tree.lossChanges[0]) - losses[1]) < 1e-5)
        let leftWeight = -2 / (2 + lambda)
        #expect(abs(Double(tree.splitConditions[1]) - 0.5 * leftWeight) < 1e-6)
        #expect(abs(Double(tree.splitConditions[2]) + 0.5 * leftWeight) < 1e-6)
        #expect(tree.sumHessians == [4, 2, 2])
        #expect(tree.baseWeights[0] == 0 && tree.baseWeights[1] == tree.splitConditions[1])
        #expect(tree.defaultLeft == [false, false, false])
    }

    @Test func gammaBelowTheLossReductionSplitsAndAboveItDoesNot() throws {
        let lossChange = 2.0 * 2 / 3 + 2.0 * 2 / 3
        #expect(try stump { $0.gamma = lossChange - 0.01 }.nodeCount == 3)
        let leaf = try stump { $0.gamma = lossChange + 0.01 }
        #expect(leaf.nodeCount == 1)
        // A lone root keeps XGBoost's unscaled base weight; its value is the scaled weight of G = 0: zero.
        #expect(leaf.splitConditions == [0] && leaf.sumHessians == [4])
    }

    @Test func minChildWeightKeepsLightChildrenFromForming() throws {
        // One outlier: without a limit the best split isolates it; with min_child_weight 2 each side needs two rows.
        let features = FeatureMatrix(rows: [[1], [2], [3], [4], [5], [6]])
        let labels: [Float] = [10, 0, 0, 0, 0, 0]
        func root(minChildWeight: Double) throws -> RegressionTree {
            try BoostedTreeTrainer(parameters: parameters {
                $0.estimatorCount = 1
                $0.maxDepth = 1
                $0.minChildWeight = minChildWeight
            }).fit(features: features, labels: labels).trees[0]
        }
        #expect(try root(minChildWeight: 1).splitConditions[0] == 2)
        let limited = try root(minChildWeight: 2)
        #expect(limited.splitConditions[0] == 3)
        #expect(limited.sumHessians[1] >= 2 && limited.sumHessians[2] >= 2)
        #expect(try root(minChildWeight: 3.5).nodeCount == 1)
    }

    // MARK: Missing values

    @Test(arguments: [Float(5), 0])
    func missingValuesLearnTheDefaultDirectionOfTheRowsTheyResemble(missingLabel: Float) throws {
        let features = FeatureMatrix(rows: [[1], [2], [3], [4], [.nan], [.nan]])
        let labels: [Float] = [0, 0, 5, 5, missingLabel, missingLabel]
        let ensemble = try BoostedTreeTrainer(parameters: parameters {
            $0.estimatorCount = 1
            $0.maxDepth = 1
            $0.lambda = 0
        }).fit(features: features, labels: labels)
        let tree = ensemble.trees[0]
        #expect(tree.nodeCount == 3 && tree.splitConditions[0] == 3)
        #expect(tree.defaultLeft[0] == (missingLabel == 0))
        let predicted = margins(ensemble, features)
        #expect(predicted[4] == predicted[missingLabel == 0 ? 0 : 3])
    }

    @Test func aFeatureKnownOnlyForSomeRowsCanSplitOffTheMissingOnes() throws {
        let features = FeatureMatrix(rows: [[1], [1], [1], [1], [.nan], [.nan]])
        let tree = try BoostedTreeTrainer(parameters: parameters {
            $0.estimatorCount = 1
            $0.maxDepth = 1
        }).fit(features: features, labels: [0, 0, 0, 0, 5, 5]).trees[0]
        #expect(tree.nodeCount == 3 && !tree.defaultLeft[0])
        #expect(tree.splitConditions[0] > 1)
    }

    // MARK: Binning

    @Test func fewDistinctValuesGetABinEachAndTheLastCutLiesAboveTheMaximum() {
        let values: [Float] = [0.5, -2, 3, 0, -2, .nan, 0.5]
        let binned = BinnedFeatures(FeatureMatrix(rows: values.map { [$0] }), maxBin: 256, threads: 1)
        #expect(binned.cuts == [0, 0.5, 3, Float(3 + (3 + 1e-5))])
        // A value's bin is the number of cuts at or below it; missing values get the bin after the last.
        #expect(binned.bins == [2, 0, 3, 1, 0, 4, 2])
        #expect(binned.minimums == [Float(-2 - (2 + 1e-5))])
        #expect(binned.threshold(feature: 0, bin: 1) == 0.5 && binned.threshold(feature: 0, bin: -1) == binned.minimums[0])
    }

    @Test func sortKeysOrderFloatsAsTheirValues() {
        let ascending: [Float] = [-.greatestFiniteMagnitude, -1e30, -3.5, -1e-30, 0, 1e-30, 2, 7, .greatestFiniteMagnitude]
        #expect(zip(ascending, ascending.dropFirst()).allSatisfy { BinnedFeatures.sortKey($0) < BinnedFeatures.sortKey($1) })
        var generator = SeededGenerator(seed: 16)
        var entries = (0..<1_000).map { row in
            UInt64(BinnedFeatures.sortKey(Float.random(in: -100...100, using: &generator))) << 32 | UInt64(row)
        }
        let expected = entries.sorted { ($0 >> 32, $0 & 0xFFFF_FFFF) < ($1 >> 32, $1 & 0xFFFF_FFFF) }
        BinnedFeatures.radixSortByHighHalf(&entries)
        #expect(entries == expected)
    }

    @Test func manyDistinctValuesGetQuantileBinsOfEqualCounts() {
        var generator = SeededGenerator(seed: 4)
        let values = uniform(10_000, &generator)
        let binned = BinnedFeatures(FeatureMatrix(rows: values.map { [$0] }), maxBin: 64, threads: 1)
        #expect(binned.binCount(0) == 64)
        var counts = [Int](repeating: 0, count: 64)
        for bin in binned.bins { counts[Int(bin)] += 1 }
        #expect(counts.allSatisfy { abs(Double($0) - 10_000.0 / 64) < 2 }, "\(counts)")
    }

    /// The grower sends rows down by bins; saved trees by `Float(x) < condition`. Every row must reach the same
    /// leaf both ways, ties, missing values and all.
    @Test func everyRowTakesTheSameBranchesByBinAndByFloatThreshold() {
        var generator = SeededGenerator(seed: 5)
        let rows = 2_000
        let values: [Float] = (0..<(rows * 4)).map { index in
            let u = Float.random(in: 0..<1, using: &generator)
            if u < 0.1 { return .nan }
            return index % 4 == 3 ? (u * 8).rounded(.down) : u * 100 - 50
        }
        let features = FeatureMatrix(rowCount: rows, columnCount: 4, values: values)
        let gradients = (0..<rows).map { row in
            GradientPair(Double(values[row * 4 + 3].isNaN ? 1 : values[row * 4 + 3]) - Double(values[row * 4].isNaN ? 0 : values[row * 4]) / 20, 1)
        }
        let grower = TreeGrower(
            data: BinnedFeatures(features, maxBin: 32, threads: 2),
            settings: .init(regularization: LeafRegularization(lambda: 1, minChildWeight: 1), learningRate: 1,
                            maxDepth: 6, gamma: 0, threads: 2))
        let grown = grower.grow(gradients: gradients, sample: (0..<UInt32(rows)).map { $0 }, features: [0, 1, 2, 3])
        #expect(grown.tree.nodeCount > 31)
        var leafOfRow = [Int](repeating: -1, count: rows)
        for (node, range) in grown.nodeRows.enumerated() where grown.tree.leftChildren[node] < 0 {
            for index in range { leafOfRow[Int(grown.rows[index])] = node }
        }
        for row in 0..<rows {
            var node = 0
            while grown.tree.leftChildren[node] >= 0 {
                let x = features[row, Int(grown.tree.splitFeatures[node])]
                let left = x.isNaN ? grown.tree.defaultLeft[node] : x < grown.tree.splitConditions[node]
                node = Int(left ? grown.tree.leftChildren[node] : grown.tree.rightChildren[node])
            }
            #expect(node == leafOfRow[row], "row \(row)")
        }
    }

    // MARK: Early stopping and determinism

    @Test func earlyStoppingKeepsTheBestRoundOfTheValidationSet() throws {
        // Labels mostly noise: the validation error falls for a few rounds, then rises as the trees learn the noise.
        var generator = SeededGenerator(seed: 6)
        let noisy: ([Float]) -> Float = { $0[0] + Float.random(in: -1...1, using: &generator) }
        let (train, trainLabels) = dataset(rows: 200, columns: 5, seed: 7, label: noisy)
        let (validation, validationLabels) = dataset(rows: 200, columns: 5, seed: 8, label: noisy)
        let outcome = try BoostedTreeTrainer(parameters: parameters {
            $0.estimatorCount = 300
            $0.earlyStoppingRounds = 10
        }).train(features: train, labels: trainLabels, validation: (validation, validationLabels))
        let best = try #require(outcome.bestRound)
        #expect(outcome.validationScores.count == best + 11)
        #expect(outcome.validationScores.firstIndex(of: outcome.validationScores.min()!) == best)
        #expect(outcome.ensemble.trees.count == best + 1)
        let predicted = margins(outcome.ensemble, validation)
        let rmse = (zip(predicted, validationLabels).reduce(0) { $0 + pow(Double($1.0) - Double($1.1), 2) } / 200).squareRoot()
        #expect(abs(rmse - outcome.validationScores[best]) < 1e-12)
    }

    @Test func theModelDoesNotDependOnTheNumberOfThreads() throws {
        var generator = SeededGenerator(seed: 9)
        let (clean, labels) = dataset(rows: 600, columns: 40, seed: 10) { $0[0] * 3 + sin(5 * $0[1]) - $0[7] }
        let features = FeatureMatrix(rowCount: clean.rowCount, columnCount: clean.columnCount, values: clean.values.map {
            Float.random(in: 0..<1, using: &generator) < 0.05 ? .nan : $0
        })
        let models = try [1, 2, 3, 7].map { threads in
            try BoostedTreeTrainer(parameters: parameters {
                $0.estimatorCount = 20
                $0.subsample = 0.8
                $0.columnSampleByTree = 0.5
                $0.seed = 11
                $0.threads = threads
            }).fit(features: features, labels: labels)
        }
        #expect(models.allSatisfy { $0 == models[0] })
        let reseeded = try BoostedTreeTrainer(parameters: parameters {
            $0.estimatorCount = 20
            $0.subsample = 0.8
            $0.columnSampleByTree = 0.5
            $0.seed = 12
        }).fit(features: features, labels: labels)
        #expect(reseeded != models[0])
    }

    @Test func columnSamplingLimitsEachTreeToItsShareOfFeatures() throws {
        let (features, labels) = dataset(rows: 300, columns: 10, seed: 13) { $0.reduce(0, +) }
        let ensemble = try BoostedTreeTrainer(parameters: parameters {
            $0.estimatorCount = 10
            $0.columnSampleByTree = 0.2
        }).fit(features: features, labels: labels)
        for tree in ensemble.trees {
            let used = Set(tree.leftChildren.indices.filter { tree.leftChildren[$0] >= 0 }.map { tree.splitFeatures[$0] })
            #expect(used.count <= 2)
        }
    }

    // MARK: Classification

    @Test func logisticSeparatesTwoClassesAndStartsFromTheLogitOfTheMean() throws {
        let (features, labels) = dataset(rows: 400, columns: 3, seed: 14) { $0[1] > 0.7 ? 1 : 0 }
        let ensemble = try BoostedTreeTrainer(parameters: parameters {
            $0.objective = .logistic
            $0.estimatorCount = 30
        }).fit(features: features, labels: labels)
        let mean = labels.reduce(0) { $0 + Double($1) } / Double(labels.count)
        #expect(ensemble.baseMargins == [Float(log(mean / (1 - mean)))])
        let probabilities = margins(ensemble, features).map { 1 / (1 + exp(-$0)) }
        #expect(zip(probabilities, labels).allSatisfy { ($0 > 0.5) == ($1 == 1) })
        #expect(zip(probabilities, labels).reduce(0) { $0 + abs($1.0 - $1.1) } / 400 < 0.05)
    }

    @Test func softprobSeparatesThreeClassesWithOneTreePerClassAndRound() throws {
        let (features, labels) = dataset(rows: 600, columns: 3, seed: 15) { $0[2] < 0.2 ? 0 : $0[2] < 0.6 ? 1 : 2 }
        let outcome = try BoostedTreeTrainer(parameters: parameters {
            $0.objective = .softprob
            $0.estimatorCount = 20
        }).train(features: features, labels: labels, validation: (features, labels))
        let ensemble = outcome.ensemble
        #expect(ensemble.groupCount == 3 && ensemble.trees.count == 60)
        #expect(ensemble.treeGroups == (0..<60).map { $0 % 3 })
        let frequencies = (0..<3).map { k in Double(labels.filter { $0 == Float(k) }.count) / 600 }
        let centre = frequencies.map { log($0) }.reduce(0, +) / 3
        for k in 0..<3 { #expect(abs(Double(ensemble.baseMargins[k]) - (log(frequencies[k]) - centre)) < 1e-6) }
        let margins = margins(ensemble, features)
        let predicted = (0..<600).map { row in (0..<3).max { margins[row * 3 + $0] < margins[row * 3 + $1] }! }
        #expect(zip(predicted, labels).allSatisfy { Float($0) == $1 })
        #expect(outcome.validationScores.last! < 0.1 && outcome.validationScores.last! < outcome.validationScores.first!)
    }

    // MARK: Against XGBoost

    private func reference(_ name: String) throws -> [[Double]] {
        try ColumnText(path: SharedFiles.root.appendingPathComponent("reference/xgboost/\(name)").path).rows
    }

    /// The trees of a model saved by XGBoost, as the node arrays its JSON holds.
    private func referenceTrees(_ name: String) throws -> [[String: [Double]]] {
        let url = SharedFiles.root.appendingPathComponent("reference/xgboost/\(name)")
        let model = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let learner = model["learner"] as! [String: Any]
        let booster = learner["gradient_booster"] as! [String: Any]
        let trees = (booster["model"] as! [String: Any])["trees"] as! [[String: Any]]
        return trees.map { tree in
            tree.compactMapValues { value in (value as? [NSNumber])?.map(\.doubleValue) }
        }
    }

    /// XGBoost's reference models were trained on 400 rows, few enough that XGBoost's quantile sketch is exact,
    /// so saxsd must grow the same trees: same features, the same float32 thresholds, the same default
    /// directions, and hessian sums and leaf values equal up to float32 rounding (softprob's starting margins
    /// differ from XGBoost's in the last bits, which its later sums carry along).
    @Test(arguments: [("regressor.json", TreeEnsemble.Objective.squaredError), ("classifier_softprob3.json", .softprob)])
    func growsXGBoostsTreesOnItsReferenceTrainingData(model: String, objective: TreeEnsemble.Objective) throws {
        let features = FeatureMatrix(rows: try reference("X_train.txt").map { $0.map(Float.init) })
        let regression = objective == .squaredError
        let labels = try reference(regression ? "y_train_reg.txt" : "y_train_cls.txt").map { Float($0[0]) }
        let ensemble = try BoostedTreeTrainer(parameters: parameters {
            $0.objective = objective
            $0.estimatorCount = regression ? 20 : 10
            $0.learningRate = regression ? 0.1 : 0.3
            $0.maxDepth = 3
        }).fit(features: features, labels: labels)
        let expected = try referenceTrees(model)
        try #require(ensemble.trees.count == expected.count)
        for (tree, reference) in zip(ensemble.trees, expected) {
            #expect(tree.leftChildren.map(Double.init) == reference["left_children"])
            #expect(tree.splitFeatures.map(Double.init) == reference["split_indices"])
            #expect(tree.defaultLeft.map { $0 ? 1.0 : 0 } == reference["default_left"])
            let close = { (value: Float, expected: Double) in abs(Double(value) - expected) <= 1e-5 * max(1, abs(expected)) }
            for node in 0..<tree.nodeCount {
                let condition = reference["split_conditions"]![node]
                if tree.leftChildren[node] >= 0 {
                    #expect(tree.splitConditions[node] == Float(condition))
                } else {
                    #expect(close(tree.splitConditions[node], condition))
                }
                #expect(close(tree.sumHessians[node], reference["sum_hessian"]![node]))
            }
        }
        if regression {
            let predicted = margins(ensemble, FeatureMatrix(rows: try reference("X_test.txt").map { $0.map(Float.init) }))
            let xgboost = try reference("regressor_pred.txt").map { Float($0[0]) }
            #expect(zip(predicted, xgboost).allSatisfy { abs($0 - $1) <= 2 * $1.ulp })
        }
    }

    // MARK: Refusals

    @Test func unusableDataAndParametersAreRefusedWithTheReason() {
        let features = FeatureMatrix(rows: [[1], [2]])
        #expect(throws: TrainingError(.shapeMismatch, "the training set has 2 rows but 1 labels")) {
            try BoostedTreeTrainer().fit(features: features, labels: [1])
        }
        #expect(throws: TrainingError(.invalidParameter, "max_depth = 0 must be 1 or more")) {
            try BoostedTreeTrainer(parameters: parameters { $0.maxDepth = 0 }).fit(features: features, labels: [1, 2])
        }
        #expect(throws: TrainingError(.invalidLabel, "training label of row 1 is 2.0; binary:logistic needs labels in [0, 1]")) {
            try BoostedTreeTrainer(parameters: parameters { $0.objective = .logistic }).fit(features: features, labels: [1, 2])
        }
        #expect(throws: TrainingError(.invalidLabel, "training label of row 0 is nan")) {
            try BoostedTreeTrainer().fit(features: features, labels: [.nan, 1])
        }
        #expect(throws: TrainingError(.invalidLabel, "training label of row 1 is 1.5; multi:softprob needs class numbers 0 … 1")) {
            try BoostedTreeTrainer(parameters: parameters { $0.objective = .softprob }).fit(features: features, labels: [0, 1.5])
        }
        #expect(throws: TrainingError(.invalidFeature, "training row 1, feature 0 is inf")) {
            try BoostedTreeTrainer().fit(features: FeatureMatrix(rows: [[1], [.infinity]]), labels: [1, 2])
        }
        #expect(throws: TrainingError(.invalidParameter, "eval_metric = mlogloss must be a metric of reg:squarederror")) {
            try BoostedTreeTrainer(parameters: parameters { $0.evalMetric = .mlogloss }).fit(features: features, labels: [1, 2])
        }
    }
}
