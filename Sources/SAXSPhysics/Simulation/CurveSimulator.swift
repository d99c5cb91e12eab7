#if canImport(Glibc)
import Glibc
#endif

/// Measured-looking I(q) curves of the phases, with parameters drawn from each phase model's priors: the training
/// data of the boosted trees and the cases refinement is tested on.
///
/// Each curve is what a SAXS camera would give after integration:
/// - a q range drawn per curve (the low end from the beamstop's shadow, the high end from the detector's edge),
///   log-spaced bins;
/// - the instrument's resolution, a Gaussian σ_q ∝ q drawn per curve: part of the Bragg peaks' profile, and
///   applied to the rest of the model by averaging over it (`ResolutionSmearing`);
/// - counting statistics: a total number of counts drawn log-uniformly, shared among bins as I(q) × the ring's
///   area q·Δq (what a 2-D detector collects in a bin), each bin's count Poisson, and I and σ rescaled to the
///   model's units; σ = √max(n, 1) as the integrator's Poisson error model gives.
///
/// A curve depends only on (seed, phase, index): the same on any number of cores, and any one can be made alone.
public struct CurveSimulator: Sendable {
    public struct Settings: Sendable, Hashable, Codable {
        public var points = 500
        /// Lowest q of a curve, nm⁻¹, drawn log-uniformly.
        public var lowestQ: ClosedRange<Double> = 0.03...0.12
        /// Highest q, nm⁻¹, drawn log-uniformly.
        public var highestQ: ClosedRange<Double> = 3...7
        /// Counts in the whole curve, drawn log-uniformly.
        public var totalCounts: ClosedRange<Double> = 1e4...1e8
        /// σ_q/q of the instrument, drawn uniformly.
        public var relativeResolution: ClosedRange<Double> = 0.005...0.03
        /// Draw again until the curve shows its phase (`PhaseModel.isVisible`).
        public var visiblePhase = true
        /// Draws before a curve is kept whatever it shows.
        public var draws = 200

        public init() {}
    }

    /// One simulated curve. q is in nm⁻¹ (the project's default unit); I and σ in the model's 1/cm.
    public struct Curve: Sendable {
        public var label: PhaseLabel
        /// The phase model's parameters, by name, in its units.
        public var parameters: [(name: String, value: Double)]
        public var q: [Double]
        public var intensity: [Double]
        public var sigma: [Double]
        public var totalCounts: Double
        public var relativeResolution: Double
    }

    public var settings: Settings

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Curve `index` of phase `label` (not `cellulose`, whose curves come from `CelluloseSimulator`).
    ///
    /// With `Settings.visiblePhase`, a draw whose expected counts do not show the phase's marks
    /// (`PhaseModel.isVisible`: indexable Bragg peaks, a particle or correlation knee) is drawn again from the same
    /// stream, up to `Settings.draws` times.
    public func curve(_ label: PhaseLabel, seed: UInt64, index: Int) -> Curve {
        precondition(label != .cellulose, "cellulose curves come from the cross-section simulator")
        var random = SeededGenerator(seed: seed, index: UInt64(index), stream: 100 + UInt64(PhaseLabel.allCases.firstIndex(of: label)!))
        for draw in 1... {
            let resolution = random.uniform(settings.relativeResolution.lowerBound, settings.relativeResolution.upperBound)
            guard let phase = PhaseModel(label, resolution: BraggPeakModel.Resolution(relative: resolution)) else {
                preconditionFailure("\(label) has a phase model")
            }
            let values = phase.model.parameters.map { Self.draw($0, &random) }
            let lowest = Self.logUniform(settings.lowestQ, &random)
            let highest = Self.logUniform(settings.highestQ, &random)
            let q = RadialBinning.logSpaced(from: lowest, to: highest, count: settings.points)
            let smearing = ResolutionSmearing(BraggPeakModel.Resolution(relative: resolution))
            let expected = smearing.intensity(of: phase.model, q: modelQ(q, from: .qNm), values: values)
            let total = Self.logUniform(settings.totalCounts, &random)
            let gain = Self.gains(q: q, expected: expected, total: total)
            if !settings.visiblePhase || draw >= settings.draws
                || phase.isVisible(values: values, q: q, expected: expected, gain: gain) {
                return counted(label, parameters: zip(phase.model.parameters, values).map { ($0.name, $1) }, q: q,
                               expected: expected, gain: gain, total: total, resolution: resolution, random: &random)
            }
        }
        preconditionFailure("unreachable")
    }

