import SAXSFrames

#if canImport(Glibc)
import Glibc
#endif

/// Detector frames of the phases: a phase's expected curve, with parameters drawn from its priors, spread over a
/// detector by `DetectorSimulator` (geometric factors, gaps, beamstop, optional fibre orientation, Poisson noise)
/// at a given number of counts per frame. What `saxsd simulate frames` writes and the demo's detector shows.
public struct PhaseFrames: Sendable {
    public var detector: DetectorSimulator
    /// Expected counts in a frame's pixels outside gaps and beamstop.
    public var totalCounts: Double

    public init(detector: DetectorSimulator, totalCounts: Double) {
        self.detector = detector
        self.totalCounts = totalCounts
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
            let values = phase.model.parameters.map { CurveSimulator.draw($0, &random) }
            let q = RadialBinning.logSpaced(from: 0.003, to: 20, count: 1200)
            let intensity = phase.model.intensity(q: q, unit: .qNm, values: values)
            return (zip(phase.model.parameters, values).map { ($0.name, $1) }, LogLogCurve(q: q, intensity: intensity))
        }
        let simulator = CelluloseSimulator()
        let drawn = CellulosePriors().draw(using: &random)
        let simulated = simulator.curve(drawn, seed: seed, index: index, workspace: simulator.makeWorkspace())
        return (Array(zip(CelluloseParameters.names, simulated.parameters.values)),
                LogLogCurve(q: simulator.binning.q, intensity: simulated.intensity))
    }
}

/// A positive curve sampled on increasing q, read between samples by straight lines in log I against log q (how
/// SAXS curves bend) and beyond its ends by the power law of its last two samples.
struct LogLogCurve: Sendable {
    private let logQ: [Double]
    private let logI: [Double]

    init(q: [Double], intensity: [Double]) {
        precondition(q.count >= 2 && q.count == intensity.count)
        // A sample at or below zero (a simulated curve's noise) takes a tiny positive value: its log must exist.
        let floor = (intensity.filter { $0 > 0 }.min() ?? 1) * 1e-6
        logQ = q.map { log($0) }
        logI = intensity.map { log(max($0, floor)) }
    }

    func value(at q: Double) -> Double {
        guard q > 0 else { return exp(logI[0]) }
        let x = log(q)
        var low = 0, high = logQ.count - 1
        if x <= logQ[0] {
            high = 1
        } else if x >= logQ[high] {
            low = high - 1
        } else {
            while high - low > 1 {
                let middle = (low + high) / 2
                if logQ[middle] <= x { low = middle } else { high = middle }
            }
        }
        let t = (x - logQ[low]) / (logQ[high] - logQ[low])
        return exp(logI[low] + t * (logI[high] - logI[low]))
    }
}
