import Foundation

extension TreeEnsemble {
    /// Reads a model file written by XGBoost's `save_model("….json")` (versions 2 and 3), or by saxsd.
    public init(contentsOfXGBoostModel path: String) throws(XGBoostModelError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw XGBoostModelError(.io, path: path, "cannot be read (\(error.localizedDescription))")
        }
        try self.init(xgboostJSON: data, path: path)
    }

    /// Reads an XGBoost JSON model; `path` names it in errors. Anything saxsd cannot predict exactly as XGBoost
    /// would is refused with the reason, never approximated.
    public init(xgboostJSON data: Data, path: String) throws(XGBoostModelError) {
        let file: XGBoostModelFile
        do {
            file = try JSONDecoder().decode(XGBoostModelFile.self, from: data)
        } catch let error as DecodingError {
            throw Self.malformed(error, path: path)
        } catch {
            throw XGBoostModelError(.malformed, path: path, "\(error)")
        }
        let learner = file.learner
        func fail(_ kind: XGBoostModelError.Kind, at location: String? = nil, _ message: String) -> XGBoostModelError {
            XGBoostModelError(kind, path: path, at: location, message)
        }

        guard let model = learner.gradientBooster.model else {
            throw fail(.unsupported, at: "learner.gradient_booster.name",
                       "booster \"\(learner.gradientBooster.name)\": saxsd runs gbtree models only")
        }
        guard let objective = Objective(rawValue: learner.objective.name) else {
            let known = Objective.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail(.unsupported, at: "learner.objective.name", "objective \"\(learner.objective.name)\": saxsd runs \(known)")
        }

        let parameters = learner.learnerModelParam
        func count(_ key: String, default fallback: Int? = nil) throws(XGBoostModelError) -> Int {
            guard let text = parameters[key] ?? fallback.map(String.init) else {
                throw fail(.malformed, at: "learner.learner_model_param", "no \(key)")
            }
            guard let value = Int(text), value >= 0 else {
                throw fail(.malformed, at: "learner.learner_model_param.\(key)", "\"\(text)\" is not a count")
            }
            return value
        }
        let featureCount = try count("num_feature")
        let classCount = try count("num_class", default: 0)
        guard try count("num_target", default: 1) <= 1 else {
            throw fail(.unsupported, at: "learner.learner_model_param.num_target", "several regression targets in one model")
        }
        let groupCount = objective == .softprob ? classCount : 1
        if objective != .softprob && classCount > 1 {
            throw fail(.inconsistent, at: "learner.learner_model_param.num_class", "\(classCount) classes for \(objective.rawValue)")
        }
        let baseMargins = try Self.baseMargins(parameters["base_score"], objective: objective, groupCount: groupCount,
                                               fail: fail)

        if let categories = model.categories, categories.encodedFeatureCount > 0 {
            throw fail(.unsupported, at: "learner.gradient_booster.model.cats", "categorical features")
        }
        guard model.treeInfo.count == model.trees.count else {
            throw fail(.inconsistent, at: "learner.gradient_booster.model.tree_info",
                       "\(model.treeInfo.count) output groups for \(model.trees.count) trees")
        }
        if let declared = model.gbtreeModelParam["num_trees"], declared != String(model.trees.count) {
            throw fail(.inconsistent, at: "learner.gradient_booster.model.gbtree_model_param.num_trees",
                       "\(declared) trees declared, \(model.trees.count) stored")
        }
        // XGBoost places each tree by its id, not by its position in the list.
        let ids = model.trees.enumerated().map { $1.id ?? $0 }
        guard ids.sorted() == Array(ids.indices) else {
            throw fail(.inconsistent, at: "learner.gradient_booster.model.trees", "tree ids are not 0..<\(ids.count) once each")
        }
        var trees = [RegressionTree?](repeating: nil, count: ids.count)
        for (position, tree) in model.trees.enumerated() {
            trees[ids[position]] = try Self.tree(tree, at: ids[position], fail: fail)
        }

        let names = learner.featureNames ?? []
        if !names.isEmpty && names.count != featureCount {
            throw fail(.inconsistent, at: "learner.feature_names", "\(names.count) feature names for \(featureCount) features")
        }
        self.init(objective: objective, featureCount: featureCount, groupCount: groupCount, baseMargins: baseMargins,
                  trees: trees.map { $0! }, treeGroups: model.treeInfo, featureNames: names.isEmpty ? nil : names)
        do {
            try validate()
        } catch {
            let location = error.tree.map { tree in "tree \(tree)" + (error.node.map { ", node \($0)" } ?? "") }
            throw fail(.inconsistent, at: location, error.message)
        }
    }

    /// `base_score` is a string: one number up to XGBoost 3.0 ("5E-1"), a bracketed list from 3.1 ("[1.99089E0]",
    /// one per class for multi:softprob). A single number serves every output group.
    private static func baseMargins(
        _ text: String?, objective: Objective, groupCount: Int,
        fail: (XGBoostModelError.Kind, String?, String) -> XGBoostModelError
    ) throws(XGBoostModelError) -> [Float] {
        let location = "learner.learner_model_param.base_score"
        guard let text else { throw fail(.malformed, location, "missing") }
        var body = Substring(text)
        if body.hasPrefix("[") && body.hasSuffix("]") { body = body.dropFirst().dropLast() }
        var scores: [Float] = []
        for field in body.split(separator: ",", omittingEmptySubsequences: false) {
            guard let score = Float(field.trimmingCharacters(in: .whitespaces)), score.isFinite else {
                throw fail(.malformed, location, "\"\(text)\" is not a number or a list of numbers")
            }
            scores.append(score)
        }
        guard scores.count == 1 || scores.count == groupCount else {
            throw fail(.inconsistent, location, "\(scores.count) base scores for \(groupCount) output groups")
        }
        if objective == .logistic, let score = scores.first, !(0 < score && score < 1) {
            throw fail(.inconsistent, location, "\(score) is not a probability, as binary:logistic needs")
        }
        let margins = scores.map(objective.margin(fromBaseScore:))
        return margins.count == groupCount ? margins : Array(repeating: margins[0], count: groupCount)
    }

    private static func tree(
        _ tree: XGBoostModelFile.Tree, at index: Int,
        fail: (XGBoostModelError.Kind, String?, String) -> XGBoostModelError
    ) throws(XGBoostModelError) -> RegressionTree {
        let location = "tree \(index)"
        let leafSize = tree.treeParam["size_leaf_vector"].flatMap { Int($0) } ?? 1
        guard leafSize <= 1 else {
            throw fail(.unsupported, location, "leaves of \(leafSize) values (a multi-output tree)")
        }
        if let node = tree.splitType?.firstIndex(where: { $0 != 0 }) ?? tree.categoriesNodes?.first {
            throw fail(.unsupported, "\(location), node \(node)", "a categorical split")
        }
        let count = tree.leftChildren.count
        if let declared = tree.treeParam["num_nodes"], declared != String(count) {
            throw fail(.inconsistent, location, "\(declared) nodes declared, \(count) stored")
        }
        if let types = tree.splitType, types.count != count {
            throw fail(.inconsistent, location, "\(types.count) split types for \(count) nodes")
        }
        return RegressionTree(
            leftChildren: tree.leftChildren, rightChildren: tree.rightChildren, splitFeatures: tree.splitIndices,
            splitConditions: tree.splitConditions, defaultLeft: tree.defaultLeft.map(\.isSet),
            lossChanges: tree.lossChanges, sumHessians: tree.sumHessian, baseWeights: tree.baseWeights)
    }

    private static func malformed(_ error: DecodingError, path: String) -> XGBoostModelError {
        func location(_ codingPath: [any CodingKey]) -> String? {
            codingPath.isEmpty ? nil : codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }
                .joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case let .keyNotFound(key, context):
            let parent = location(context.codingPath)
            return XGBoostModelError(.malformed, path: path, at: parent, "no field \"\(key.stringValue)\"")
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            return XGBoostModelError(.malformed, path: path, at: location(context.codingPath), "expected \(type)")
        case let .dataCorrupted(context):
            let reason = (context.underlyingError as? NSError)?.debugDescription ?? context.debugDescription
            return XGBoostModelError(.malformed, path: path, at: location(context.codingPath),
                                     context.codingPath.isEmpty ? "not JSON (\(reason))" : reason)
        @unknown default:
            return XGBoostModelError(.malformed, path: path, "\(error)")
        }
    }
}