    /// Curve `index` of the cellulose phase: parameters from `CellulosePriors`, the expected curve from the
    /// cross-section simulator, then the same counting. `parameters` are the simulator's: fractions and surface
    /// area as measured on the maps.
    ///
    /// The q range is drawn as for the other phases, so that where a curve starts and ends says nothing of its
    /// phase; its top is held at the map's highest q. Below the map's lowest q (2π over its 76.8 nm side) the
    /// curve continues as the power law of its first points (`celluloseEndPoints`): the surfaces of structures
    /// larger than the map, which a measured fibre shows there.
    public func celluloseCurve(seed: UInt64, index: Int, simulator: CelluloseSimulator,
                               workspace: CelluloseSimulator.Workspace) -> Curve {
        var random = SeededGenerator(seed: seed, index: UInt64(index),
                                     stream: 100 + UInt64(PhaseLabel.allCases.firstIndex(of: .cellulose)!))
        let drawn = CellulosePriors().draw(using: &random)
        let simulated = simulator.curve(drawn, seed: seed, index: index, workspace: workspace)
        let map = simulator.binning.q
        let lowest = Self.logUniform(settings.lowestQ, &random)
        let highest = min(Self.logUniform(settings.highestQ, &random), map[map.count - 1])
        let q = RadialBinning.logSpaced(from: lowest, to: highest, count: settings.points)
        let extended = LogLogCurve(q: map, intensity: simulated.intensity, endPoints: Self.celluloseEndPoints)
        let expected = q.map(extended.value)
        let total = Self.logUniform(settings.totalCounts, &random)
        return counted(.cellulose, parameters: Array(zip(CelluloseParameters.names, simulated.parameters.values)),
                       q: q, expected: expected, gain: Self.gains(q: q, expected: expected, total: total),
                       total: total, resolution: 0, random: &random)
    }

    /// Points of a simulated cellulose curve whose power law continues it below the map's lowest q.
    static let celluloseEndPoints = 25

    /// Counts per unit of I in each bin: a total shared among bins as I × the ring's area q·Δq.
    static func gains(q: [Double], expected: [Double], total: Double) -> [Double] {
        let n = q.count
        let area = q.indices.map { i in q[i] * (q[min(i + 1, n - 1)] - q[max(i - 1, 0)]) / 2 }
        return gains(weight: area, expected: expected, total: total)
    }

    /// Counts per unit of I in each bin when a bin collects I × `weight` (a ring's area, or a detector's pixels'
    /// summed geometric factors) and the bins together `total` counts.
    static func gains(weight: [Double], expected: [Double], total: Double) -> [Double] {
        let sum = zip(expected, weight).reduce(0) { $0 + max($1.0, 0) * $1.1 }
        return weight.map { sum > 0 ? total * $0 / sum : 0 }
    }

    /// The curve a detector would count from `expected`: each bin's count Poisson.
    private func counted(_ label: PhaseLabel, parameters: [(name: String, value: Double)], q: [Double],
                         expected: [Double], gain: [Double], total: Double, resolution: Double,
                         random: inout SeededGenerator) -> Curve {
        var intensity = [Double](repeating: 0, count: q.count)
        var sigma = [Double](repeating: 0, count: q.count)
        for i in q.indices {
            let counts = random.poisson(mean: max(expected[i], 0) * gain[i])
            intensity[i] = counts / gain[i]
            sigma[i] = max(counts, 1).squareRoot() / gain[i]
        }
        return Curve(label: label, parameters: parameters, q: q, intensity: intensity, sigma: sigma,
                     totalCounts: total, relativeResolution: resolution)
    }

    /// A parameter's value from its prior, or its default when it has none.
    static func draw(_ parameter: ModelParameter, _ random: inout SeededGenerator) -> Double {
        guard let prior = parameter.prior else { return parameter.defaultValue }
        switch parameter.priorScale {
        case .linear: return random.uniform(prior.lowerBound, prior.upperBound)
        case .log: return logUniform(prior, &random)
        }
    }

    static func logUniform(_ range: ClosedRange<Double>, _ random: inout SeededGenerator) -> Double {
        exp(random.uniform(log(range.lowerBound), log(range.upperBound)))
    }
}
