import Foundation

/// Rows of feature values from a CSV file, as `saxsd predict` reads them: comma-separated numbers, one row per
/// line; an empty cell or `nan` is a missing value (NaN, as XGBoost takes it). A first line without a single
/// number (only names and empty cells) is a header naming the columns; one with some numbers is a row, so a typo
/// in it is reported, not taken for a header. Blank lines and lines starting with `#` are skipped.
public struct FeatureTable: Sendable, Equatable {
    public var columnNames: [String]?
    public var columnCount: Int
    /// Row after row.
    public var values: [Float]

    public var rowCount: Int { columnCount == 0 ? 0 : values.count / columnCount }

    public func row(_ index: Int) -> [Float] {
        Array(values[index * columnCount..<(index + 1) * columnCount])
    }

    /// `path` names the source in errors. With `columnCount` given, every row must have that many values.
    public init(csv text: String, path: String, columnCount expected: Int? = nil) throws(FeatureTableError) {
        columnNames = nil
        columnCount = expected ?? 0
        values = []
        var sawRow = false
        // Swift reads "\r\n" as one character, a newline like "\n".
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.allSatisfy(\.isWhitespace) || line.hasPrefix("#") { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let numbers = cells.map(Self.value)
            if !sawRow {
                sawRow = true
                if expected == nil { columnCount = cells.count }
                if zip(cells, numbers).allSatisfy({ $0.isEmpty || $1 == nil }) && cells.contains(where: { !$0.isEmpty }) {
                    guard cells.count == columnCount else {
                        throw FeatureTableError(path: path, line: index + 1,
                                                "a header of \(cells.count) columns for \(columnCount) features")
                    }
                    columnNames = cells
                    continue
                }
            }
            guard cells.count == columnCount else {
                throw FeatureTableError(path: path, line: index + 1, "\(cells.count) values, \(columnCount) expected")
            }
            if let column = numbers.firstIndex(where: { $0 == nil }) {
                throw FeatureTableError(path: path, line: index + 1,
                                        "column \(column + 1): \"\(cells[column])\" is not a number")
            }
            values += numbers.map { $0! }
        }
    }

    /// A cell's value: NaN for an empty cell or any spelling of nan, nil for text that is no number.
    private static func value(_ cell: String) -> Float? {
        cell.isEmpty ? .nan : Float(cell)
    }
}
