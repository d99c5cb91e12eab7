import Foundation
import SAXSLearning
import SAXSTestSupport
import Testing

/// saxsd's models saved in XGBoost's JSON: read back unchanged, and with every field xgboost's loader looks for.
/// (scripts/xgboost_roundtrip.py loads them into xgboost itself.)
@Suite struct XGBoostSavingTests {
    static let models = ["regressor.json", "classifier_softprob3.json", "bench_regressor_100x5.json"].map(XGBoostFiles.reference)
        + XGBoostFixtureTests.models.map { XGBoostFiles.fixture($0 + ".json") }

    @Test(arguments: models)
    func savedAndLoadedIsTheSameModel(_ path: String) throws {
        let model = try TreeEnsemble(contentsOfXGBoostModel: path)
        let again = try TreeEnsemble(xgboostJSON: model.xgboostJSON(), path: "saved")
        #expect(again == model)
        // Equal values, and the walk of the reloaded one agrees with the original's on the rows of its test.
        let rows: [[Float]]
        if path.hasSuffix("100x5.json") {
            rows = try XGBoostFiles.matrix(XGBoostFiles.reference("bench_X20.txt"))
        } else if path.hasPrefix(XGBoostFiles.fixture("")) {
            let table = try XGBoostFiles.rows(XGBoostFiles.fixture("rows.csv"))
            rows = (0..<table.rowCount).map(table.row)
        } else {
            rows = try XGBoostFiles.matrix(XGBoostFiles.reference("X_test.txt"))
        }
        #expect(rows.count >= 20)
        let (before, after) = (try FlatTreeEnsemble(model), try FlatTreeEnsemble(again))
        for row in rows { #expect(XGBoostFiles.bits(before.predict(row)) == XGBoostFiles.bits(after.predict(row))) }
    }

    @Test func theSavedJSONHasWhatXGBoostReads() throws {
        let model = try TreeEnsemble(contentsOfXGBoostModel: XGBoostFiles.reference("classifier_softprob3.json"))
        let json = try #require(JSONSerialization.jsonObject(with: model.xgboostJSON()) as? [String: Any])
        #expect(json["version"] as? [Int] == [3, 1, 0])
        let learner = try #require(json["learner"] as? [String: Any])
        #expect(Set(learner.keys) == ["attributes", "feature_names", "feature_types", "gradient_booster",
                                      "learner_model_param", "objective"])
        #expect((learner["attributes"] as? [String: String])?["scikit_learn"]?.contains("\"classifier\"") == true)
        let parameters = try #require(learner["learner_model_param"] as? [String: String])
        #expect(parameters["num_class"] == "3" && parameters["num_feature"] == "8" && parameters["num_target"] == "1")
        let scores = try #require(parameters["base_score"])
        #expect(scores.hasPrefix("[") && scores.hasSuffix("]"))
        #expect(scores.dropFirst().dropLast().split(separator: ",").compactMap { Float($0) } == model.baseMargins)
        let objective = try #require(learner["objective"] as? [String: Any])
        #expect(objective["name"] as? String == "multi:softprob")
        #expect((objective["softmax_multiclass_param"] as? [String: String])?["num_class"] == "3")

        let booster = try #require(learner["gradient_booster"] as? [String: Any])
        #expect(booster["name"] as? String == "gbtree")
        let gbtree = try #require(booster["model"] as? [String: Any])
        #expect(gbtree["gbtree_model_param"] as? [String: String] == ["num_parallel_tree": "1", "num_trees": "30"])
        #expect(gbtree["tree_info"] as? [Int] == model.treeGroups)
        #expect(gbtree["iteration_indptr"] as? [Int] == Array(stride(from: 0, through: 30, by: 3)))
        #expect(gbtree["cats"] is [String: Any])
        let trees = try #require(gbtree["trees"] as? [[String: Any]])
        #expect(trees.count == 30)
        for (index, tree) in trees.enumerated() {
            #expect(tree["id"] as? Int == index)
            let parameters = try #require(tree["tree_param"] as? [String: String])
            let count = try #require(parameters["num_nodes"].flatMap { Int($0) })
            #expect(parameters["num_feature"] == "8" && parameters["size_leaf_vector"] == "1" && parameters["num_deleted"] == "0")
            for key in ["base_weights", "default_left", "left_children", "loss_changes", "parents", "right_children",
                        "split_conditions", "split_indices", "split_type", "sum_hessian"] {
                #expect((tree[key] as? [Any])?.count == count, "tree \(index), \(key)")
            }
            for key in ["categories", "categories_nodes", "categories_segments", "categories_sizes"] {
                #expect((tree[key] as? [Any])?.isEmpty == true)
            }
            let parents = try #require(tree["parents"] as? [Int])
            let left = try #require(tree["left_children"] as? [Int])
            #expect(parents[0] == Int(Int32.max))
            for (node, child) in left.enumerated() where child != -1 { #expect(parents[child] == node) }
        }
    }

