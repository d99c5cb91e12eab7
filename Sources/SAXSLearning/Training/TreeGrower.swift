/// Grows one regression tree on binned features, level by level as XGBoost's default depthwise policy does.
/// Each level is one parallel pass over the tree's features: per feature, the histogram of the smaller child
/// of every split is summed from its rows, the larger child's is the parent's minus the smaller's (the
/// subtraction trick halves the row passes), and both children's best splits on that feature are found while
/// the histograms are still in cache. Per-feature results are merged in feature order afterwards.
///
/// A class because it keeps its scratch buffers (histograms, row order) from tree to tree: they run to tens
/// of megabytes, and allocating them afresh would cost page faults on every level.
final class TreeGrower {
    struct Settings: Sendable {
        var regularization: LeafRegularization
        var learningRate: Float
        var maxDepth: Int
        var gamma: Double
        var threads: Int
    }

    /// A finished tree and the rows it was grown on, ordered so that each leaf's rows are contiguous.
    struct GrownTree {
        var tree: RegressionTree
        var rows: [UInt32]
        /// Row range of every node in `rows`; a leaf's value applies to the rows of its range.
        var nodeRows: [Range<Int>]
    }

    private struct Node {
        var sum: GradientPair
        var rows: Range<Int>
        var split: SplitCandidate?
        var left = -1
        var right = -1
    }

    /// One level's histogram work. The root's histogram is summed from all rows; below it, each split's children
    /// come as a pair: the smaller child's histogram is summed from its rows, the other is the parent's minus it.
    private struct LevelPlan {
        struct Pair {
            var builtSlot: Int
            var builtRows: Range<Int>
            var derivedSlot: Int
            var parentSlot: Int
        }

        var rootRows: Range<Int>?
        var pairs: [Pair] = []
        /// Slots of the level above, whose histograms the pairs' parents are.
        var parentSlotCount = 0
        /// The node of each histogram slot.
        var nodes: [Int] = []
        /// Whether the next level derives its histograms from these, so they must outlive the search.
        var keepsHistograms = true
    }

    let data: BinnedFeatures
    let settings: Settings
    private var rows: [UInt32] = []
    /// Gradients in the order of `rows`, so the histogram loops read them sequentially.
    private var orderedGradients: [GradientPair] = []
    private var scratchRows: [UInt32] = []
    private var scratchGradients: [GradientPair] = []
    private var parentHistograms: [GradientPair] = []
    private var histograms: [GradientPair] = []

    init(data: BinnedFeatures, settings: Settings) {
        self.data = data
        self.settings = settings
    }

    /// Grows a tree on the rows `sample` (ascending) with the given per-row gradients, splitting only on
    /// `features` (ascending).
    func grow(gradients: [GradientPair], sample: [UInt32], features: [Int]) -> GrownTree {
        rows = sample
        orderedGradients = sample.map { gradients[Int($0)] }
        var histogramStarts = [0]
        for feature in features { histogramStarts.append(histogramStarts.last! + data.binCount(feature) + 1) }

        var nodes = [Node(sum: orderedGradients.reduce(.zero, +), rows: 0..<rows.count)]
        var level = LevelPlan(rootRows: 0..<rows.count, nodes: [0], keepsHistograms: settings.maxDepth > 1)
        for depth in 0..<settings.maxDepth {
            let best = searchSplits(level, features: features, histogramStarts: histogramStarts, nodes: nodes)
            if level.keepsHistograms { swap(&parentHistograms, &histograms) }
            var next = LevelPlan(parentSlotCount: level.nodes.count, keepsHistograms: depth + 2 < settings.maxDepth)
            for (slot, node) in level.nodes.enumerated() {
                guard let split = best[slot], isWorthSplitting(split) else { continue }
                let range = nodes[node].rows
                let middle = partition(range, by: split)
                nodes[node].split = split
                nodes[node].left = nodes.count
                nodes[node].right = nodes.count + 1
                nodes.append(Node(sum: split.left, rows: range.lowerBound..<middle))
                nodes.append(Node(sum: split.right, rows: middle..<range.upperBound))
                guard depth + 1 < settings.maxDepth else { continue }
                let leftSlot = next.nodes.count
                next.nodes += [nodes[node].left, nodes[node].right]
                let leftIsSmaller = middle - range.lowerBound <= range.upperBound - middle
                next.pairs.append(LevelPlan.Pair(
                    builtSlot: leftIsSmaller ? leftSlot : leftSlot + 1,
                    builtRows: leftIsSmaller ? range.lowerBound..<middle : middle..<range.upperBound,
                    derivedSlot: leftIsSmaller ? leftSlot + 1 : leftSlot, parentSlot: slot))
            }
            guard !next.nodes.isEmpty else { break }
            level = next
        }
        return GrownTree(tree: tree(of: nodes), rows: rows, nodeRows: nodes.map(\.rows))
    }

