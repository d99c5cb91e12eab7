extension TreeEnsemble {
    /// Checks everything the tree walk relies on without checking again: matching array lengths, output groups
    /// in range, split features inside the feature vector, child ids inside the tree, and every node reached from
    /// the root at most once (no cycles, no shared subtrees), finite thresholds and leaf values. Nodes no path
    /// reaches are allowed: XGBoost leaves pruned nodes in place.
    public func validate() throws(TreeStructureError) {
        guard groupCount >= 1 else { throw TreeStructureError("\(groupCount) output groups") }
        switch objective {
        case .softprob:
            guard groupCount >= 2 else { throw TreeStructureError("multi:softprob needs at least 2 classes, not \(groupCount)") }
        case .squaredError, .logistic:
            guard groupCount == 1 else {
                throw TreeStructureError("\(objective.rawValue) has one output, not \(groupCount)")
            }
        }
        guard baseMargins.count == groupCount else {
            throw TreeStructureError("\(baseMargins.count) base margins for \(groupCount) output groups")
        }
        if let margin = baseMargins.first(where: { !$0.isFinite }) {
            throw TreeStructureError("\(margin) as base margin")
        }
        guard featureCount >= 0 else { throw TreeStructureError("\(featureCount) features") }
        if let featureNames, featureNames.count != featureCount {
            throw TreeStructureError("\(featureNames.count) feature names for \(featureCount) features")
        }
        guard treeGroups.count == trees.count else {
            throw TreeStructureError("\(treeGroups.count) output groups given for \(trees.count) trees")
        }
        for (index, tree) in trees.enumerated() {
            guard (0..<groupCount).contains(treeGroups[index]) else {
                throw TreeStructureError(tree: index, "output group \(treeGroups[index]) of \(groupCount)")
            }
            try tree.validate(featureCount: featureCount, index: index)
        }
    }
}

extension RegressionTree {
    func validate(featureCount: Int, index: Int) throws(TreeStructureError) {
        let count = nodeCount
        guard count >= 1 else { throw TreeStructureError(tree: index, "has no nodes") }
        let lengths = [("right children", rightChildren.count), ("split features", splitFeatures.count),
                       ("split conditions", splitConditions.count), ("default directions", defaultLeft.count),
                       ("loss changes", lossChanges.count), ("sums of hessians", sumHessians.count),
                       ("base weights", baseWeights.count)]
        for (name, length) in lengths where length != count {
            throw TreeStructureError(tree: index, "\(length) \(name) for \(count) nodes")
        }
        var reached = [Bool](repeating: false, count: count)
        reached[0] = true
        var pending = [0]
        while let node = pending.popLast() {
            // A NaN threshold would send values where XGBoost's `x < NaN` and the walk's default-left form
            // `!(x >= NaN)` disagree, and JSON has no infinities; XGBoost writes neither.
            guard splitConditions[node].isFinite else {
                throw TreeStructureError(tree: index, node: node, "\(splitConditions[node]) as split condition or leaf value")
            }
            let left = Int(leftChildren[node]), right = Int(rightChildren[node])
            if left == -1 {
                guard right == -1 else {
                    throw TreeStructureError(tree: index, node: node, "a left child of -1 (a leaf) but a right child of \(right)")
                }
                continue
            }
            let feature = Int(splitFeatures[node])
            guard (0..<featureCount).contains(feature) else {
                throw TreeStructureError(tree: index, node: node, "splits on feature \(feature) of \(featureCount)")
            }
            for child in [left, right] {
                guard (0..<count).contains(child) else {
                    throw TreeStructureError(tree: index, node: node, "child \(child) is not a node of the \(count)")
                }
                guard !reached[child] else {
                    throw TreeStructureError(tree: index, node: node, "child \(child) is reached twice (a cycle or a shared subtree)")
                }
                reached[child] = true
                pending.append(child)
            }
        }
    }
}
