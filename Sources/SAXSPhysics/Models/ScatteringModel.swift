/// A scattering model: I(q) as a function of named parameters, with its exact gradient.
///
/// Conventions every model keeps, so that models compose and compare with SasView:
/// - q is in 1/Å.
/// - Models sasmodels also has use sasmodels' parameter names and units (lengths in Å, SLDs in 1e-6/Å², I in
///   1/cm with `scale` and `background`); saxsd's own phase models give lengths in nm, as the phase table of
///   DESIGN.md does. Each parameter states its unit.
/// - `values` are in the order of `parameters`; the Jacobian's columns follow the same order.
public protocol ScatteringModel: Sendable {
    /// The name `saxsd model` knows the model by.
    var name: String { get }
    var parameters: [ModelParameter] { get }

    /// I(q) at each q.
    func intensity(q: [Double], values: [Double]) -> [Double]

    /// I(q) and ∂I/∂θ for every parameter θ, computed together (they share most of the work).
    func curve(q: [Double], values: [Double]) -> ModelCurve
}
