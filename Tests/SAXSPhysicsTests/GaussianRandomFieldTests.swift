import Foundation
import SAXSPhysics
import Testing

/// The scattering of the amorphous phases against theory: Parseval, and Berk's clipped-Gaussian correlation.
@Suite struct GaussianRandomFieldTests {
    /// A small grid in nm-sized pixels: quick in debug builds, many correlation areas per map.
    static let grid = CrossSectionGrid(size: 128, pixelSize: 1)

    static func twoPhase(fraction: Double, powExp: Double, mu: Double) -> CelluloseParameters {
        CelluloseParameters(alphaMean: 3, alphaStd: 0, powExp: powExp, mu: mu, sldGRF1: 0.8, sldGRF2: 0.2,
                            vfCrystal: 0, vfGRF1: fraction, vfGRF2: 1 - fraction)
    }

    @Test func parsevalSumOfTheSpectrumIsTheVarianceOfTheMap() {
        let settings = CelluloseSimulator.Settings(grid: CrossSectionGrid(size: 96, pixelSize: 0.5), realizations: 1,
                                                   q: RadialBinning.logSpaced(from: 0.2, to: 5, count: 40))
        let simulator = CelluloseSimulator(settings: settings)
        let parameters = CelluloseParameters(alphaMean: 2, alphaStd: 0.3, powExp: 5, mu: 0.4, sldGRF1: 0.85,
                                             sldGRF2: 0.3, vfCrystal: 0.3, vfGRF1: 0.4, vfGRF2: 0.3)
        let section = simulator.crossSection(parameters, seed: 11, index: 0, realization: 0,
                                             workspace: simulator.makeWorkspace())
        let map = section.sldMap
        let mean = map.reduce(0, +) / Double(map.count)
        let variance = map.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(map.count)
        #expect(variance > 0.01)
        let plans = FourierPlans.shared(size: 96)
        let buffer = FFTWBuffer(realCount: map.count)
        for index in map.indices { buffer.doubles[index] = map[index] }
        let spectrum = FFTWBuffer(complexCount: plans.spectrumCount)
        ScatteringSpectrum.transform(map: buffer, plans: plans, into: spectrum)
        let total = ScatteringSpectrum.totalPower(spectrum: spectrum, size: 96)
        #expect(abs(total - variance) <= 1e-12 * variance, "Σ|F|²/M² = \(total), variance = \(variance)")
    }

    @Test func fieldCorrelationIsTheInverseTransformOfItsSpectrum() {
        // Sample correlation of many realizations at a few offsets against g(r).
        let grid = CrossSectionGrid(size: 64, pixelSize: 1)
        let field = GaussianRandomField(powExp: 6, mu: 0.3)
        let g = field.normalizedCorrelation(on: grid)
        #expect(abs(g[0] - 1) < 1e-15)
        let plans = FourierPlans.shared(size: 64)
        let amplitude = field.spectrum(on: grid).map { $0.squareRoot() }
        let spectrum = FFTWBuffer(complexCount: plans.spectrumCount)
        let values = FFTWBuffer(realCount: grid.pixelCount)
        var generator = SeededGenerator(seed: 5)
        let offsets = [1, 3, 6, 64 * 2 + 2]
        var products = [Double](repeating: 0, count: offsets.count)
        var variance = 0.0
        for _ in 0..<40 {
            field.realize(amplitude: amplitude, plans: plans, spectrumBuffer: spectrum, field: values,
                          generator: &generator)
            for pixel in 0..<grid.pixelCount {
                let v = values.doubles[pixel]
                variance += v * v
                for (slot, offset) in offsets.enumerated() {
                    let row = pixel / 64, column = pixel % 64
                    let other = ((row + offset / 64) % 64) * 64 + (column + offset % 64) % 64
                    products[slot] += v * values.doubles[other]
                }
            }
        }
        for (slot, offset) in offsets.enumerated() {
            let measured = products[slot] / variance
            #expect(abs(measured - g[offset]) < 0.04, "offset \(offset): \(measured) vs g = \(g[offset])")
        }
    }

