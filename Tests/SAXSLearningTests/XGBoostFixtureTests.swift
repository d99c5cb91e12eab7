import Foundation
import SAXSLearning
import Testing

/// Models beyond shared/: xgboost 2.x files (scalar base_score), binary:logistic, lossguide and forest trees,
/// made by scripts/xgboost_fixtures.py with xgboost's predictions beside them.
@Suite struct XGBoostFixtureTests {
    static let models = ["xgb2_regressor", "xgb2_logistic", "xgb2_softprob", "xgb3_logistic", "xgb3_softprob",
                         "xgb3_lossguide", "xgb3_forest"]

    @Test(arguments: models)
    func predictionsAndMarginsAreXGBoostsToTheBit(_ name: String) throws {
        let flat = try FlatTreeEnsemble(TreeEnsemble(contentsOfXGBoostModel: XGBoostFiles.fixture(name + ".json")))
        let rows = try XGBoostFiles.rows(XGBoostFiles.fixture("rows.csv"))
        let predictions = try XGBoostFiles.matrix(XGBoostFiles.fixture(name + ".predictions.txt"))
        let margins = try XGBoostFiles.matrix(XGBoostFiles.fixture(name + ".margins.txt"))
        #expect(rows.rowCount == 24 && predictions.count == rows.rowCount && margins.count == rows.rowCount)
        for index in 0..<rows.rowCount {
            let row = rows.row(index)
            #expect(XGBoostFiles.bits(flat.predict(row)) == XGBoostFiles.bits(predictions[index]), "row \(index)")
            #expect(XGBoostFiles.bits(flat.margins(row)) == XGBoostFiles.bits(margins[index]), "row \(index)")
        }
    }

    @Test func version2WritesAScalarBaseScoreInResponseSpace() throws {
        let text = try String(contentsOfFile: XGBoostFiles.fixture("xgb2_logistic.json"), encoding: .utf8)
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let parameters = (json["learner"] as! [String: Any])["learner_model_param"] as! [String: String]
        let score = try #require(Float(parameters["base_score"]!), "a scalar, not a bracketed list")
        let model = try TreeEnsemble(contentsOfXGBoostModel: XGBoostFiles.fixture("xgb2_logistic.json"))
        #expect(model.baseMargins == [-logf(1 / score - 1)])
        #expect(model.baseMargins[0] != score)
    }

    @Test func version2SoftprobUsesItsScalarAsTheMarginOfEveryClass() throws {
        let model = try TreeEnsemble(contentsOfXGBoostModel: XGBoostFiles.fixture("xgb2_softprob.json"))
        #expect(model.baseMargins == [0.5, 0.5, 0.5])
    }

    @Test func lossguideTreesAreUnbalanced() throws {
        // The point of that fixture: leaves at many depths, so the walk's fixed step count is exercised.
        let model = try TreeEnsemble(contentsOfXGBoostModel: XGBoostFiles.fixture("xgb3_lossguide.json"))
        func depths(_ tree: RegressionTree, _ node: Int = 0, _ depth: Int = 0) -> [Int] {
            tree.leftChildren[node] == -1 ? [depth]
                : depths(tree, Int(tree.leftChildren[node]), depth + 1) + depths(tree, Int(tree.rightChildren[node]), depth + 1)
        }
        let leafDepths = model.trees.flatMap { depths($0) }
        #expect(Set(leafDepths).count >= 3)
    }
}
