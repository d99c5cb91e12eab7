import Foundation

/// Simulates the scattering of the cellulose model (issue 5 §2): periodic 2-D cross-sections of crystalline
/// fibrils packed into bundles, embedded in two amorphous phases cut from one Gaussian random field; the curve is
/// the radially averaged |FFT|² of the SLD map, averaged over several independent realizations, with the
/// standard error of that average.
///
/// Units and grid (defaults): 512² pixels of 0.15 nm, a 76.8 nm periodic box. That puts the lattice spacing
/// 2π/L at 0.082 nm^-1 and Nyquist π/a at 20.9 nm^-1; the 500 log-spaced points run from 0.1 to 5 nm^-1, the
/// usual SAXS range for cellulose fibrils of half-size 1–3 nm (their side-maxima lie near q ≈ 2–4 nm^-1). q_max
/// is kept at a quarter of Nyquist (q·a ≤ 0.75) because a sampled sharp boundary aliases power from beyond
/// Nyquist back onto the grid, which bends the Porod tail upwards by a few per cent at q·a ≈ 1 and more above;
/// the smallest crystal (half-size 1 nm) is still 6.7 pixels across its half-side.
public struct CelluloseSimulator: Sendable {
    public struct Settings: Sendable, Hashable, Codable {
        public var grid = CrossSectionGrid(size: 512, pixelSize: 0.15)
        /// Independent maps averaged per curve.
        public var realizations = 4
        /// nm^-1.
        public var q = RadialBinning.logSpaced(from: 0.1, to: 5, count: 500)
        public var packing = FibrilPacking()

        public init() {}

        public init(grid: CrossSectionGrid, realizations: Int, q: [Double], packing: FibrilPacking = FibrilPacking()) {
            self.grid = grid
            self.realizations = realizations
            self.q = q
            self.packing = packing
        }
    }

    /// One simulated curve.
    public struct Curve: Sendable {
        /// The generating parameters, with the fractions and the surface area replaced by what was measured on
        /// the maps (mean over the realizations).
        public var parameters: CelluloseParameters
        /// Mean I(q) over the realizations, nm² (SLD relative to crystal).
        public var intensity: [Double]
        /// Standard error of that mean: the realizations' standard deviation / √realizations (0 for one).
        public var standardError: [Double]
    }

    /// Per-worker scratch: FFTW buffers and label/selection arrays, reused for every realization. Not Sendable:
    /// each concurrent worker makes its own.
    public final class Workspace {
        let field: FFTWBuffer
        let spectrum: FFTWBuffer
        var labels: [UInt8]
        var scratch: [Double]

        public init(grid: CrossSectionGrid) {
            let columns = grid.size / 2 + 1
            field = FFTWBuffer(realCount: grid.pixelCount)
            spectrum = FFTWBuffer(complexCount: grid.size * columns)
            labels = [UInt8](repeating: 0, count: grid.pixelCount)
            scratch = [Double](repeating: 0, count: grid.pixelCount)
        }
    }

    public let settings: Settings
    public let plans: FourierPlans
    public let binning: RadialBinning

    public init(settings: Settings = Settings()) {
        precondition(settings.realizations >= 1)
        self.settings = settings
        plans = FourierPlans.shared(size: settings.grid.size)
        binning = RadialBinning(grid: settings.grid, q: settings.q)
    }

    public func makeWorkspace() -> Workspace { Workspace(grid: settings.grid) }

    /// Realization `realization` of curve `index` of a run seeded with `seed`: depends on nothing else.
    public func crossSection(_ parameters: CelluloseParameters, seed: UInt64, index: Int, realization: Int,
                             workspace: Workspace) -> CrossSection {
        var generator = SeededGenerator(seed: seed, index: UInt64(index), stream: UInt64(realization) + 1)
        return realize(parameters, amplitude: fieldAmplitude(parameters), workspace: workspace, generator: &generator)
    }

