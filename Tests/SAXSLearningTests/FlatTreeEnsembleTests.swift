import SAXSLearning
import SAXSTestSupport
import Testing

/// The flattened walk against the plainest reading of the tree arrays, on random trees whose node ids are
/// shuffled (children before parents, as a hand-made or trained file may have them) and rows that hit thresholds
/// exactly and miss values.
@Suite struct FlatTreeEnsembleTests {
    /// XGBoost's rule, node by node: missing values take the default child, others go left iff x < threshold.
    private func referenceMargins(_ model: TreeEnsemble, _ row: [Float]) -> [Float] {
        var margins = model.baseMargins
        for (tree, group) in zip(model.trees, model.treeGroups) {
            var node = 0
            while tree.leftChildren[node] != -1 {
                let x = row[Int(tree.splitFeatures[node])]
                let left = x.isNaN ? tree.defaultLeft[node] : x < tree.splitConditions[node]
                node = Int(left ? tree.leftChildren[node] : tree.rightChildren[node])
            }
            margins[group] += tree.splitConditions[node]
        }
        return margins
    }

    /// A random tree of up to `maxDepth` levels whose node ids are a random permutation, with an unreachable
    /// node left in (as XGBoost leaves pruned ones).
    private func randomTree(features: Int, thresholds: [Float], maxDepth: Int,
                            using generator: inout SeededGenerator) -> RegressionTree {
        struct Node { var left = -1, right = -1, feature = 0, condition: Float = 0, defaultLeft = false }
        var nodes = [Node()]
        var pending = [(0, 0)]
        while let (index, depth) = pending.popLast() {
            if depth < maxDepth && Double.random(in: 0..<1, using: &generator) < 0.75 {
                nodes[index].feature = Int.random(in: 0..<features, using: &generator)
                nodes[index].condition = thresholds.randomElement(using: &generator)!
                nodes[index].defaultLeft = Bool.random(using: &generator)
                nodes[index].left = nodes.count
                nodes[index].right = nodes.count + 1
                nodes += [Node(), Node()]
                pending += [(nodes.count - 2, depth + 1), (nodes.count - 1, depth + 1)]
            } else {
                nodes[index].condition = Float.random(in: -1..<1, using: &generator)
            }
        }
        nodes.append(Node(left: 5, right: 5, feature: features + 3, condition: .nan))
        // Shuffle ids but keep the root at 0.
        var order = Array(1..<nodes.count)
        order.shuffle(using: &generator)
        order.insert(0, at: 0)
        var id = [Int](repeating: 0, count: nodes.count)
        for (new, old) in order.enumerated() { id[old] = new }
        let shuffled = order.map { nodes[$0] }
        let unreachable = id[nodes.count - 1]
        return RegressionTree(
            leftChildren: shuffled.enumerated().map { $0 == unreachable ? 5 : Int32($1.left == -1 ? -1 : id[$1.left]) },
            rightChildren: shuffled.enumerated().map { $0 == unreachable ? 5 : Int32($1.right == -1 ? -1 : id[$1.right]) },
            splitFeatures: shuffled.map { Int32($0.feature) }, splitConditions: shuffled.map(\.condition),
            defaultLeft: shuffled.map(\.defaultLeft), lossChanges: shuffled.map { _ in 0 },
            sumHessians: shuffled.map { _ in 1 }, baseWeights: shuffled.map { _ in 0 })
    }

    @Test(arguments: [TreeEnsemble.Objective.squaredError, .logistic, .softprob])
    func flatWalkAgreesWithThePlainWalkToTheBit(_ objective: TreeEnsemble.Objective) throws {
        var generator = SeededGenerator(seed: 60)
        let features = 7
        let thresholds: [Float] = [-1.5, -0.25, 0, 0.1, 0.75, 2]
        // 0 to 11 trees: every remainder of the walk's lanes, and an empty model.
        for treeCount in 0..<12 {
            let groups = objective == .softprob ? 3 : 1
            let model = TreeEnsemble(
                objective: objective, featureCount: features, groupCount: groups,
                baseMargins: (0..<groups).map { _ in Float.random(in: -1..<1, using: &generator) },
                trees: (0..<treeCount).map { _ in
                    randomTree(features: features, thresholds: thresholds, maxDepth: Int.random(in: 0...7, using: &generator),
                               using: &generator)
                },
                treeGroups: (0..<treeCount).map { _ in Int.random(in: 0..<groups, using: &generator) })
            let flat = try FlatTreeEnsemble(model)
            for _ in 0..<60 {
                let row = (0..<features).map { _ -> Float in
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: .nan
                    case 1: thresholds.randomElement(using: &generator)!
                    default: Float.random(in: -2.5..<2.5, using: &generator)
                    }
                }
                let expected = referenceMargins(model, row)
                #expect(XGBoostFiles.bits(flat.margins(row)) == XGBoostFiles.bits(expected), "\(treeCount) trees, row \(row)")
                var transformed = expected
                transformed.withUnsafeMutableBufferPointer { objective.transform($0) }
                #expect(XGBoostFiles.bits(flat.predict(row)) == XGBoostFiles.bits(transformed))
            }
        }
    }

    @Test func aValueEqualToTheThresholdGoesRightAndMissingValuesTakeTheDefault() throws {
        func stump(defaultLeft: Bool) throws -> FlatTreeEnsemble {
            try FlatTreeEnsemble(TreeEnsemble(
                objective: .squaredError, featureCount: 2, groupCount: 1, baseMargins: [0.5],
                trees: [RegressionTree(leftChildren: [1, -1, -1], rightChildren: [2, -1, -1], splitFeatures: [1, 0, 0],
                                       splitConditions: [0.25, -1, 1], defaultLeft: [defaultLeft, false, false],
                                       lossChanges: [0, 0, 0], sumHessians: [0, 0, 0], baseWeights: [0, 0, 0])],
                treeGroups: [0]))
        }
        let left = try stump(defaultLeft: true), right = try stump(defaultLeft: false)
        for flat in [left, right] {
            #expect(flat.margins([9, 0.25]) == [1.5])
            #expect(flat.margins([9, Float(0.25).nextDown]) == [-0.5])
            #expect(flat.margins([.nan, 0.3]) == [1.5])
        }
        #expect(left.margins([0, .nan]) == [-0.5])
        #expect(right.margins([0, .nan]) == [1.5])
    }

    @Test func aBrokenEnsembleIsRefusedBeforeAnyWalk() {
        let tree = RegressionTree(leftChildren: [1, -1, -1], rightChildren: [2, -1, -1], splitFeatures: [4, 0, 0],
                                  splitConditions: [0, 1, 2], defaultLeft: [false, false, false],
                                  lossChanges: [0, 0, 0], sumHessians: [0, 0, 0], baseWeights: [0, 0, 0])
        let model = TreeEnsemble(objective: .squaredError, featureCount: 3, groupCount: 1, baseMargins: [0],
                                 trees: [tree], treeGroups: [0])
        let error = #expect(throws: TreeStructureError.self) { try FlatTreeEnsemble(model) }
        #expect(error?.tree == 0 && error?.node == 0)
        var twoGroups = model
        twoGroups.trees[0].splitFeatures[0] = 2
        twoGroups.groupCount = 2
        twoGroups.baseMargins = [0, 0]
        #expect(throws: TreeStructureError.self) { try FlatTreeEnsemble(twoGroups) }
    }
}
