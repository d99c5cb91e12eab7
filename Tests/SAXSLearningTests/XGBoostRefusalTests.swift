import Foundation
import SAXSLearning
import Testing

/// Models saxsd cannot run as XGBoost would are refused, each with the reason and where it lies.
@Suite struct XGBoostRefusalTests {
    private func refusal(_ data: Data) -> XGBoostModelError? {
        do {
            _ = try TreeEnsemble(xgboostJSON: data, path: "edited.json")
            return nil
        } catch {
            return error
        }
    }

    private func refusal(fixture name: String) -> XGBoostModelError? {
        do {
            _ = try TreeEnsemble(contentsOfXGBoostModel: XGBoostFiles.fixture(name))
            return nil
        } catch {
            return error
        }
    }

    /// The reference regressor (or another shared model) with its learner section changed by `edit`.
    private func edited(_ model: String = "regressor.json", _ edit: (inout [String: Any]) -> Void) throws -> Data {
        let url = URL(fileURLWithPath: XGBoostFiles.reference(model))
        var json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var learner = try #require(json["learner"] as? [String: Any])
        edit(&learner)
        json["learner"] = learner
        return try JSONSerialization.data(withJSONObject: json)
    }

    /// The reference regressor with tree `index` changed by `edit`.
    private func editedTree(_ index: Int, _ edit: @escaping (inout [String: Any]) -> Void) throws -> Data {
        try editedModel { model in
            var trees = model["trees"] as! [[String: Any]]
            edit(&trees[index])
            model["trees"] = trees
        }
    }

    private func editedModel(_ model: String = "regressor.json", _ edit: @escaping (inout [String: Any]) -> Void) throws -> Data {
        try edited(model) { learner in
            var booster = learner["gradient_booster"] as! [String: Any]
            var model = booster["model"] as! [String: Any]
            edit(&model)
            booster["model"] = model
            learner["gradient_booster"] = booster
        }
    }

    /// The model with one of `learner_model_param`'s strings changed.
    private func withParameter(_ key: String, _ value: String, _ model: String = "regressor.json") throws -> Data {
        try edited(model) { learner in
            var parameters = learner["learner_model_param"] as! [String: Any]
            parameters[key] = value
            learner["learner_model_param"] = parameters
        }
    }

    /// The reference regressor with one of tree `index`'s `tree_param` strings changed.
    private func withTreeParameter(_ index: Int, _ key: String, _ value: String) throws -> Data {
        try editedTree(index) { tree in
            var parameters = tree["tree_param"] as! [String: Any]
            parameters[key] = value
            tree["tree_param"] = parameters
        }
    }

    @Test func otherBoostersObjectivesAndCategoricalSplitsFromXGBoostItself() {
        let cases: [(String, String)] = [
            ("refused_dart.json", "booster \"dart\""), ("refused_gblinear.json", "booster \"gblinear\""),
            ("refused_poisson.json", "objective \"count:poisson\""), ("refused_softmax.json", "objective \"multi:softmax\""),
            ("refused_categorical.json", "a categorical split"),
        ]
        for (file, reason) in cases {
            let error = refusal(fixture: file)
            #expect(error?.kind == .unsupported, "\(file)")
            #expect(error?.message.contains(reason) == true, "\(file): \(String(describing: error))")
            #expect(error?.path.hasSuffix(file) == true)
        }
        #expect(refusal(fixture: "refused_categorical.json")?.location == "tree 1, node 0")
    }

    @Test func damagedFilesAreMalformed() throws {
        let notJSON = refusal(Data("{\"learner\": [1, 2".utf8))
        #expect(notJSON?.kind == .malformed && notJSON?.message.hasPrefix("not JSON") == true, "\(String(describing: notJSON))")

        let noConditions = refusal(try editedTree(3) { $0.removeValue(forKey: "split_conditions") })
        #expect(noConditions?.kind == .malformed)
        #expect(noConditions?.description.contains("trees[3]") == true, "\(String(describing: noConditions))")
        #expect(noConditions?.message.contains("split_conditions") == true)

        let wordCount = refusal(try withParameter("num_feature", "eight"))
        #expect(wordCount?.kind == .malformed && wordCount?.location == "learner.learner_model_param.num_feature")

        let textThreshold = refusal(try editedTree(0) { $0["split_conditions"] = ["low", "high"] })
        #expect(textThreshold?.kind == .malformed && textThreshold?.description.contains("split_conditions") == true)
    }