    /// √S of the parameters' field on the grid: the same for every realization of a curve.
    private func fieldAmplitude(_ parameters: CelluloseParameters) -> [Double] {
        let field = GaussianRandomField(powExp: parameters.powExp, mu: parameters.mu)
        return field.spectrum(on: settings.grid).map { $0.squareRoot() }
    }

    /// Draws one map into the workspace's labels (and returns it). `amplitude` is √S of the parameters' field.
    func realize(_ parameters: CelluloseParameters, amplitude: [Double], workspace: Workspace,
                 generator: inout SeededGenerator) -> CrossSection {
        let grid = settings.grid
        let sum = parameters.vfCrystal + parameters.vfGRF1 + parameters.vfGRF2
        precondition(abs(sum - 1) < 1e-6, "the three area fractions must sum to 1 (they sum to \(sum))")
        let free: UInt8 = 255
        for index in workspace.labels.indices { workspace.labels[index] = free }
        let crystals = settings.packing.pack(fraction: parameters.vfCrystal, alphaMean: parameters.alphaMean,
                                             alphaStd: parameters.alphaStd, grid: grid, labels: &workspace.labels,
                                             crystalLabel: CrossSection.Phase.crystal.rawValue,
                                             generator: &generator)
        let field = GaussianRandomField(powExp: parameters.powExp, mu: parameters.mu)
        field.realize(amplitude: amplitude, plans: plans, spectrumBuffer: workspace.spectrum, field: workspace.field,
                      generator: &generator)
        let countBelow = Int((parameters.vfGRF1 * Double(grid.pixelCount)).rounded())
        LevelCut.cut(field: UnsafePointer(workspace.field.doubles), labels: &workspace.labels, free: free,
                     countBelow: countBelow, below: CrossSection.Phase.grf1.rawValue,
                     above: CrossSection.Phase.grf2.rawValue, scratch: &workspace.scratch)
        return CrossSection(grid: grid, labels: workspace.labels, slds: parameters.slds, crystals: crystals)
    }

    /// The averaged curve of curve `index` of a run seeded with `seed`.
    public func curve(_ parameters: CelluloseParameters, seed: UInt64, index: Int, workspace: Workspace) -> Curve {
        let amplitude = fieldAmplitude(parameters)
        let count = settings.realizations
        var sum = [Double](repeating: 0, count: binning.q.count)
        var sumSquares = sum
        var fractions = [0.0, 0.0, 0.0]
        var surfaceArea = 0.0
        for realization in 0..<count {
            var generator = SeededGenerator(seed: seed, index: UInt64(index), stream: UInt64(realization) + 1)
            let section = realize(parameters, amplitude: amplitude, workspace: workspace, generator: &generator)
            let slds = section.slds
            workspace.labels.withUnsafeBufferPointer { l in
                for index in l.indices { workspace.field.doubles[index] = slds[Int(l[index])] }
            }
            for (phase, fraction) in section.fractions.enumerated() { fractions[phase] += fraction / Double(count) }
            surfaceArea += section.boundaryLength.total / Double(count)
            ScatteringSpectrum.transform(map: workspace.field, plans: plans, into: workspace.spectrum)
            let intensity = binning.intensity(spectrum: workspace.spectrum)
            for b in intensity.indices {
                sum[b] += intensity[b]
                sumSquares[b] += intensity[b] * intensity[b]
            }
        }
        let n = Double(count)
        let mean = sum.map { $0 / n }
        let standardError = zip(sum, sumSquares).map { (s, s2) -> Double in
            guard count > 1 else { return 0 }
            let variance = max(0, (s2 - s * s / n) / (n - 1))
            return (variance / n).squareRoot()
        }
        var measured = parameters
        measured.vfCrystal = fractions[0]
        measured.vfGRF1 = fractions[1]
        measured.vfGRF2 = fractions[2]
        measured.surfaceArea = surfaceArea
        return Curve(parameters: measured, intensity: mean, standardError: standardError)
    }
}