    @Test func oneBaseScoreServesEveryGroupWhenTheyStartAlike() throws {
        func baseScore(_ model: TreeEnsemble) throws -> String? {
            let json = try JSONSerialization.jsonObject(with: model.xgboostJSON()) as? [String: Any]
            let learner = json?["learner"] as? [String: Any]
            return (learner?["learner_model_param"] as? [String: String])?["base_score"]
        }
        let regressor = try TreeEnsemble(contentsOfXGBoostModel: XGBoostFiles.reference("regressor.json"))
        #expect(try baseScore(regressor) == "1.99089")
        // A 2.x softprob starts every class at 0.5; 2.x reads that back only as a single number.
        let softprob = try TreeEnsemble(contentsOfXGBoostModel: XGBoostFiles.fixture("xgb2_softprob.json"))
        #expect(try baseScore(softprob) == "0.5")
        // binary:logistic keeps the probability, not the margin.
        let logistic = try TreeEnsemble(contentsOfXGBoostModel: XGBoostFiles.fixture("xgb3_logistic.json"))
        let probability = try #require(try baseScore(logistic).flatMap { Float($0) })
        #expect(TreeEnsemble.Objective.logistic.margin(fromBaseScore: probability) == logistic.baseMargins[0])
        #expect(0 < probability && probability < 1 && probability != logistic.baseMargins[0])
    }

    @Test func siblingsAreRenumberedSideBySideForXGBoost2() throws {
        // Right child 1 before left child 3, children 5 and 4 swapped, node 2 reached by no path.
        let tree = RegressionTree(
            leftChildren: [3, -1, -1, 5, -1, -1], rightChildren: [1, -1, -1, 4, -1, -1], splitFeatures: [0, 0, 0, 1, 0, 0],
            splitConditions: [0.5, 2, 7, 0, -1, 1], defaultLeft: [true, false, false, false, false, false],
            lossChanges: [3, 0, 0, 1, 0, 0], sumHessians: [6, 2, 1, 4, 2, 2], baseWeights: [0, 2, 7, 0.1, -1, 1])
        let model = TreeEnsemble(objective: .squaredError, featureCount: 2, groupCount: 1, baseMargins: [0.25],
                                 trees: [tree], treeGroups: [0])
        let saved = try TreeEnsemble(xgboostJSON: model.xgboostJSON(), path: "saved").trees[0]
        #expect(saved.nodeCount == 5)
        for node in 0..<saved.nodeCount where saved.leftChildren[node] != -1 {
            #expect(saved.rightChildren[node] == saved.leftChildren[node] + 1)
        }
        #expect(Set(saved.baseWeights) == [0, 2, 0.1, -1, 1])
        let (before, after) = (try FlatTreeEnsemble(model), try FlatTreeEnsemble(TreeEnsemble(
            objective: .squaredError, featureCount: 2, groupCount: 1, baseMargins: [0.25], trees: [saved], treeGroups: [0])))
        for x in [Float.nan, -1, 0, 0.5, 1] {
            for y in [Float.nan, -1, 0, 1] { #expect(before.margins([x, y]) == after.margins([x, y]), "\(x), \(y)") }
        }
    }

    @Test func roundsOfAForestAreOneTreeEach() throws {
        // XGBoost's forest fixture has three trees per round; a TreeEnsemble keeps no rounds.
        let model = try TreeEnsemble(contentsOfXGBoostModel: XGBoostFiles.fixture("xgb3_forest.json"))
        let json = try #require(JSONSerialization.jsonObject(with: model.xgboostJSON()) as? [String: Any])
        let booster = (json["learner"] as? [String: Any])?["gradient_booster"] as? [String: Any]
        #expect((booster?["model"] as? [String: Any])?["iteration_indptr"] as? [Int] == Array(0...model.trees.count))
    }

    @Test func featureNamesAreSavedWithTheirTypes() throws {
        var model = try TreeEnsemble(contentsOfXGBoostModel: XGBoostFiles.reference("regressor.json"))
        model.featureNames = (0..<8).map { "q_\($0)" }
        let json = try #require(JSONSerialization.jsonObject(with: model.xgboostJSON()) as? [String: Any])
        let learner = json["learner"] as? [String: Any]
        #expect(learner?["feature_names"] as? [String] == model.featureNames)
        #expect(learner?["feature_types"] as? [String] == Array(repeating: "float", count: 8))
        #expect(try TreeEnsemble(xgboostJSON: model.xgboostJSON(), path: "named") == model)
    }

    @Test func aLogisticMarginFromAProbabilityIsSavedExactly() {
        var generator = SeededGenerator(seed: 6)
        for _ in 0..<2_000 {
            let probability = Float.random(in: 0.001..<0.999, using: &generator)
            let margin = TreeEnsemble.Objective.logistic.margin(fromBaseScore: probability)
            let saved = TreeEnsemble.Objective.logistic.baseScore(forMargin: margin)
            #expect(TreeEnsemble.Objective.logistic.margin(fromBaseScore: saved) == margin, "p = \(probability)")
        }
        #expect(TreeEnsemble.Objective.squaredError.baseScore(forMargin: 3.25) == 3.25)
        #expect(TreeEnsemble.Objective.softprob.baseScore(forMargin: -0.5) == -0.5)
    }

    @Test func writingReplacesTheFileAndRefusesABrokenModel() throws {
        let folder = try TemporaryFolder("xgbsave")
        let model = try TreeEnsemble(contentsOfXGBoostModel: XGBoostFiles.fixture("xgb3_logistic.json"))
        let path = folder.file("model.json")
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        try model.writeXGBoostModel(to: path)
        #expect(try TreeEnsemble(contentsOfXGBoostModel: path) == model)

        var broken = model
        broken.treeGroups.removeLast()
        #expect(throws: XGBoostModelError.self) { try broken.writeXGBoostModel(to: folder.file("broken.json")) }
        #expect(!FileManager.default.fileExists(atPath: folder.file("broken.json")))
        let missing = #expect(throws: XGBoostModelError.self) { try model.writeXGBoostModel(to: folder.file("no/such/model.json")) }
        #expect(missing?.kind == .io)
    }
}
