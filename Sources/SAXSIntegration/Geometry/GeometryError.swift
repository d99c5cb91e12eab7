/// Why a geometry could not be read or used, with enough context for an operator to fix the PONI file.
public struct GeometryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The PONI file, when the geometry came from one.
    public var path: String?
    /// 1-based line in that file, when one line is at fault.
    public var line: Int?
    /// The PONI key at fault, spelled as pyFAI writes it (or the Fit2D parameter, for `Fit2DGeometry`).
    public var key: String?
    public var reason: String

    public init(path: String? = nil, line: Int? = nil, key: String? = nil, reason: String) {
        self.path = path
        self.line = line
        self.key = key
        self.reason = reason
    }

    public var description: String {
        var location = path ?? "geometry"
        if let line { location += ":\(line)" }
        if let key { return "\(location): \(key): \(reason)" }
        return "\(location): \(reason)"
    }
}
