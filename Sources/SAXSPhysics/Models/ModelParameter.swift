/// One parameter of a scattering model: its name (sasmodels' where sasmodels has the model), unit, default,
/// the values it can physically take, and the range simulated training data draws it from.
public struct ModelParameter: Sendable, Hashable {
    /// How training data draws the parameter within `prior`: uniformly, or uniformly in its logarithm (sizes
    /// and scales spanning decades).
    public enum PriorScale: String, Sendable, Hashable {
        case linear, log
    }

    public var name: String
    /// As written in docs/models.md and the sidecar: "Å", "nm", "1e-6/Å^2", "1/cm", "" for none.
    public var unit: String
    public var defaultValue: Double
    /// Values outside are unphysical; a fit keeps the parameter inside.
    public var bounds: ClosedRange<Double>
    /// The range training curves are simulated from; nil when the parameter is not drawn (held at its default).
    public var prior: ClosedRange<Double>?
    public var priorScale: PriorScale
    public var summary: String

    public init(_ name: String, unit: String, default defaultValue: Double, bounds: ClosedRange<Double>,
                prior: ClosedRange<Double>? = nil, priorScale: PriorScale = .linear, summary: String) {
        self.name = name
        self.unit = unit
        self.defaultValue = defaultValue
        self.bounds = bounds
        self.prior = prior
        self.priorScale = priorScale
        self.summary = summary
    }
}
