/// The ordered-phase and background models by the name `saxsd model NAME` knows them by.
///
/// Bragg patterns are `bragg_<phase label>` (`bragg_lamellar`, `bragg_hexagonal`, `bragg_cubic_Pn3m`,
/// `bragg_cubic_Im3m`, `bragg_cubic_Ia3d`, `bragg_micellar_Fd3m`) with the default `Configuration`
/// (pseudo-Voigt peaks, no instrument resolution, 20 peak positions); the disorder and background models carry
/// sasmodels' names (`power_law`, `dab`, `teubner_strey`, `broad_peak`, `correlation_length`) and saxsd's
/// `flat_background`.
public enum StructureCatalog {
    /// Every name `model(named:)` accepts, Bragg patterns first.
    public static let names: [String] =
        LatticePhase.allCases.map { "bragg_" + $0.label } + backgrounds.map(\.name)

    static let backgrounds: [any ScatteringModel] = [
        PowerLaw(), DebyeAndersonBrumberger(), TeubnerStrey(), BroadPeak(), CorrelationLength(), FlatBackground(),
    ]

    /// The model called `name`; a `ModelError` naming the known models when there is none.
    public static func model(named name: String) throws(ModelError) -> any ScatteringModel {
        if name.hasPrefix("bragg_"), let phase = LatticePhase(label: String(name.dropFirst("bragg_".count))) {
            return BraggPeakModel(phase: phase)
        }
        if let model = backgrounds.first(where: { $0.name == name }) { return model }
        throw ModelError(model: name, "unknown model; known: \(names.joined(separator: ", "))")
    }

    /// The Bragg pattern of a phase given by its DESIGN.md label (`lamellar`, `cubic_Pn3m`…), or nil for a
    /// label that is not an ordered phase (`disordered`, `cellulose`, `empty`).
    public static func model(phase label: String,
                             configuration: BraggPeakModel.Configuration = .init()) -> BraggPeakModel? {
        LatticePhase(label: label).map { BraggPeakModel(phase: $0, configuration: configuration) }
    }
}