    @Test func indicatorCovarianceHasItsKnownLimits() {
        // g = 1: the indicator's variance φ(1 − φ); g = 0: independent; β = 0: (1/2π) asin g (Sheppard).
        for fraction in [0.1, 0.3, 0.5, 0.8] {
            let beta = LevelCut.gaussianQuantile(fraction)
            #expect(abs(0.5 * erfc(-beta / 2.0.squareRoot()) - fraction) < 1e-13)
            #expect(abs(LevelCut.indicatorCovariance(correlation: 1, threshold: beta) - fraction * (1 - fraction)) < 1e-10)
            #expect(LevelCut.indicatorCovariance(correlation: 0, threshold: beta) == 0)
        }
        for g in [-0.9, -0.3, 0.2, 0.7, 0.99] {
            #expect(abs(LevelCut.indicatorCovariance(correlation: g, threshold: 0) - asin(g) / (2 * .pi)) < 1e-12)
        }
    }

    /// Mean over the points of z² = ((simulation − theory)/standard error)².
    static func meanSquaredDeviation(_ simulated: [Double], _ errors: [Double], _ theory: [Double]) -> Double {
        var sum = 0.0
        for b in simulated.indices {
            let z = (simulated[b] - theory[b]) / errors[b]
            sum += z * z
        }
        return sum / Double(simulated.count)
    }

    @Test(arguments: [(0.3, 6.0, 0.15), (0.5, 4.5, 0.3), (0.15, 8.0, 0.1)])
    func twoPhaseScatteringFollowsBerksClippedGaussianField(fraction: Double, powExp: Double, mu: Double) {
        let grid = Self.grid
        let q = RadialBinning.logSpaced(from: grid.qStep, to: 0.95 * grid.qNyquist, count: 60)
        let settings = CelluloseSimulator.Settings(grid: grid, realizations: 24, q: q)
        let simulator = CelluloseSimulator(settings: settings)
        let parameters = Self.twoPhase(fraction: fraction, powExp: powExp, mu: mu)
        let curve = simulator.curve(parameters, seed: 2024, index: 0, workspace: simulator.makeWorkspace())
        let field = GaussianRandomField(powExp: powExp, mu: mu)
        let contrast = parameters.sldGRF1 - parameters.sldGRF2
        let theory = simulator.binning.average(halfPlane: LevelCut.expectedIntensity(
            field: field, grid: grid, fractionBelow: fraction, contrast: contrast))
        // With 24 realizations the estimated standard error makes z a Student t with 23 degrees of freedom:
        // E[z²] = 23/21 ≈ 1.1 for Gaussian scatter; the few-mode points at low q scatter exponentially, their
        // estimated error grows with their mean, and z² comes out lower (0.4–0.7 for these three cases).
        let chi2 = Self.meanSquaredDeviation(curve.intensity, curve.standardError, theory)
        #expect(chi2 < 1.8, "mean z² = \(chi2)")
        let worst = zip(zip(curve.intensity, curve.standardError), theory).map { abs($0.0 - $1) / $0.1 }.max()!
        #expect(worst < 4.5, "largest |z| = \(worst)")
        // The check has power: a theory 15 % off in intensity, or for another spectral exponent, is rejected.
        #expect(Self.meanSquaredDeviation(curve.intensity, curve.standardError, theory.map { $0 * 1.15 }) > 4)
        let otherField = GaussianRandomField(powExp: powExp + 1, mu: mu)
        let reshaped = simulator.binning.average(halfPlane: LevelCut.expectedIntensity(
            field: otherField, grid: grid, fractionBelow: fraction, contrast: contrast))
        #expect(Self.meanSquaredDeviation(curve.intensity, curve.standardError, reshaped) > 4)
    }
}
