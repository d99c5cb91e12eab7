extension ScatteringModel {
    /// The parameters' defaults, in order.
    public var defaultValues: [Double] { parameters.map(\.defaultValue) }

    /// The position of the parameter called `name`.
    public func index(of name: String) -> Int? {
        parameters.firstIndex { $0.name == name }
    }

    /// Defaults with some parameters set by name, as `saxsd model NAME key=value…` gives them.
    public func values(_ named: [String: Double]) throws(ModelError) -> [Double] {
        var values = defaultValues
        for (name, value) in named.sorted(by: { $0.key < $1.key }) {
            guard let index = index(of: name) else {
                throw ModelError(model: self.name, parameter: name,
                                 "has no parameter \(name); it has \(parameters.map(\.name).joined(separator: ", "))")
            }
            guard value.isFinite else { throw ModelError(model: self.name, parameter: name, "must be a finite number") }
            values[index] = value
        }
        return values
    }
}
