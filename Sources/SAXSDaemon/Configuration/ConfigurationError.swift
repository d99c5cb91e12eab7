/// A configuration that cannot be used, located as precisely as the file allows.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public var path: String
    /// 1-based line of the offending key or syntax error, when known.
    public var line: Int?
    /// Dotted key such as `integration.npt`; nil for syntax errors and unreadable files.
    public var key: String?
    public var reason: String

    public init(path: String, line: Int? = nil, key: String? = nil, reason: String) {
        self.path = path
        self.line = line
        self.key = key
        self.reason = reason
    }

    /// `file:line: key: reason`, the shape compilers use, so editors can jump to it.
    public var description: String {
        var text = path
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "\(key): " }
        return text + reason
    }
}
