import SAXSIntegration
import SAXSPhysics

#if canImport(Glibc)
import Glibc
#endif

/// The feature vector boosted trees see for one I(q) curve: the same function for training on simulated curves
/// and for every frame the service integrates, so a model never meets features made another way. Every feature
/// is computed on the curve pooled into common log-spaced bins (200 per decade, 0.01–20 nm⁻¹), so the
/// integrator's binning (linear or logarithmic, 500 or 2000 points) does not change what the trees see.
///
/// - `log_i_000`…: log₁₀ I on a fixed log-spaced q grid (nm⁻¹), the curve's mean over the grid subtracted, so
///   that only the shape counts (the absolute scale follows exposure, concentration and thickness, not phase).
///   The curve's points are pooled by grid cell and the pools interpolated in log-log (`resampled`). Cells
///   outside the measured q range are missing (NaN), as are pools whose mean intensity is not positive (they
///   are skipped): the trees learn where to send missing values, rather than meet a guessed extrapolation.
/// - `noise`: log₁₀ of the median relative error σ/I, which separates a weak sample from an empty cell.
/// - Guinier (`guinier_log_rg`, `guinier_qrg_max`, `guinier_log_i0` on the grid's normalization): missing when the
///   automatic fit finds no Guinier region.
/// - `low_q_slope`, `high_q_slope`: d log I / d log q over the first and last fifths of the curve's log-q span
///   (the high one is the Porod slope: −4 for sharp interfaces, −2 for sheets, −1 for rods...).
/// - Peaks (`PeakSearch`): their number, the first one's log₁₀ q, relative width and log₁₀ prominence, and the
///   positions of the next ones relative to the first, q_i/q₁, which tell the mesophases apart (1, 2, 3 lamellar;
///   √3, √4 hexagonal; √2, √3 Pn3m...).
/// - Indexing (`index_<lattice>_matched`, `index_<lattice>_unexplained`), for each lattice of the phase table: the
///   fraction of its first four reflections found at the lattice's ratios from the best anchor peak, and the found
///   peaks in that span the lattice does not explain (`LatticeIndexing`); missing without two peaks to index.
public struct ProfileFeatures: Sendable, Hashable {
    public struct Settings: Sendable, Hashable, Codable {
        /// Points of the log-intensity grid.
        public var gridPoints = 100
        /// q range of the grid, nm⁻¹.
        public var gridLowest = 0.05
        public var gridHighest = 5.0
        /// Peaks whose ratio to the first is a feature of its own.
        public var peakRatios = 5
        /// The common log-spaced bins every curve is pooled into first, nm⁻¹ and bins per decade.
        public var binsLowest = 0.01
        public var binsHighest = 20.0
        public var binsPerDecade = 200.0

        public init() {}
    }

    /// Written into model manifests: a model trained on another version of this function is refused.
    public static let version = "saxsd.features/2"

    public let settings: Settings
    public let grid: [Double]
    public let names: [String]
    private let indexings = LatticePhase.allCases.map { LatticeIndexing($0) }

    public init(settings: Settings = Settings()) {
        precondition(settings.gridPoints >= 2 && settings.gridLowest > 0 && settings.gridHighest > settings.gridLowest)
        self.settings = settings
        grid = RadialBinning.logSpaced(from: settings.gridLowest, to: settings.gridHighest, count: settings.gridPoints)
        var names = (0..<settings.gridPoints).map { "log_i_" + Self.threeDigits($0) }
        names += ["noise", "guinier_log_rg", "guinier_qrg_max", "guinier_log_i0", "low_q_slope", "high_q_slope",
                  "peak_count", "peak_1_log_q", "peak_1_relative_width", "peak_1_log_prominence"]
        names += (0..<settings.peakRatios).map { "peak_\($0 + 2)_ratio" }
        names += LatticePhase.allCases.flatMap { ["index_\($0.label)_matched", "index_\($0.label)_unexplained"] }
        self.names = names
    }

    public var count: Int { names.count }

    /// The features of an integrated profile; its q unit must be q (nm⁻¹ or Å⁻¹).
    public func vector(_ profile: Profile) throws(AnalysisError) -> [Float] {
        vector(try AnalysisCurve(profile))
    }

    public func vector(_ measured: AnalysisCurve) -> [Float] {
        var features = [Float](repeating: .nan, count: count)
        guard let curve = pooled(measured) else { return features }
        let (logIntensity, offset) = resampled(curve)
        for (index, value) in logIntensity.enumerated() { features[index] = Float(value) }
        var at = settings.gridPoints
        func put(_ value: Double?) {
            if let value, value.isFinite { features[at] = Float(value) }
            at += 1
        }
        let relativeErrors = curve.q.indices.filter { curve.intensity[$0] > 0 }
            .map { curve.sigma[$0] / curve.intensity[$0] }.sorted()
        put(relativeErrors.isEmpty ? nil : log10(relativeErrors[relativeErrors.count / 2]))

        let guinier = try? GuinierAnalysis().fit(curve)
        put(guinier.map { log10($0.rg) })
        put(guinier?.qRgMax)
        put(guinier.flatMap { fit in offset.map { log10(fit.i0) - $0 } })

        // Fifths of the log-q span rather than of the points: how many points a fifth holds follows the binning.
        let (lowest, highest) = (log10(curve.q[0]), log10(curve.q[curve.count - 1]))
        let fifth = (highest - lowest) / 5
        put(logLogSlope(curve, curve.q.indices.filter { log10(curve.q[$0]) <= lowest + fifth }))
        put(logLogSlope(curve, curve.q.indices.filter { log10(curve.q[$0]) >= highest - fifth }))

        let peaks = (try? PeakSearch().find(in: curve))?.peaks ?? []
        put(Double(peaks.count))
        let first = peaks.first
        put(first.map { log10($0.q) })
        put(first.map { $0.fwhm / $0.q })
        put(first.map { log10(max($0.prominence, 1e-300)) })
        for index in 1...settings.peakRatios {
            put(index < peaks.count ? peaks[index].q / peaks[0].q : nil)
        }
        for indexing in indexings {
            let match = indexing.match(peaks, highestQ: curve.q[curve.count - 1])
            put(match?.matched)
            put(match.map { Double($0.unexplained) })
        }
        return features
    }

