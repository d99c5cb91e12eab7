/// Margins of a data set kept up to date while trees are added, for the validation score and for the training
/// rows a tree was not grown on. A plain walk by the float32 rule that saved models use, so training sees
/// exactly the margins a loaded model would give.
enum EnsembleMargins {
    /// Adds the tree's leaf value to `margins[row * groupCount + group]` for every row of `features`.
    static func add(_ tree: RegressionTree, group: Int, groupCount: Int, features: FeatureMatrix,
                    rows: some Sequence<Int>, to margins: inout [Float]) {
        features.values.withUnsafeBufferPointer { values in
            for row in rows {
                let offset = row * features.columnCount
                var node = 0
                while tree.leftChildren[node] >= 0 {
                    let value = values[offset + Int(tree.splitFeatures[node])]
                    let goesLeft = value.isNaN ? tree.defaultLeft[node] : value < tree.splitConditions[node]
                    node = Int(goesLeft ? tree.leftChildren[node] : tree.rightChildren[node])
                }
                margins[row * groupCount + group] += tree.splitConditions[node]
            }
        }
    }
}
