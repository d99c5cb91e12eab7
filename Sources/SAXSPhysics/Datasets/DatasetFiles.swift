import Foundation

/// How the data sets put their files in their folder: each to a temporary name and renamed (none is seen
/// half-written), manifests as sorted, snake_case JSON (what Python readers expect).
enum DatasetFiles {
    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    static func writeManifest(_ manifest: some Encodable, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try write(Array(try encoder.encode(manifest)) + [0x0A], to: path)
    }
}
