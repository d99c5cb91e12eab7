import Foundation
import SAXSLearning
import SAXSTestSupport

/// The XGBoost models of shared/reference/xgboost and of Fixtures/ (see scripts/xgboost_fixtures.py), with the
/// numbers xgboost itself gave for them.
enum XGBoostFiles {
    static func reference(_ name: String) -> String {
        SharedFiles.root.appendingPathComponent("reference/xgboost").appendingPathComponent(name).path
    }

    static func fixture(_ name: String) -> String {
        SharedFiles.repository.appendingPathComponent("Tests/SAXSLearningTests/Fixtures").appendingPathComponent(name).path
    }

    /// A whitespace-separated table of float32 values (`nan` for missing), `#` lines skipped. Each number is read
    /// straight into a Float: going through Double could round twice.
    static func matrix(_ path: String) throws -> [[Float]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { return nil }
            return try line.split(whereSeparator: \.isWhitespace).map { field in
                guard let value = Float(field) else { throw CocoaError(.fileReadCorruptFile) }
                return value
            }
        }
    }

    static func rows(_ path: String) throws -> FeatureTable {
        try FeatureTable(csv: String(contentsOfFile: path, encoding: .utf8), path: path)
    }

    /// Bit patterns, so that equal means identical (and NaN equals NaN).
    static func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }
}
