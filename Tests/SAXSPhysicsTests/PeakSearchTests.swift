import Testing
import SAXSPhysics

@Suite struct PeakSearchTests {
    /// Gaussian peaks (centre, FWHM, height in counts) on a background, as expected counts.
    static func expected(q: [Double], peaks: [(centre: Double, fwhm: Double, height: Double)],
                         background: (Double) -> Double) -> [Double] {
        q.map { x in
            peaks.reduce(background(x)) { sum, peak in
                let s = peak.fwhm / (2 * (2 * log(2.0)).squareRoot())
                let u = (x - peak.centre) / s
                return sum + peak.height * exp(-0.5 * u * u)
            }
        }
    }

    /// Pn3m, a = 10 nm: reflections at q = 2π√N/a for N = 2, 3, 4, 6, 8, 9, on 2000 q⁻³ + 200 counts, FWHM 0.012 nm⁻¹
    /// (6 bins of 0.002 nm⁻¹). Positions within 0.2 bin, ratios √(N/2) within 10⁻³, widths within 5 %.
    @Test(arguments: [21, 22, 23] as [UInt64])
    func cubicSeries(seed: UInt64) throws {
        let lattice = 10.0
        let reflections: [Double] = [2, 3, 4, 6, 8, 9]
        let heights: [Double] = [20000, 10000, 6000, 4000, 3000, 2500]
        let step = 0.002
        let q = AnalysisCurves.linear(0.3, 2.5, 1101)
        let truth = zip(reflections, heights).map { (centre: 2 * Double.pi * $0.squareRoot() / lattice, fwhm: 0.012,
                                                    height: $1) }
        let expected = Self.expected(q: q, peaks: truth) { 2000 * pow($0, -3) + 200 }
        let (intensity, sigma) = AnalysisCurves.counts(expected, seed: seed)
        let found = try PeakSearch().find(in: try AnalysisCurve(q: q, intensity: intensity, sigma: sigma))
        try #require(found.peaks.count == truth.count, "found \(found.positions)")
        for (peak, real) in zip(found.peaks, truth) {
            #expect(abs(peak.q - real.centre) < 0.2 * step, "q \(peak.q) ± \(peak.qError) vs \(real.centre)")
            #expect(abs(peak.q - real.centre) < 4 * peak.qError + 0.02 * step)
            #expect(abs(peak.fwhm / real.fwhm - 1) < 0.05, "FWHM \(peak.fwhm) at \(real.centre)")
            #expect(abs(peak.height / real.height - 1) < 0.05, "height \(peak.height) vs \(real.height)")
            #expect(peak.significance > 20)
        }
        for (ratio, n) in zip(found.ratios, reflections) {
            #expect(abs(ratio - (n / 2).squareRoot()) < 1e-3, "ratio \(ratio) vs √(\(n)/2)")
        }
        #expect(abs(found.peaks[0].spacing - lattice / 2.0.squareRoot()) < 0.01)
    }

    /// Lamellar, d = 6 nm: orders 1–4 on a q⁻² background with a log-spaced grid, weaker higher orders
    /// and widths growing with order (paracrystalline disorder).
    @Test func lamellarSeriesOnLogGrid() throws {
        let d = 6.0
        let q1 = 2 * Double.pi / d
        let q = AnalysisCurves.logarithmic(0.2, 5, 1200)
        let truth = (1...4).map { k in
            (centre: Double(k) * q1, fwhm: 0.015 * Double(k).squareRoot() * q1, height: 30000 / Double(k * k))
        }
        let expected = Self.expected(q: q, peaks: truth) { 500 * pow($0, -2) + 50 }
        let (intensity, sigma) = AnalysisCurves.counts(expected, seed: 31)
        let found = try PeakSearch().find(in: try AnalysisCurve(q: q, intensity: intensity, sigma: sigma))
        try #require(found.peaks.count == 4, "found \(found.positions)")
        for (peak, real) in zip(found.peaks, truth) {
            let index = q.firstIndex { $0 >= real.centre }!
            let binWidth = q[index] - q[index - 1]
            #expect(abs(peak.q - real.centre) < 0.2 * binWidth, "q \(peak.q) vs \(real.centre), bin \(binWidth)")
            #expect(abs(peak.fwhm / real.fwhm - 1) < 0.05, "FWHM \(peak.fwhm) vs \(real.fwhm)")
        }
        for (ratio, order) in zip(found.ratios, 1...4) {
            #expect(abs(ratio - Double(order)) < 2e-3, "ratio \(ratio) vs \(order)")
        }
    }

    /// Smooth backgrounds only (a power law with a constant, and a DAB knee on a power law), counting noise,
    /// 40 curves of 1000 points: no peak at all. Then the same backgrounds with one weak peak (4 sigma of a single
    /// point high, prominence ~7 after smoothing): found each time, so the silence above is not blindness.
    @Test func noPeaksInNoiseButWeakPeaksFound() throws {
        let q = AnalysisCurves.linear(0.05, 3, 1000)
        let backgrounds: [(Double) -> Double] = [
            { 3000 * pow($0, -2.5) + 300 },
            { 2e5 / pow(1 + $0 * $0 * 25, 2) + 100 * pow($0, -1) + 50 },
        ]
        var falsePositives: [Double] = []
        var missed = 0
        for (b, background) in backgrounds.enumerated() {
            for seed in 0..<20 as Range<UInt64> {
                let smooth = q.map(background)
                let (intensity, sigma) = AnalysisCurves.counts(smooth, seed: 1000 * UInt64(b) + seed)
                let found = try PeakSearch().find(in: try AnalysisCurve(q: q, intensity: intensity, sigma: sigma))
                falsePositives += found.positions

                // A peak 4 sigma of a single point high, FWHM 8 bins.
                let centre = 1.2 + 0.02 * Double(seed)
                let level = background(centre)
                let withPeak = Self.expected(q: q, peaks: [(centre, 8 * (q[1] - q[0]), 4 * level.squareRoot())],
                                             background: background)
                let (noisy, noisySigma) = AnalysisCurves.counts(withPeak, seed: 5000 + 1000 * UInt64(b) + seed)
                let weak = try PeakSearch().find(in: try AnalysisCurve(q: q, intensity: noisy, sigma: noisySigma))
                if !weak.positions.contains(where: { abs($0 - centre) < 2 * (q[1] - q[0]) }) { missed += 1 }
            }
        }
        #expect(falsePositives.isEmpty, "false peaks at \(falsePositives)")
        #expect(missed <= 4, "missed \(missed) of 40 weak peaks")
    }

    @Test func tooShortForTheBaseline() throws {
        let q = AnalysisCurves.linear(0.1, 1, 30)
        let curve = try AnalysisCurve(q: q, intensity: q.map { 100 / $0 }, sigma: q.map { 10 / $0.squareRoot() })
        #expect { try PeakSearch().find(in: curve) } throws: { ($0 as? AnalysisError)?.kind == .tooFewPoints }
    }
}

#if canImport(Glibc)
import Glibc
#endif
