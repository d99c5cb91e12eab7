import ArgumentParser
import Foundation
import SAXSLearning

struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a boosted-tree model on rows of features: one prediction row per input row.",
        discussion: """
            The model is an XGBoost JSON file: save_model("….json") from xgboost 2.x or 3.x, or a model saxsd \
            saved. ROWS.csv holds one row of the model's features per line, comma-separated; an empty cell or nan \
            is a missing value. A first line without numbers is a header: when the model names its features, it \
            must name the same ones in the same order. Each output line is the regression value, the probability \
            of class 1 (binary:logistic) or the probability of each class (multi:softprob), comma-separated, as \
            xgboost's Booster.predict gives them; every number is the shortest decimal that reads back as the same \
            float32.
            """
    )

    @Option(help: ArgumentHelp("Model file (XGBoost JSON).", valueName: "FILE"))
    var model: String

    @Argument(help: ArgumentHelp("CSV file of feature rows; - reads standard input.", valueName: "ROWS.csv"))
    var rows: String

    @Flag(help: "Print the raw margins (xgboost's output_margin=True) instead of predictions.")
    var margin = false

    @Option(name: .customLong("save-model"),
            help: ArgumentHelp("Also write the model as saxsd saves it (XGBoost 3.1+ JSON), for example to bring a 2.x model up to date.",
                               valueName: "FILE"))
    var saveModel: String?

    func run() throws {
        let ensemble: TreeEnsemble
        let flat: FlatTreeEnsemble
        let table: FeatureTable
        do {
            ensemble = try TreeEnsemble(contentsOfXGBoostModel: model)
            flat = try FlatTreeEnsemble(ensemble)
            table = try readRows(featureCount: ensemble.featureCount)
            if let names = ensemble.featureNames, let header = table.columnNames, header != names {
                throw FeatureTableError(path: rowsName, line: 1, "the header names \(header.joined(separator: ",")), "
                                        + "the model's features are \(names.joined(separator: ","))")
            }
            try saveModel.map { try ensemble.writeXGBoostModel(to: $0) }
        } catch {
            StandardError.line("saxsd: \(error)")
            throw ExitCode.failure
        }

        var output = ""
        var values = [Float](repeating: 0, count: flat.groupCount)
        table.values.withUnsafeBufferPointer { all in
            values.withUnsafeMutableBufferPointer { values in
                for index in 0..<table.rowCount {
                    let row = UnsafeBufferPointer(rebasing: all[index * table.columnCount..<(index + 1) * table.columnCount])
                    if margin { flat.margins(row, into: values) } else { flat.predict(row, into: values) }
                    // Float's description is the shortest text that reads back as the same float.
                    output += values.map { "\($0)" }.joined(separator: ",") + "\n"
                }
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    private var rowsName: String { rows == "-" ? "standard input" : rows }

    private func readRows(featureCount: Int) throws -> FeatureTable {
        let data: Data
        do {
            data = rows == "-" ? FileHandle.standardInput.readDataToEndOfFile()
                : try Data(contentsOf: URL(fileURLWithPath: rows))
        } catch {
            throw FeatureTableError(path: rows, "cannot be read (\(error.localizedDescription))")
        }
        return try FeatureTable(csv: String(decoding: data, as: UTF8.self), path: rowsName, columnCount: featureCount)
    }
}
