import Foundation
import SAXSLearning
import Testing

/// The models xgboost 3.2 saved in shared/reference/xgboost: saxsd must give xgboost's own numbers, to the bit.
@Suite struct XGBoostReferenceTests {
    private func predictions(_ model: String, rows: String, margins: Bool = false) throws -> [[Float]] {
        let flat = try FlatTreeEnsemble(TreeEnsemble(contentsOfXGBoostModel: XGBoostFiles.reference(model)))
        return try XGBoostFiles.matrix(XGBoostFiles.reference(rows)).map { margins ? flat.margins($0) : flat.predict($0) }
    }

    @Test(arguments: [("regressor.json", "X_test.txt", "regressor_pred.txt"),
                      ("bench_regressor_100x5.json", "bench_X20.txt", "bench_pred20.txt")])
    func regressorsAsXGBRegressorPredicts(_ model: String, rows: String, expected: String) throws {
        let expected = try XGBoostFiles.matrix(XGBoostFiles.reference(expected))
        let predicted = try predictions(model, rows: rows)
        #expect(predicted.count == 20)
        #expect(predicted.map(XGBoostFiles.bits) == expected.map(XGBoostFiles.bits))
    }

    @Test func classifierProbabilitiesAndMargins() throws {
        let probabilities = try XGBoostFiles.matrix(XGBoostFiles.reference("classifier_proba.txt"))
        let margins = try XGBoostFiles.matrix(XGBoostFiles.reference("classifier_margin.txt"))
        #expect(try predictions("classifier_softprob3.json", rows: "X_test.txt").map(XGBoostFiles.bits)
            == probabilities.map(XGBoostFiles.bits))
        #expect(try predictions("classifier_softprob3.json", rows: "X_test.txt", margins: true).map(XGBoostFiles.bits)
            == margins.map(XGBoostFiles.bits))
        #expect(margins.count == 20 && margins.allSatisfy { $0.count == 3 })
    }

    @Test func fieldsOfTheLoadedModels() throws {
        let regressor = try TreeEnsemble(contentsOfXGBoostModel: XGBoostFiles.reference("regressor.json"))
        #expect(regressor.objective == .squaredError)
        #expect(regressor.featureCount == 8 && regressor.groupCount == 1 && regressor.trees.count == 20)
        #expect(regressor.baseMargins == [1.99089])
        let classifier = try TreeEnsemble(contentsOfXGBoostModel: XGBoostFiles.reference("classifier_softprob3.json"))
        #expect(classifier.objective == .softprob && classifier.groupCount == 3 && classifier.trees.count == 30)
        // 3.1+ stores one margin per class, used as it is.
        #expect(classifier.baseMargins == [2.9447913e-2, 6.529391e-2, -9.474206e-2])
        #expect(classifier.treeGroups.prefix(6) == [0, 1, 2, 0, 1, 2])
    }
}
