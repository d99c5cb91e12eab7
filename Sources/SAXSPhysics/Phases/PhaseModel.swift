/// The scattering model of one phase of DESIGN.md's table: what the boosted trees learn from (curves simulated
/// from the priors) and what refinement fits. Lengths are in nm, as the phase table gives them; q is in 1/Å as
/// for every model (see `ScatteringModel`).
///
/// Each model is a `CompositeModel` of the library's parts:
/// - The mesophases (`lamellar`, `hexagonal`, the cubics, `micellar_Fd3m`) are lipid nanoparticles: Bragg peaks
///   of the internal lattice (`BraggPeakModel`, pseudo-Voigt peaks of fixed η = 0.5, widths from the domain size
///   and the instrument's resolution), the particles' own form factor (polydisperse spheres), the power law of
///   aggregates and a flat background.
/// - `disordered`: polydisperse particles without internal order (vesicles, core-shell LNPs) plus a Lorentzian
///   correlation term (sponge-like or concentration fluctuations) and a flat background.
/// - `empty`: what an empty capillary or the beam alone leave, a power law of parasitic scattering and a flat
///   background.
/// - `cellulose` has no closed-form model: its curves come from the cross-section simulator (`CelluloseSimulator`).
///
/// `reported` names the parameters the phase table lists (what a sidecar's `parameters` carries); the others
/// (scales, background, exponents) are nuisance parameters fitted along.
public struct PhaseModel: Sendable {
    public let label: PhaseLabel
    public let model: CompositeModel
    public let reported: [String]

    /// The phase's model; nil for `cellulose`, which only the simulator describes. `resolution` is the
    /// instrument's q resolution that widens Bragg peaks.
    public init?(_ label: PhaseLabel, resolution: BraggPeakModel.Resolution = BraggPeakModel.Resolution()) {
        self.label = label
        if let lattice = label.lattice {
            model = Self.mesophase(label, lattice: lattice, resolution: resolution)
            reported = [lattice.lengthParameter, "domain_size"]
            return
        }
        switch label {
        case .disordered:
            model = Self.disordered()
            reported = ["radius", "polydispersity", "correlation_length"]
        case .empty:
            model = Self.empty()
            reported = []
        default:
            return nil
        }
    }

    /// Every phase with a closed-form model, in the table's order.
    public static func all(resolution: BraggPeakModel.Resolution = BraggPeakModel.Resolution()) -> [PhaseModel] {
        PhaseLabel.allCases.compactMap { PhaseModel($0, resolution: resolution) }
    }

    /// The name `saxsd model` knows a phase model by: `phase_` and the label (`phase_cubic_Pn3m`), since plain
    /// `lamellar` is sasmodels' sheet form factor.
    public static func modelName(_ label: PhaseLabel) -> String { "phase_" + label.rawValue }
}
