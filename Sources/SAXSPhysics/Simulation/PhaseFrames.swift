import SAXSFrames

#if canImport(Glibc)
import Glibc
#endif

/// Detector frames of the phases: a phase's expected curve, with parameters drawn from its priors, spread over a
/// detector by `DetectorSimulator` (geometric factors, gaps, beamstop, optional fibre orientation, Poisson noise)
/// at a given number of counts per frame. What `saxsd simulate frames` writes and the demo's detector shows.
public struct PhaseFrames: Sendable {
    public let detector: DetectorSimulator
    /// Expected counts in a frame's pixels outside gaps and beamstop.
    public var totalCounts: Double
    /// The detector's curve that visibility is judged on: one pass over its pixels, made once.
    private let bins: Bins

    public init(detector: DetectorSimulator, totalCounts: Double) {
        self.detector = detector
        self.totalCounts = totalCounts
        bins = Bins(detector)
    }

    /// One frame with what it shows.
    public struct Shot: Sendable {
        public var frame: Frame
        public var label: PhaseLabel
        public var parameters: [(name: String, value: Double)]
    }

    /// Frame `index` of phase `label`: parameters drawn from the phase's priors, seeded by (seed, label, index).
    public func shot(_ label: PhaseLabel, seed: UInt64, index: Int, orientation: FibreOrientation? = nil) -> Shot {
        let (parameters, curve) = expectedCurve(label, seed: seed, index: index)
        // Read once per pixel: the sum that sets the counts and the frame both need it.
        let intensity = detector.q.map(curve.value)
        // Counts per unit of the model's intensity, from the sum over the pixels that count.
        var sum = 0.0
        for pixel in intensity.indices where !detector.gaps[pixel] && !detector.beamstop[pixel] {
            sum += intensity[pixel] * detector.factor[pixel]
        }
        let gain = sum > 0 ? totalCounts / sum : 0
        var frame = detector.frame(pixelIntensity: intensity.map { $0 * gain }, orientation: orientation,
                                   seed: seed &+ UInt64(index) &* 0x9E37_79B9)
        frame.index = index
        frame.header.append("PHASE", .string(label.rawValue))
        return Shot(frame: frame, label: label, parameters: parameters)
    }

    /// The noise-free curve of the drawn parameters on a log grid wide enough for any detector, in nm⁻¹.
    func expectedCurve(_ label: PhaseLabel, seed: UInt64, index: Int) -> ([(name: String, value: Double)], LogLogCurve) {
        var random = SeededGenerator(seed: seed, index: UInt64(index),
                                     stream: 200 + UInt64(PhaseLabel.allCases.firstIndex(of: label)!))
        if let phase = PhaseModel(label) {
            let q = RadialBinning.logSpaced(from: 0.003, to: 20, count: 1200)
            var values = phase.model.parameters.map { CurveSimulator.draw($0, &random) }
            var draws = 1
            while draws < CurveSimulator.Settings().draws, !isVisible(phase, values: values) {
                values = phase.model.parameters.map { CurveSimulator.draw($0, &random) }
                draws += 1
            }
            let intensity = phase.model.intensity(q: q, unit: .qNm, values: values)
            return (zip(phase.model.parameters, values).map { ($0.name, $1) }, LogLogCurve(q: q, intensity: intensity))
        }
        let simulator = CelluloseSimulator()
        let drawn = CellulosePriors().draw(using: &random)
        let simulated = simulator.curve(drawn, seed: seed, index: index, workspace: simulator.makeWorkspace())
        return (Array(zip(CelluloseParameters.names, simulated.parameters.values)),
                LogLogCurve(q: simulator.binning.q, intensity: simulated.intensity,
                            endPoints: CurveSimulator.celluloseEndPoints))
    }
}

extension PhaseFrames {
    /// The curve a frame's counts would give: 500 log-spaced bins over the q range of the pixels that count (not
    /// in gaps or the beamstop's shadow), each with its pixels' summed geometric factor, the counts it collects per
    /// unit of intensity up to the frame's scale. Bins that no pixel reaches are left out.
    struct Bins: Sendable {
        var q: [Double] = []
        var weight: [Double] = []

        init(_ detector: DetectorSimulator) {
            let counting = detector.q.indices.filter { !detector.gaps[$0] && !detector.beamstop[$0] && detector.q[$0] > 0 }
            guard let lowest = counting.map({ detector.q[$0] }).min(), let highest = counting.map({ detector.q[$0] }).max(),
                  highest > lowest else { return }
            let edges = RadialBinning.logSpaced(from: lowest, to: highest, count: 501)
            let scale = Double(edges.count - 1) / log(highest / lowest)
            var sums = [Double](repeating: 0, count: edges.count - 1)
            for pixel in counting {
                sums[min(sums.count - 1, Int(log(detector.q[pixel] / lowest) * scale))] += detector.factor[pixel]
            }
            for k in sums.indices where sums[k] > 0 {
                q.append((edges[k] * edges[k + 1]).squareRoot())
                weight.append(sums[k])
            }
        }
    }

    /// Whether a frame of these values would show its phase (`PhaseModel.isVisible`), judged on the curve its
    /// counts would give (`Bins`): a frame of a phase should show it, as `CurveSimulator`'s curves do.
    func isVisible(_ phase: PhaseModel, values: [Double]) -> Bool {
        guard bins.q.count >= 2 else { return true }
        let expected = phase.model.intensity(q: bins.q, unit: .qNm, values: values)
        let gain = CurveSimulator.gains(weight: bins.weight, expected: expected, total: totalCounts)
        return phase.isVisible(values: values, q: bins.q, expected: expected, gain: gain)
    }
}