    /// The curve pooled into the common log-spaced bins (`Settings.binsPerDecade`): a bin's points averaged, its
    /// σ combined as for a mean, bins without points left out. The integrator's 1000 linear bins crowd the high
    /// q, where their peaks would otherwise span several times as many points as the simulator's 500 log-spaced
    /// ones, each noisier. 200 bins per decade (1.2 % in q) label the demo's frames best: 89 of 90 right, against
    /// 76 with 400 per decade and 14 of 27 unpooled. Nil when fewer than two bins have points.
    private func pooled(_ curve: AnalysisCurve) -> AnalysisCurve? {
        let logLowest = log10(settings.binsLowest)
        let bins = Int((log10(settings.binsHighest) - logLowest) * settings.binsPerDecade)
        var (q, intensity, sigma): ([Double], [Double], [Double]) = ([], [], [])
        var (bin, logQ, sumI, sumVariance, members) = (-1, 0.0, 0.0, 0.0, 0)
        func close() {
            guard members > 0 else { return }
            let n = Double(members)
            q.append(pow(10, logQ / n))
            intensity.append(sumI / n)
            sigma.append(sumVariance.squareRoot() / n)
            (logQ, sumI, sumVariance, members) = (0, 0, 0, 0)
        }
        for i in 0..<curve.count {
            let x = log10(curve.q[i])
            let own = Int(((x - logLowest) * settings.binsPerDecade).rounded(.down))
            guard own >= 0, own < bins else { continue }
            if own != bin { close(); bin = own }
            logQ += x
            sumI += curve.intensity[i]
            sumVariance += curve.sigma[i] * curve.sigma[i]
            members += 1
        }
        close()
        guard q.count >= 2 else { return nil }
        return try? AnalysisCurve(q: q, intensity: intensity, sigma: sigma)
    }

    /// log₁₀ I on the grid minus its mean, and that mean (nil when no cell has a value).
    ///
    /// The curve's points are first pooled by grid cell: the pool's mean intensity placed at its points' mean
    /// log q (placing it at the grid point instead would shift the value by the local slope times however far the
    /// few points of a cell happen to lie from its centre). The grid values are then interpolated linearly in
    /// log-log between pools, which also bridges cells without any point of a coarse curve.
    private func resampled(_ curve: AnalysisCurve) -> (values: [Double], offset: Double?) {
        let n = grid.count
        var values = [Double](repeating: .nan, count: n)
        guard curve.count >= 2 else { return (values, nil) }
        let logGrid = grid.map { log10($0) }
        // Cell k spans the midpoints in log q between grid points k−1, k and k+1.
        let halfStep = (logGrid[n - 1] - logGrid[0]) / Double(2 * (n - 1))
        var pools: [(x: Double, y: Double)] = []
        var (cell, sumX, sumI, members) = (-1, 0.0, 0.0, 0)
        func closePool() {
            if members > 0, sumI > 0 { pools.append((sumX / Double(members), log10(sumI / Double(members)))) }
            (sumX, sumI, members) = (0, 0, 0)
        }
        for (q, intensity) in zip(curve.q, curve.intensity) {
            let x = log10(q)
            let own = Int(((x - logGrid[0] + halfStep) / (2 * halfStep)).rounded(.down))
            if own != cell { closePool(); cell = own }
            sumX += x
            sumI += intensity
            members += 1
        }
        closePool()
        guard let first = pools.first, let last = pools.last else { return (values, nil) }
        let (lowest, highest) = (log10(curve.q[0]), log10(curve.q[curve.count - 1]))
        var upper = 0
        for k in 0..<n where logGrid[k] >= lowest && logGrid[k] <= highest {
            let x = logGrid[k]
            if x <= first.x { values[k] = first.y; continue }
            if x >= last.x { values[k] = last.y; continue }
            while pools[upper].x < x { upper += 1 }
            let (a, b) = (pools[upper - 1], pools[upper])
            values[k] = a.y + (x - a.x) / (b.x - a.x) * (b.y - a.y)
        }
        let valid = values.filter { !$0.isNaN }
        guard !valid.isEmpty else { return (values, nil) }
        let offset = valid.reduce(0, +) / Double(valid.count)
        return (values.map { $0 - offset }, offset)
    }

    /// Slope of log I against log q over `points`, those with I > 0, unweighted: the shape of the curve, which
    /// the few most precise points would otherwise decide alone.
    private func logLogSlope(_ curve: AnalysisCurve, _ points: some Sequence<Int>) -> Double? {
        var line = WeightedLineFit()
        for i in points where curve.intensity[i] > 0 {
            line.add(x: log10(curve.q[i]), y: log10(curve.intensity[i]), weight: 1)
        }
        return line.isDetermined ? line.slope : nil
    }

    /// Zero-padded, so that feature names sort in grid order.
    private static func threeDigits(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}
