/// A model asked for something it cannot give: an unknown model or parameter, a value out of its bounds.
public struct ModelError: Error, Sendable, Hashable, CustomStringConvertible {
    public var model: String
    public var parameter: String?
    public var reason: String

    public init(model: String, parameter: String? = nil, _ reason: String) {
        self.model = model
        self.parameter = parameter
        self.reason = reason
    }

    public var description: String {
        if let parameter { return "model \(model), parameter \(parameter): \(reason)" }
        return "model \(model): \(reason)"
    }
}