    @Test func indicesOutsideTheTreeOrTheFeaturesAreInconsistent() throws {
        func edit(_ key: String, at node: Int, to value: Int) throws -> XGBoostModelError? {
            refusal(try editedTree(2) { tree in
                var array = tree[key] as! [Int]
                array[node] = value
                tree[key] = array
            })
        }
        let child = try edit("left_children", at: 0, to: 99)
        #expect(child?.kind == .inconsistent && child?.location == "tree 2, node 0", "\(String(describing: child))")
        #expect(child?.message.contains("child 99") == true)
        #expect(try edit("right_children", at: 1, to: -7)?.location == "tree 2, node 1")
        let feature = try edit("split_indices", at: 0, to: 8)
        #expect(feature?.kind == .inconsistent && feature?.message.contains("feature 8 of 8") == true)
        #expect(try edit("split_indices", at: 1, to: -1)?.kind == .inconsistent)
        // A leaf has both children -1.
        #expect(try edit("right_children", at: 7, to: 3)?.message.contains("leaf") == true)
    }

    @Test func cyclesAndSharedSubtreesAreInconsistent() throws {
        func pointing(_ node: Int, leftTo child: Int) throws -> XGBoostModelError? {
            refusal(try editedTree(0) { tree in
                var left = tree["left_children"] as! [Int]
                left[node] = child
                tree["left_children"] = left
            })
        }
        // Back to the root, back to its own parent, and into another node's subtree.
        for (node, child) in [(1, 0), (3, 1), (4, 5)] {
            let error = try pointing(node, leftTo: child)
            #expect(error?.kind == .inconsistent, "\(node) → \(child)")
            #expect(error?.message.contains("reached twice") == true, "\(String(describing: error))")
        }
    }

    @Test func countsThatDisagreeAreInconsistent() throws {
        let shortConditions = refusal(try editedTree(4) { tree in
            tree["split_conditions"] = Array((tree["split_conditions"] as! [Double]).dropLast())
        })
        #expect(shortConditions?.location == "tree 4" && shortConditions?.message == "14 split conditions for 15 nodes",
                "\(String(describing: shortConditions))")

        let declaredNodes = refusal(try withTreeParameter(4, "num_nodes", "13"))
        #expect(declaredNodes?.kind == .inconsistent && declaredNodes?.location == "tree 4")

        let treeCount = refusal(try editedModel { model in
            model["trees"] = Array((model["trees"] as! [Any]).dropLast())
            model["tree_info"] = Array((model["tree_info"] as! [Any]).dropLast())
        })
        #expect(treeCount?.kind == .inconsistent && treeCount?.message == "20 trees declared, 19 stored")

        let groups = refusal(try editedModel { model in model["tree_info"] = [0, 0] })
        #expect(groups?.message == "2 output groups for 20 trees")

        let outOfRangeGroup = refusal(try editedModel("classifier_softprob3.json") { model in
            var info = model["tree_info"] as! [Int]
            info[5] = 3
            model["tree_info"] = info
        })
        #expect(outOfRangeGroup?.kind == .inconsistent && outOfRangeGroup?.location == "tree 5")

        let ids = refusal(try editedTree(6) { $0["id"] = 2 })
        #expect(ids?.kind == .inconsistent && ids?.message.contains("tree ids") == true)

        let scores = refusal(try withParameter("base_score", "[1E-1,2E-1]", "classifier_softprob3.json"))
        #expect(scores?.kind == .inconsistent && scores?.message == "2 base scores for 3 output groups")

        let names = refusal(try edited { $0["feature_names"] = ["a", "b"] })
        #expect(names?.kind == .inconsistent && names?.message == "2 feature names for 8 features")
    }

    @Test func aLogisticBaseScoreMustBeAProbability() throws {
        let url = URL(fileURLWithPath: XGBoostFiles.fixture("xgb3_logistic.json"))
        let text = try String(contentsOf: url, encoding: .utf8)
        let original = try #require(text.range(of: #""base_score":"[^"]*""#, options: .regularExpression))
        for score in ["[1.5E0]", "0E0", "[1E0]"] {
            let error = refusal(Data(text.replacingCharacters(in: original, with: "\"base_score\":\"\(score)\"").utf8))
            #expect(error?.kind == .inconsistent && error?.location == "learner.learner_model_param.base_score", "\(score)")
        }
    }

    @Test func multiOutputTreesAndCategoryEncodersAreUnsupported() throws {
        let vectorLeaves = refusal(try withTreeParameter(0, "size_leaf_vector", "3"))
        #expect(vectorLeaves?.kind == .unsupported && vectorLeaves?.location == "tree 0")

        let targets = refusal(try withParameter("num_target", "2"))
        #expect(targets?.kind == .unsupported && targets?.message.contains("targets") == true)

        let encoder = refusal(try editedModel { model in
            model["cats"] = ["enc": [["a", "b"]], "feature_segments": [0, 2], "sorted_idx": [0, 1]]
        })
        #expect(encoder?.kind == .unsupported && encoder?.message == "categorical features")
    }
}
