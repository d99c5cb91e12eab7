/// A model folder that cannot be used, with the file and the manifest key at fault.
public struct ModelSetError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var key: String?
    public var message: String

    public init(path: String, key: String? = nil, _ message: String) {
        self.path = path
        self.key = key
        self.message = message
    }

    public var description: String {
        "\(path)\(key.map { ": \($0)" } ?? ""): \(message)"
    }
}
