/// A tree ensemble laid out for prediction, built once per model: every node of every tree in one array of
/// 16-byte records (threshold, feature with its default direction, both children), so that a walk touches one
/// record per level and nothing else.
///
/// Leaves point to themselves. A walk can then take a fixed number of steps, the depth of the deepest tree in
/// its group, without asking at each step whether it has arrived; that lets the walk advance several trees side by
/// side, whose memory reads overlap instead of waiting for each other.
public struct FlatTreeEnsemble: Sendable {
    struct Node {
        /// The split threshold; at a leaf, the leaf value.
        var threshold: Float
        /// Feature index in the low bits, `defaultLeftBit` set when missing values go left.
        var feature: UInt32
        var left: UInt32
        var right: UInt32
    }

    static let defaultLeftBit: UInt32 = 1 << 31

    /// How many trees a walk advances side by side: enough independent reads to hide the latency of each, few
    /// enough that the node indices stay in registers.
    static let lane = 4

    public let objective: TreeEnsemble.Objective
    public let featureCount: Int
    public let groupCount: Int
    let baseMargins: [Float]
    let nodes: [Node]
    /// Root node of each tree, in stored order.
    let roots: [UInt32]
    let groups: [Int]
    /// Steps of each lane of trees (`lane` trees from tree `lane * index` on): the depth of its deepest tree.
    let laneSteps: [Int]

    public init(_ ensemble: TreeEnsemble) throws(TreeStructureError) {
        try ensemble.validate()
        guard ensemble.featureCount < Int(Self.defaultLeftBit) else {
            throw TreeStructureError("\(ensemble.featureCount) features do not fit the node layout")
        }
        objective = ensemble.objective
        featureCount = ensemble.featureCount
        groupCount = ensemble.groupCount
        baseMargins = ensemble.baseMargins
        groups = ensemble.treeGroups
        var nodes: [Node] = []
        var roots: [UInt32] = []
        var depths: [Int] = []
        for tree in ensemble.trees {
            roots.append(UInt32(nodes.count))
            depths.append(Self.append(tree, to: &nodes))
        }
        self.nodes = nodes
        self.roots = roots
        laneSteps = stride(from: 0, to: depths.count, by: Self.lane).map { depths[$0..<min($0 + Self.lane, depths.count)].max()! }
    }

    /// Appends the nodes a walk can reach, parents before children, and returns the tree's depth.
    private static func append(_ tree: RegressionTree, to nodes: inout [Node]) -> Int {
        let base = nodes.count
        // Breadth first: the stored id of each new node, and its depth.
        var order: [(id: Int, depth: Int)] = [(0, 0)]
        var position = 0
        var depth = 0
        while position < order.count {
            let (id, level) = order[position]
            let slot = UInt32(base + position)
            depth = max(depth, level)
            if tree.leftChildren[id] == -1 {
                nodes.append(Node(threshold: tree.splitConditions[id], feature: 0, left: slot, right: slot))
            } else {
                let left = UInt32(base + order.count)
                order.append((Int(tree.leftChildren[id]), level + 1))
                order.append((Int(tree.rightChildren[id]), level + 1))
                let flag = tree.defaultLeft[id] ? defaultLeftBit : 0
                nodes.append(Node(threshold: tree.splitConditions[id], feature: UInt32(tree.splitFeatures[id]) | flag,
                                  left: left, right: left + 1))
            }
            position += 1
        }
        return depth
    }

    /// Raw margins of one row, one per output group: the base margin plus the leaf of each tree of the group,
    /// added in float32 in stored order as XGBoost does, so the sums agree to the bit. NaN is a missing value.
    public func margins(_ row: UnsafeBufferPointer<Float>, into margins: UnsafeMutableBufferPointer<Float>) {
        precondition(row.count >= featureCount, "a row of \(row.count) values for \(featureCount) features")
        precondition(margins.count >= groupCount, "room for \(margins.count) margins, \(groupCount) needed")
        for group in 0..<groupCount { margins[group] = baseMargins[group] }
        guard let values = row.baseAddress else {
            // No features: every tree is a single leaf.
            for (tree, root) in roots.enumerated() { margins[groups[tree]] += nodes[Int(root)].threshold }
            return
        }
        nodes.withUnsafeBufferPointer { nodes in
            roots.withUnsafeBufferPointer { roots in
                groups.withUnsafeBufferPointer { groups in
                    walk(nodes.baseAddress!, roots, groups, values, margins)
                }
            }
        }
    }

    @inline(__always)
    private func walk(_ nodes: UnsafePointer<Node>, _ roots: UnsafeBufferPointer<UInt32>, _ groups: UnsafeBufferPointer<Int>,
                      _ row: UnsafePointer<Float>, _ margins: UnsafeMutableBufferPointer<Float>) {
        @inline(__always) func step(_ index: UInt32) -> UInt32 {
            let node = nodes[Int(index)]
            let x = row[Int(node.feature & ~Self.defaultLeftBit)]
            // `x < t` is false for NaN and `!(x >= t)` true, so each form sends missing values its own way.
            let goesLeft = node.feature & Self.defaultLeftBit != 0 ? !(x >= node.threshold) : x < node.threshold
            return goesLeft ? node.left : node.right
        }
        let single = groupCount == 1
        var sum = margins[0]
        var first = 0
        for steps in laneSteps {
            if first + Self.lane <= roots.count {
                var a = roots[first], b = roots[first + 1], c = roots[first + 2], d = roots[first + 3]
                for _ in 0..<steps {
                    a = step(a); b = step(b); c = step(c); d = step(d)
                }
                let leaves = (nodes[Int(a)].threshold, nodes[Int(b)].threshold, nodes[Int(c)].threshold,
                              nodes[Int(d)].threshold)
                if single {
                    sum += leaves.0; sum += leaves.1; sum += leaves.2; sum += leaves.3
                } else {
                    margins[groups[first]] += leaves.0
                    margins[groups[first + 1]] += leaves.1
                    margins[groups[first + 2]] += leaves.2
                    margins[groups[first + 3]] += leaves.3
                }
            } else {
                for tree in first..<roots.count {
                    var index = roots[tree]
                    for _ in 0..<steps { index = step(index) }
                    if single { sum += nodes[Int(index)].threshold } else { margins[groups[tree]] += nodes[Int(index)].threshold }
                }
            }
            first += Self.lane
        }
        if single { margins[0] = sum }
    }

    /// Predictions of one row, `groupCount` of them: margins through the objective's output function (the
    /// value, the probability of class 1, or the class probabilities), as XGBoost's `Booster.predict` gives them.
    public func predict(_ row: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        margins(row, into: output)
        objective.transform(UnsafeMutableBufferPointer(rebasing: output[0..<groupCount]))
    }

    public func margins(_ row: [Float]) -> [Float] {
        [Float](unsafeUninitializedCapacity: groupCount) { buffer, count in
            row.withUnsafeBufferPointer { margins($0, into: buffer) }
            count = groupCount
        }
    }

    public func predict(_ row: [Float]) -> [Float] {
        [Float](unsafeUninitializedCapacity: groupCount) { buffer, count in
            row.withUnsafeBufferPointer { predict($0, into: buffer) }
            count = groupCount
        }
    }
}
