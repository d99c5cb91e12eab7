import Foundation

extension TreeEnsemble {
    /// The model as XGBoost 3.1+ writes it with `save_model("….json")`, so that `xgboost.Booster().load_model`
    /// and XGBRegressor/XGBClassifier's `load_model` read it and predict the same numbers. Rounds are not stored
    /// in a `TreeEnsemble`: each round is taken to hold one tree per output group.
    public func xgboostJSON() throws(TreeStructureError) -> Data {
        try validate()
        let file = XGBoostModelFile(
            learner: .init(
                // XGBoost's scikit-learn classes check this when they load a model.
                attributes: ["scikit_learn": #"{"_estimator_type": "\#(objective == .squaredError ? "regressor" : "classifier")"}"#],
                featureNames: featureNames ?? [],
                featureTypes: featureNames.map { Array(repeating: "float", count: $0.count) } ?? [],
                gradientBooster: .init(name: "gbtree", model: model),
                learnerModelParam: [
                    // 3.1's bracketed form: the only one that holds a margin per class.
                    "base_score": "[" + baseMargins.map { "\(objective.baseScore(forMargin: $0))" }.joined(separator: ",") + "]",
                    "boost_from_average": "1",
                    "num_class": objective == .softprob ? "\(groupCount)" : "0",
                    "num_feature": "\(featureCount)",
                    "num_target": "1",
                ],
                objective: objectiveSection),
            // The first release that reads every field written here.
            version: [3, 1, 0])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(file)
        } catch {
            throw TreeStructureError("a number XGBoost's JSON cannot hold (\(error))")
        }
    }

    /// Writes `xgboostJSON()` to `path`, replacing the file at once (a reader never sees half a model).
    public func writeXGBoostModel(to path: String) throws(XGBoostModelError) {
        let data: Data
        do {
            data = try xgboostJSON()
        } catch {
            throw XGBoostModelError(.inconsistent, path: path, error.description)
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw XGBoostModelError(.io, path: path, "cannot be written (\(error.localizedDescription))")
        }
    }

    private var objectiveSection: XGBoostModelFile.Objective {
        switch objective {
        case .squaredError, .logistic:
            .init(name: objective.rawValue, regLossParam: ["scale_pos_weight": "1"])
        case .softprob:
            .init(name: objective.rawValue, softmaxMulticlassParam: ["num_class": "\(groupCount)"])
        }
    }

    private var model: XGBoostModelFile.Model {
        XGBoostModelFile.Model(
            categories: .init(encodedFeatureCount: 0),
            gbtreeModelParam: ["num_parallel_tree": "1", "num_trees": "\(trees.count)"],
            iterationIndptr: roundBoundaries,
            treeInfo: treeGroups,
            trees: trees.enumerated().map { index, tree in
                XGBoostModelFile.Tree(
                    baseWeights: tree.baseWeights, categories: [], categoriesNodes: [], categoriesSegments: [],
                    categoriesSizes: [], defaultLeft: tree.defaultLeft.map(XGBoostModelFile.Flag.init), id: index,
                    leftChildren: tree.leftChildren, lossChanges: tree.lossChanges, parents: tree.parents,
                    rightChildren: tree.rightChildren, splitConditions: tree.splitConditions,
                    splitIndices: tree.splitFeatures, splitType: Array(repeating: 0, count: tree.nodeCount),
                    sumHessian: tree.sumHessians,
                    treeParam: ["num_deleted": "0", "num_feature": "\(featureCount)", "num_nodes": "\(tree.nodeCount)",
                                "size_leaf_vector": "1"])
            })
    }

    /// Where each boosting round starts: a round ends before a tree whose output group it already has.
    private var roundBoundaries: [Int] {
        var boundaries = [0]
        var groupsInRound = Set<Int>()
        for (index, group) in treeGroups.enumerated() {
            if !groupsInRound.insert(group).inserted {
                boundaries.append(index)
                groupsInRound = [group]
            }
        }
        if !trees.isEmpty { boundaries.append(trees.count) }
        return boundaries
    }
}

extension RegressionTree {
    /// Parent of each node, as XGBoost stores it: Int32.max at the root and at nodes no path reaches.
    fileprivate var parents: [Int32] {
        var parents = [Int32](repeating: .max, count: nodeCount)
        // From the root down: the children of nodes no path reaches need not be node ids at all.
        var pending = [0]
        while let node = pending.popLast() {
            guard leftChildren[node] != -1 else { continue }
            for child in [Int(leftChildren[node]), Int(rightChildren[node])] {
                parents[child] = Int32(node)
                pending.append(child)
            }
        }
        return parents
    }
}
