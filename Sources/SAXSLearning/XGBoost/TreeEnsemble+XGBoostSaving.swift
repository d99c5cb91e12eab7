import Foundation

extension TreeEnsemble {
    /// The model in the layout XGBoost 3.1+ writes with `save_model("….json")`, so that
    /// `xgboost.Booster().load_model` and XGBRegressor/XGBClassifier's `load_model` read it and predict the same
    /// numbers; XGBoost 2.x reads it too unless the classes start from different margins (see `baseScoreText`).
    /// Rounds are not stored in a `TreeEnsemble`: each round is taken to hold one tree per output group.
    public func xgboostJSON() throws(TreeStructureError) -> Data {
        try validate()
        for (index, tree) in trees.enumerated() {
            for (name, values) in [("base weight", tree.baseWeights), ("loss change", tree.lossChanges),
                                   ("sum of hessians", tree.sumHessians)] {
                if let node = values.firstIndex(where: { !$0.isFinite }) {
                    throw TreeStructureError(tree: index, node: node, "\(values[node]) as \(name): JSON has no such number")
                }
            }
        }
        let estimatorType = objective == .squaredError ? "regressor" : "classifier"
        let file = XGBoostJSONValue.object([
            ("learner", .object([
                // XGBoost's scikit-learn classes check this when they load a model.
                ("attributes", .object([("scikit_learn", .string(#"{"_estimator_type": "\#(estimatorType)"}"#))])),
                ("feature_names", .array((featureNames ?? []).map(XGBoostJSONValue.string))),
                ("feature_types", .array((featureNames ?? []).map { _ in .string("float") })),
                ("gradient_booster", .object([("model", model), ("name", .string("gbtree"))])),
                ("learner_model_param", .object([
                    ("base_score", .string(baseScoreText)),
                    ("boost_from_average", .string("1")),
                    ("num_class", .string(objective == .softprob ? "\(groupCount)" : "0")),
                    ("num_feature", .string("\(featureCount)")),
                    ("num_target", .string("1")),
                ])),
                ("objective", objectiveSection),
            ])),
            // The first release that reads every field written here.
            ("version", .integers([3, 1, 0])),
        ])
        var text = ""
        file.write(to: &text)
        return Data(text.utf8)
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

    /// One number when every output group starts from the same margin: XGBoost 2.x reads only that form (it
    /// takes a bracketed list for its default 0.5 without a word) and 3.x reads both. Different margins per class
    /// need 3.1's bracketed list.
    private var baseScoreText: String {
        let scores = baseMargins.map { objective.baseScore(forMargin: $0).description }
        return Set(scores).count == 1 ? scores[0] : "[" + scores.joined(separator: ",") + "]"
    }

    private var objectiveSection: XGBoostJSONValue {
        switch objective {
        case .squaredError, .logistic:
            .object([("name", .string(objective.rawValue)), ("reg_loss_param", .object([("scale_pos_weight", .string("1"))]))])
        case .softprob:
            .object([("name", .string(objective.rawValue)),
                     ("softmax_multiclass_param", .object([("num_class", .string("\(groupCount)"))]))])
        }
    }

    private var model: XGBoostJSONValue {
        .object([
            ("cats", .object([("enc", .integers([])), ("feature_segments", .integers([])), ("sorted_idx", .integers([]))])),
            ("gbtree_model_param", .object([("num_parallel_tree", .string("1")), ("num_trees", .string("\(trees.count)"))])),
            ("iteration_indptr", .integers(roundBoundaries)),
            ("tree_info", .integers(treeGroups)),
            ("trees", .array(trees.enumerated().map { index, tree in
                tree.withAdjacentSiblings.xgboostJSON(id: index, featureCount: featureCount)
            })),
        ])
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
    /// The tree with every right child numbered right after its sibling. XGBoost 2.x's predictor goes to
    /// `left + 1` for the right child without reading `right_children`, so any other numbering (a hand-edited file,
    /// another trainer) would be walked wrongly there; XGBoost's own trees are already numbered so and are kept
    /// as they are. Otherwise the nodes are renumbered breadth first, and nodes no path reaches are dropped.
    fileprivate var withAdjacentSiblings: RegressionTree {
        var reachable = [0]
        var position = 0
        while position < reachable.count {
            let node = reachable[position]
            if leftChildren[node] != -1 { reachable += [Int(leftChildren[node]), Int(rightChildren[node])] }
            position += 1
        }
        if reachable.allSatisfy({ leftChildren[$0] == -1 || rightChildren[$0] == leftChildren[$0] + 1 }) { return self }
        var newID = [Int32](repeating: -1, count: nodeCount)
        for (id, node) in reachable.enumerated() { newID[node] = Int32(id) }
        func renumbered(_ children: [Int32]) -> [Int32] {
            reachable.map { children[$0] == -1 ? -1 : newID[Int(children[$0])] }
        }
        return RegressionTree(
            leftChildren: renumbered(leftChildren), rightChildren: renumbered(rightChildren),
            splitFeatures: reachable.map { splitFeatures[$0] }, splitConditions: reachable.map { splitConditions[$0] },
            defaultLeft: reachable.map { defaultLeft[$0] }, lossChanges: reachable.map { lossChanges[$0] },
            sumHessians: reachable.map { sumHessians[$0] }, baseWeights: reachable.map { baseWeights[$0] })
    }

    fileprivate func xgboostJSON(id: Int, featureCount: Int) -> XGBoostJSONValue {
        let parameters: XGBoostJSONValue = .object([
            ("num_deleted", .string("0")), ("num_feature", .string("\(featureCount)")),
            ("num_nodes", .string("\(nodeCount)")), ("size_leaf_vector", .string("1")),
        ])
        return .object([
            ("base_weights", .floats(baseWeights)),
            ("categories", .integers([])),
            ("categories_nodes", .integers([])),
            ("categories_segments", .integers([])),
            ("categories_sizes", .integers([])),
            ("default_left", .integers(defaultLeft.map { $0 ? 1 : 0 })),
            ("id", .integer(id)),
            ("left_children", .integers(leftChildren.map(Int.init))),
            ("loss_changes", .floats(lossChanges)),
            ("parents", .integers(parents)),
            ("right_children", .integers(rightChildren.map(Int.init))),
            ("split_conditions", .floats(splitConditions)),
            ("split_indices", .integers(splitFeatures.map(Int.init))),
            ("split_type", .integers(Array(repeating: 0, count: nodeCount))),
            ("sum_hessian", .floats(sumHessians)),
            ("tree_param", parameters),
        ])
    }

    /// Parent of each node, as XGBoost stores it: Int32.max at the root and at nodes no path reaches.
    fileprivate var parents: [Int] {
        var parents = [Int](repeating: Int(Int32.max), count: nodeCount)
        // From the root down: the children of nodes no path reaches need not be node ids at all.
        var pending = [0]
        while let node = pending.popLast() {
            guard leftChildren[node] != -1 else { continue }
            for child in [Int(leftChildren[node]), Int(rightChildren[node])] {
                parents[child] = node
                pending.append(child)
            }
        }
        return parents
    }
}
