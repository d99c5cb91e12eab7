/// A feature table that cannot be read, with the file and line to fix.
public struct FeatureTableError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// 1-based; nil when the fault is the whole file's.
    public var line: Int?
    public var message: String

    public init(path: String, line: Int? = nil, _ message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}
