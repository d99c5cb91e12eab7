import Foundation
import SAXSLearning
import SAXSPhysics

// Trains saxsd's boosted trees on the split that scripts/gbdt_compare.py wrote, one regressor per label column,
// and writes the test-set predictions and the training times beside it for the script to compare with XGBoost.
//   TrainingComparison DIR [threads]
// DIR holds X_train.npy, y_train.npy, X_test.npy (float32, row-major) and config.json (XGBoost's parameter names);
// the tool writes saxsd_pred.npy and saxsd_times.json into it.

func readMatrix(_ path: String) throws -> (rows: Int, columns: Int, values: [Float]) {
    let file = try NPYFile(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    let columns = file.shape.count > 1 ? file.shape[1] : 1
    return (file.shape[0], columns, file.values.map(Float.init))
}

let folder = CommandLine.arguments[1]
let config = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/config.json"))) as! [String: Any]
var parameters = TrainingParameters()
parameters.estimatorCount = config["n_estimators"] as! Int
parameters.learningRate = config["learning_rate"] as! Double
parameters.maxDepth = config["max_depth"] as! Int
parameters.seed = UInt64(config["random_state"] as! Int)
if CommandLine.arguments.count > 2 { parameters.threads = Int(CommandLine.arguments[2])! }

let train = try readMatrix("\(folder)/X_train.npy")
let labels = try readMatrix("\(folder)/y_train.npy")
let test = try readMatrix("\(folder)/X_test.npy")
let features = FeatureMatrix(rowCount: train.rows, columnCount: train.columns, values: train.values)

var predictions = [Float](repeating: 0, count: test.rows * labels.columns)
var seconds: [Double] = []
for column in 0..<labels.columns {
    let target = (0..<labels.rows).map { labels.values[$0 * labels.columns + column] }
    let start = ContinuousClock.now
    let ensemble = try BoostedTreeTrainer(parameters: parameters).fit(features: features, labels: target)
    let elapsed = ContinuousClock.now - start
    seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    let model = try FlatTreeEnsemble(ensemble)
    for row in 0..<test.rows {
        let values = Array(test.values[row * test.columns..<(row + 1) * test.columns])
        predictions[row * labels.columns + column] = model.predict(values)[0]
    }
    print("column \(column): \(String(format: "%.2f", seconds.last!)) s")
}
try Data(NPYFile(float32: predictions, shape: [test.rows, labels.columns]).bytes)
    .write(to: URL(fileURLWithPath: "\(folder)/saxsd_pred.npy"))
try JSONSerialization.data(withJSONObject: ["seconds": seconds, "threads": parameters.threads])
    .write(to: URL(fileURLWithPath: "\(folder)/saxsd_times.json"))
