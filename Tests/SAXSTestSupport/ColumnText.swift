import Foundation

/// A whitespace-separated numeric text file with `#` comment lines, as pyFAI, azint and saxsd write profiles.
public struct ColumnText: Sendable {
    public var comments: [String] = []
    public var rows: [[Double]] = []

    public init(path: String) throws {
        for line in try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline) {
            if line.hasPrefix("#") {
                comments.append(String(line))
            } else {
                rows.append(line.split(whereSeparator: \.isWhitespace).compactMap { Double($0) })
            }
        }
    }
}
