import Foundation

extension Sidecar {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        // Sorted keys: the same result gives the same bytes on every run, so sidecars can be diffed.
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public func jsonBytes() throws -> [UInt8] {
        var bytes = [UInt8](try Self.encoder.encode(self))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    public static func decode(_ bytes: Data) throws -> Sidecar {
        try JSONDecoder().decode(Sidecar.self, from: bytes)
    }

    /// Nil when the file is missing or is not a sidecar this version understands.
    public static func read(path: String) -> Sidecar? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? decode(data)
    }
}
