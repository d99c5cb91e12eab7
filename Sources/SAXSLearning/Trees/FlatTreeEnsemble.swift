/// A tree ensemble laid out for prediction, built once per model: every node of every tree in one array of
/// 12-byte records (threshold, feature with its default direction, left child; the right child comes right after
/// the left), so that a walk touches one small record per level, and the leaf values in an array beside it.
///
/// Leaves point to themselves: a leaf is a default-left node on feature 0 with a NaN threshold, and the
/// default-left test `!(x >= NaN)` holds for every x, so the walk stays where it is. A walk can then take a fixed
/// number of steps, the depth of the deepest tree in its lane, without asking at each step whether it has
/// arrived; that lets it advance several trees side by side, whose memory reads overlap instead of waiting for
/// each other. (A step is taken only in a lane with a split, so the model has a feature 0 to read.)
public struct FlatTreeEnsemble: Sendable {
    struct Node {
        var threshold: Float
        /// Feature index in the low bits, `defaultLeftBit` set when missing values go left.
        var feature: UInt32
        /// The right child is `left + 1`.
        var left: UInt32
    }

    static let defaultLeftBit: UInt32 = 1 << 31

    /// How many trees a walk advances side by side: enough independent reads to hide the latency of each (a node
    /// of a 100-tree model is mostly in L2), few enough that the node indices stay in registers. 8 walks the
    /// seed's 100-tree regressor in about 0.85 µs where 4 took 1.2 µs.
    static let lane = 8

    public let objective: TreeEnsemble.Objective
    public let featureCount: Int
    public let groupCount: Int
    let baseMargins: [Float]
    let nodes: [Node]
    /// Leaf value by node (0 at split nodes), read once per tree.
    let leafValues: [Float]
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
        self.init(unchecked: ensemble)
    }

    /// Without the checks, for trees training has just grown: their structure is sound by construction, and a
    /// threshold that overflowed to infinity (features near the float limit) must not stop training, whose walk
    /// handles it as any other.
    init(unchecked ensemble: TreeEnsemble) {
        objective = ensemble.objective
        featureCount = ensemble.featureCount
        groupCount = ensemble.groupCount
        baseMargins = ensemble.baseMargins
        groups = ensemble.treeGroups
        var nodes: [Node] = []
        var leafValues: [Float] = []
        var roots: [UInt32] = []
        var depths: [Int] = []
        for tree in ensemble.trees {
            roots.append(UInt32(nodes.count))
            depths.append(Self.append(tree, to: &nodes, leafValues: &leafValues))
        }
        self.nodes = nodes
        self.leafValues = leafValues
        self.roots = roots
        laneSteps = stride(from: 0, to: depths.count, by: Self.lane).map { depths[$0..<min($0 + Self.lane, depths.count)].max()! }
    }

    /// Appends the nodes a walk can reach, parents before children, and returns the tree's depth.
    private static func append(_ tree: RegressionTree, to nodes: inout [Node], leafValues: inout [Float]) -> Int {
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
                nodes.append(Node(threshold: .nan, feature: defaultLeftBit, left: slot))
                leafValues.append(tree.splitConditions[id])
            } else {
                let left = UInt32(base + order.count)
                order.append((Int(tree.leftChildren[id]), level + 1))
                order.append((Int(tree.rightChildren[id]), level + 1))
                let flag = tree.defaultLeft[id] ? defaultLeftBit : 0
                nodes.append(Node(threshold: tree.splitConditions[id], feature: UInt32(tree.splitFeatures[id]) | flag,
                                  left: left))
                leafValues.append(0)
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
        addLeaves(row, to: margins)
    }

    /// Adds the leaf each tree gives `row` to the margin of the tree's group, one tree at a time in stored order:
    /// `margins(_:into:)` without the base margins. Training keeps its margins up to date with this, tree by tree,
    /// so that they are by construction those a saved and loaded model gives.
    func addLeaves(_ row: UnsafeBufferPointer<Float>, to margins: UnsafeMutableBufferPointer<Float>) {
        guard let values = row.baseAddress else {
            // No features: every tree is a single leaf.
            for (tree, root) in roots.enumerated() { margins[groups[tree]] += leafValues[Int(root)] }
            return
        }
        nodes.withUnsafeBufferPointer { nodes in
            leafValues.withUnsafeBufferPointer { leafValues in
                roots.withUnsafeBufferPointer { roots in
                    groups.withUnsafeBufferPointer { groups in
                        walk(nodes.baseAddress!, leafValues.baseAddress!, roots, groups, values, margins)
                    }
                }
            }
        }
    }

    @inline(__always)
    private func walk(_ nodes: UnsafePointer<Node>, _ leafValues: UnsafePointer<Float>, _ roots: UnsafeBufferPointer<UInt32>,
                      _ groups: UnsafeBufferPointer<Int>, _ row: UnsafePointer<Float>,
                      _ margins: UnsafeMutableBufferPointer<Float>) {
        @inline(__always) func step(_ index: UInt32) -> UInt32 {
            let node = nodes[Int(index)]
            let x = row[Int(node.feature & ~Self.defaultLeftBit)]
            // `x < t` is false for NaN and `!(x >= t)` true, so each form sends missing values its own way.
            let goesLeft = node.feature & Self.defaultLeftBit != 0 ? !(x >= node.threshold) : x < node.threshold
            return node.left &+ (goesLeft ? 0 : 1)
        }
        let single = groupCount == 1
        var sum = margins[0]
        @inline(__always) func add(_ leaf: UInt32, tree: Int) {
            if single { sum += leafValues[Int(leaf)] } else { margins[groups[tree]] += leafValues[Int(leaf)] }
        }
        var first = 0
        for steps in laneSteps {
            if first + Self.lane <= roots.count {
                var a = roots[first], b = roots[first + 1], c = roots[first + 2], d = roots[first + 3]
                var e = roots[first + 4], f = roots[first + 5], g = roots[first + 6], h = roots[first + 7]
                for _ in 0..<steps {
                    a = step(a); b = step(b); c = step(c); d = step(d)
                    e = step(e); f = step(f); g = step(g); h = step(h)
                }
                // In stored order, one addition at a time: float sums in another order would round differently.
                add(a, tree: first); add(b, tree: first + 1); add(c, tree: first + 2); add(d, tree: first + 3)
                add(e, tree: first + 4); add(f, tree: first + 5); add(g, tree: first + 6); add(h, tree: first + 7)
            } else {
                for tree in first..<roots.count {
                    var index = roots[tree]
                    for _ in 0..<steps { index = step(index) }
                    add(index, tree: tree)
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
