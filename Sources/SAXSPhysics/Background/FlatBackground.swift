/// A constant: what is left when the sample scatters nothing above the background (the `empty` phase), and the
/// term other models are summed on. saxsd's own model (sasmodels gives every model a `background` instead).
///
/// Parameter: `background` (1/cm).
public struct FlatBackground: ScatteringModel {
    public let name = "flat_background"
    public let parameters = [
        ModelParameter("background", unit: "1/cm", default: 0.001, bounds: -Double.infinity...Double.infinity,
                       prior: 1e-4...1, priorScale: .log, summary: "flat background"),
    ]

    public init() {}

    public func intensity(q: [Double], values: [Double]) -> [Double] {
        Pointwise.check(values, self)
        return [Double](repeating: values[0], count: q.count)
    }

    public func curve(q: [Double], values: [Double]) -> ModelCurve {
        Pointwise.check(values, self)
        return ModelCurve(intensity: intensity(q: q, values: values),
                          jacobian: [Double](repeating: 1, count: q.count), parameterCount: 1)
    }
}
