extension FlatTreeEnsemble {
    /// Adds the trees' leaves to `margins[row * groupCount + group]` for the given rows of `features`: how training
    /// keeps the margins of its validation set, and of the rows a tree was not grown on, up to date.
    func addLeaves(of features: FeatureMatrix, rows: some Sequence<Int>, to margins: inout [Float]) {
        let columns = features.columnCount
        features.values.withUnsafeBufferPointer { values in
            margins.withUnsafeMutableBufferPointer { margins in
                for row in rows {
                    addLeaves(UnsafeBufferPointer(rebasing: values[(row * columns)..<((row + 1) * columns)]),
                              to: UnsafeMutableBufferPointer(rebasing: margins[(row * groupCount)..<((row + 1) * groupCount)]))
                }
            }
        }
    }
}
