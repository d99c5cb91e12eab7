/// A particle's form factor in sasmodels' convention: the orientation-averaged squared amplitude ⟨F²⟩ (with the
/// 1e-4 factor that turns (1e-6/Å²)²·Å⁶/Å³ into 1/cm folded in) and the volume I(q) is normalized by, both as
/// functions of the shape parameters only, with their exact gradients.
///
/// A form factor is not yet a model: `FormFactorModel` adds `scale` and `background` (I = scale·⟨F²⟩/V + background,
/// sasmodels' `scale/V·F2 + background`), and `PolydisperseModel` averages ⟨F²⟩ and V over size distributions
/// before dividing. Keeping the shape part apart is what lets one polydispersity average serve every shape.
public protocol FormFactor: Sendable {
    /// sasmodels' model name (or saxsd's own for shapes sasmodels has not).
    var name: String { get }
    /// The shape parameters, in sasmodels' order, without `scale` and `background`.
    var shapeParameters: [ModelParameter] { get }
    /// Names of the shape parameters that may carry a size distribution (sasmodels' "volume" parameters that are
    /// continuous); their width `<name>_pd` is relative to the value, as sasmodels has it for sizes.
    var polydisperseParameters: [String] { get }

    /// The volume (Å³) I is normalized by (sasmodels' form volume, or shell volume for hollow shapes) and its
    /// derivatives with respect to the shape parameters.
    func volume(shape: [Double]) -> (value: Double, gradient: [Double])

    /// ⟨F²⟩·1e-4 at each q, written over `values` (which has q.count elements).
    func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double])

    /// ⟨F²⟩·1e-4 and its derivatives, written over `values` and `gradient`
    /// (`gradient[i * shape.count + j]` = ∂⟨F²⟩(q_i)/∂shape_j, q-major like `ModelCurve`).
    func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double], gradient: inout [Double])
}

extension FormFactor {
    /// The shape parameters' defaults, in order.
    public var defaultShape: [Double] { shapeParameters.map(\.defaultValue) }
}

/// sasmodels' `scale` and `background`, the first two parameters of every form-factor model.
enum CommonParameters {
    static let scale = ModelParameter("scale", unit: "", default: 1, bounds: 0...Double.infinity,
                                      summary: "volume fraction of particles (or a free scale factor)")
    static let background = ModelParameter("background", unit: "1/cm", default: 0.001,
                                           bounds: -Double.infinity...Double.infinity,
                                           summary: "flat incoherent background")

    static func sld(_ name: String, default value: Double, _ summary: String) -> ModelParameter {
        ModelParameter(name, unit: "1e-6/Å^2", default: value, bounds: -Double.infinity...Double.infinity,
                       summary: summary)
    }

    static func length(_ name: String, default value: Double, prior: ClosedRange<Double>?, _ summary: String)
        -> ModelParameter
    {
        ModelParameter(name, unit: "Å", default: value, bounds: 0...Double.infinity, prior: prior, priorScale: .log,
                       summary: summary)
    }
}