    /// XGBoost's conditions for making a split: a loss reduction above rounding noise (1e-6) and at least gamma.
    private func isWorthSplitting(_ split: SplitCandidate) -> Bool {
        split.lossChange > 1e-6 && split.lossChange >= settings.gamma
            && split.left.hessian > 0 && split.right.hessian > 0
    }

    /// Fills the level's histograms and returns the best split of each of its nodes.
    ///
    /// A level's histograms are laid out feature by feature, each feature's bins for all slots together
    /// (`slots × histogramStarts[j]` is where feature j begins), so a feature's parents are read as one stream
    /// the processor prefetches. Histograms the next level does not need (those of the last searched level)
    /// live only in a small per-feature scratch that stays in cache. Both matter because a level's histograms
    /// run to megabytes and reading them back from memory took longer than summing the rows.
    private func searchSplits(_ level: LevelPlan, features: [Int], histogramStarts: [Int], nodes: [Node]) -> [SplitCandidate?] {
        let slots = level.nodes.count
        if level.keepsHistograms, histograms.count < slots * histogramStarts.last! {
            histograms = [GradientPair](repeating: .zero, count: slots * histogramStarts.last!)
        }
        var candidates = [SplitCandidate?](repeating: nil, count: slots * features.count)
        let totals = level.nodes.map { nodes[$0].sum }
        let regularization = settings.regularization
        let data = data
        histograms.withUnsafeMutableBufferPointer { histograms in
            parentHistograms.withUnsafeBufferPointer { parents in
                candidates.withUnsafeMutableBufferPointer { candidates in
                    rows.withUnsafeBufferPointer { rows in
                        orderedGradients.withUnsafeBufferPointer { gradients in
                            data.bins.withUnsafeBufferPointer { bins in
                                nonisolated(unsafe) let (histograms, candidates) = (histograms, candidates)
                                nonisolated(unsafe) let (parents, rows, gradients, bins) = (parents, rows, gradients, bins)
                                ParallelLoop.forEach(features.count, threads: settings.threads) { index in
                                    let feature = features[index]
                                    let binCount = data.binCount(feature)
                                    let column = bins.baseAddress! + feature * data.rowCount
                                    withUnsafeTemporaryAllocation(of: GradientPair.self, capacity: 2 * (binCount + 1)) { scratch in
                                        func histogram(_ slot: Int, scratchHalf: Int) -> UnsafeMutableBufferPointer<GradientPair> {
                                            level.keepsHistograms
                                                ? UnsafeMutableBufferPointer(rebasing: histograms[(slots * histogramStarts[index] + slot * (binCount + 1))...].prefix(binCount + 1))
                                                : UnsafeMutableBufferPointer(rebasing: scratch[(scratchHalf * (binCount + 1))...].prefix(binCount + 1))
                                        }
                                        func evaluate(_ slot: Int, _ histogram: UnsafeMutableBufferPointer<GradientPair>) {
                                            candidates[slot * features.count + index] = regularization.bestSplit(
                                                histogram: UnsafeBufferPointer(histogram), binCount: binCount,
                                                total: totals[slot], feature: feature)
                                        }
                                        if let rootRows = level.rootRows {
                                            let root = histogram(0, scratchHalf: 0)
                                            Self.accumulate(rows: UnsafeBufferPointer(rebasing: rows[rootRows]),
                                                            gradients: UnsafeBufferPointer(rebasing: gradients[rootRows]),
                                                            column: column, into: root)
                                            evaluate(0, root)
                                        }
                                        for pair in level.pairs {
                                            let built = histogram(pair.builtSlot, scratchHalf: 0)
                                            Self.accumulate(rows: UnsafeBufferPointer(rebasing: rows[pair.builtRows]),
                                                            gradients: UnsafeBufferPointer(rebasing: gradients[pair.builtRows]),
                                                            column: column, into: built)
                                            let derived = histogram(pair.derivedSlot, scratchHalf: 1)
                                            let parent = parents.baseAddress! + level.parentSlotCount * histogramStarts[index] + pair.parentSlot * (binCount + 1)
                                            for bin in 0...binCount { derived[bin] = parent[bin] - built[bin] }
                                            evaluate(pair.builtSlot, built)
                                            evaluate(pair.derivedSlot, derived)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (0..<slots).map { slot in
            candidates[(slot * features.count)..<((slot + 1) * features.count)].reduce(nil) { best, candidate in
                if let candidate, candidate.isBetter(than: best) { return candidate }
                return best
            }
        }
    }

    /// Sums the gradients of `rows` into the histogram of one feature, by the rows' bins in `column`.
    private static func accumulate(rows: UnsafeBufferPointer<UInt32>, gradients: UnsafeBufferPointer<GradientPair>,
                                   column: UnsafePointer<UInt16>, into histogram: UnsafeMutableBufferPointer<GradientPair>) {
        histogram.update(repeating: .zero)
        for index in 0..<rows.count {
            histogram[Int(column[Int(rows[index])])] += gradients[index]
        }
    }

    /// Reorders a node's rows (and their gradients) so the left child's come first, keeping their order;
    /// returns where the right child's begin.
    private func partition(_ range: Range<Int>, by split: SplitCandidate) -> Int {
        let column = split.feature * data.rowCount
        let missing = UInt16(data.binCount(split.feature))
        var leftEnd = range.lowerBound
        var rightEnd = 0
        if scratchRows.count < range.count {
            scratchRows = [UInt32](repeating: 0, count: rows.count)
            scratchGradients = [GradientPair](repeating: .zero, count: rows.count)
        }
        for index in range {
            let bin = data.bins[column + Int(rows[index])]
            let goesLeft = bin == missing ? split.defaultLeft : Int(bin) <= split.bin
            if goesLeft {
                rows[leftEnd] = rows[index]
                orderedGradients[leftEnd] = orderedGradients[index]
                leftEnd += 1
            } else {
                scratchRows[rightEnd] = rows[index]
                scratchGradients[rightEnd] = orderedGradients[index]
                rightEnd += 1
            }
        }
        rows.replaceSubrange(leftEnd..<range.upperBound, with: scratchRows[0..<rightEnd])
        orderedGradients.replaceSubrange(leftEnd..<range.upperBound, with: scratchGradients[0..<rightEnd])
        return leftEnd
    }

    /// The grown nodes in XGBoost's layout: thresholds as float32 cut points, leaf values with the learning rate
    /// applied. `baseWeights` follow XGBoost too: unscaled at inner nodes and at a lone root, scaled at leaves.
    private func tree(of nodes: [Node]) -> RegressionTree {
        let regularization = settings.regularization
        var tree = RegressionTree(
            leftChildren: nodes.map { Int32($0.left) }, rightChildren: nodes.map { Int32($0.right) },
            splitFeatures: nodes.map { Int32($0.split?.feature ?? 0) }, splitConditions: [],
            defaultLeft: nodes.map { $0.split?.defaultLeft ?? false },
            lossChanges: nodes.map { Float($0.split?.lossChange ?? 0) }, sumHessians: nodes.map { Float($0.sum.hessian) },
            baseWeights: [])
        for node in nodes {
            let weight = Float(regularization.weight(node.sum))
            if let split = node.split {
                tree.splitConditions.append(data.threshold(feature: split.feature, bin: split.bin))
                tree.baseWeights.append(weight)
            } else {
                let value = weight * settings.learningRate
                tree.splitConditions.append(value)
                tree.baseWeights.append(nodes.count == 1 ? weight : value)
            }
        }
        return tree
    }
}
