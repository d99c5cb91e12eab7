/// Rows of float32 features, as XGBoost holds dense input: one row per sample, NaN for a missing value.
/// Float32 because split thresholds are float32 and a row must take the same branches in training and
/// in every later prediction, saxsd's or XGBoost's.
public struct FeatureMatrix: Sendable, Equatable {
    public let rowCount: Int
    public let columnCount: Int
    /// Row-major: the value of row `r`, column `c` is at `r * columnCount + c`.
    public let values: [Float]

    public init(rowCount: Int, columnCount: Int, values: [Float]) {
        precondition(rowCount >= 0 && columnCount >= 0 && values.count == rowCount * columnCount,
                     "\(values.count) values do not fill \(rowCount) × \(columnCount)")
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.values = values
    }

    /// Rows of equal length; with no rows the matrix has no columns either.
    public init(rows: [[Float]]) {
        let width = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == width }, "rows of different lengths")
        self.init(rowCount: rows.count, columnCount: width, values: rows.flatMap { $0 })
    }

    public subscript(row: Int, column: Int) -> Float {
        values[row * columnCount + column]
    }
}
