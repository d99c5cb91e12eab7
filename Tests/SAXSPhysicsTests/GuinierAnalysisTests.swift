import Testing
import SAXSIntegration
import SAXSPhysics

@Suite struct GuinierAnalysisTests {
    static let radius = 10.0  // nm
    static let rg = (3.0 / 5).squareRoot() * radius

    static let q = AnalysisCurves.linear(0.004, 2.0, 500)

    /// A sphere without noise, sigma 0.5 % of I. The Guinier law is only an approximation: for a sphere
    /// ln I = ln I₀ − (qRg)²/3 − (qRg)⁴/126 − …, so a fit up to qRg = 1.3 overestimates Rg by about 1.7 %; against
    /// 0.5 % sigmas that curvature is invisible, so the window runs to the qRg limit. The test allows the
    /// approximation's bias (and requires its sign), nothing more.
    @Test func sphereWithoutNoise() throws {
        let intensity = Self.q.map { AnalysisCurves.sphere(q: $0, radius: Self.radius, i0: 1000) }
        let curve = try AnalysisCurve(q: Self.q, intensity: intensity, sigma: intensity.map { 0.005 * $0 })
        let fit = try GuinierAnalysis().fit(curve)
        #expect(fit.automatic)
        #expect(fit.rg > Self.rg && fit.rg < 1.025 * Self.rg, "Rg \(fit.rg) vs \(Self.rg)")
        #expect(abs(fit.i0 / 1000 - 1) < 0.005, "I0 \(fit.i0)")
        #expect(fit.qRgMax <= 1.3 && fit.qRgMax > 1.22, "window ends at qRg \(fit.qRgMax)")
        #expect(fit.firstIndex == 0)
        #expect(fit.lengthUnit == "nm")
        #expect(fit.reducedChiSquare < 1)

        // With sigmas of 0.02 % the (qRg)⁴ curvature is detectable: the χ² test stops the window earlier, which
        // also removes part of the bias.
        let precise = try GuinierAnalysis().fit(
            try AnalysisCurve(q: Self.q, intensity: intensity, sigma: intensity.map { 0.0002 * $0 }))
        #expect(precise.qRgMax < 1.15, "window ends at qRg \(precise.qRgMax)")
        #expect(precise.rg < fit.rg && precise.rg > Self.rg, "Rg \(precise.rg)")
    }

    /// Counting noise, 10⁶ counts at q = 0: the curvature is visible, so the window ends where the χ² test finds
    /// it (qRg ≈ 1.0–1.1) and Rg keeps the approximation's ~1.1–1.5 % bias there, far beyond its 0.1 % statistical
    /// error. So "within a few sigma" is checked against what the same window gives on the noise-free curve, and
    /// the stated errors are checked against the scatter between 20 seeds.
    @Test func sphereWithManyCounts() throws {
        let expected = Self.q.map { AnalysisCurves.sphere(q: $0, radius: Self.radius, i0: 1e6) }
        var rgs: [Double] = [], errors: [Double] = []
        for seed in 1...20 as ClosedRange<UInt64> {
            let (intensity, sigma) = AnalysisCurves.counts(expected, seed: seed)
            let fit = try GuinierAnalysis().fit(try AnalysisCurve(q: Self.q, intensity: intensity, sigma: sigma))
            let exact = try GuinierAnalysis(qRange: fit.qMin...fit.qMax).fit(
                try AnalysisCurve(q: Self.q, intensity: expected, sigma: expected.map { $0.squareRoot() }))
            #expect(abs(fit.rg / Self.rg - 1) < 0.02, "seed \(seed): Rg \(fit.rg) ± \(fit.rgError)")
            #expect(abs(fit.rg - exact.rg) < 4 * fit.rgError, "seed \(seed): Rg \(fit.rg) ± \(fit.rgError) vs \(exact.rg)")
            #expect(abs(fit.i0 / 1e6 - 1) < 0.005, "seed \(seed): I0 \(fit.i0) ± \(fit.i0Error)")
            #expect(abs(fit.i0 - exact.i0) < 4 * fit.i0Error, "seed \(seed): I0 \(fit.i0) ± \(fit.i0Error)")
            #expect(fit.qRgMax > 0.9 && fit.qRgMax <= 1.3, "seed \(seed): ends at qRg \(fit.qRgMax)")
            #expect(fit.pointCount >= 20)
            rgs.append(fit.rg)
            errors.append(fit.rgError)
        }
        let mean = rgs.reduce(0, +) / Double(rgs.count)
        let scatter = (rgs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(rgs.count - 1)).squareRoot()
        let stated = errors.reduce(0, +) / Double(errors.count)
        #expect(scatter > 0.5 * stated && scatter < 2 * stated, "scatter \(scatter), stated error \(stated)")
    }

    /// Counting noise, 10⁴ counts at q = 0: noise hides the curvature and the window runs to qRg ≈ 1.3. Rg's
    /// statistical error is then ~0.6 %, comparable to the approximation's ~2 % bias at that qRg, so Rg and I₀ are
    /// checked against the same window on the noise-free curve (4 sigma) and against the truth (3 %, 1 %).
    @Test func sphereWithFewCounts() throws {
        let expected = Self.q.map { AnalysisCurves.sphere(q: $0, radius: Self.radius, i0: 1e4) }
        var longWindows = 0
        for seed in 101...120 as ClosedRange<UInt64> {
            let (intensity, sigma) = AnalysisCurves.counts(expected, seed: seed)
            let fit = try GuinierAnalysis().fit(try AnalysisCurve(q: Self.q, intensity: intensity, sigma: sigma))
            let exact = try GuinierAnalysis(qRange: fit.qMin...fit.qMax).fit(
                try AnalysisCurve(q: Self.q, intensity: expected, sigma: expected.map { $0.squareRoot() }))
            #expect(abs(fit.rg - exact.rg) < 4 * fit.rgError, "seed \(seed): Rg \(fit.rg) ± \(fit.rgError) vs \(exact.rg)")
            #expect(abs(fit.i0 - exact.i0) < 4 * fit.i0Error, "seed \(seed): I0 \(fit.i0) ± \(fit.i0Error)")
            #expect(abs(fit.rg / Self.rg - 1) < 0.03, "seed \(seed): Rg \(fit.rg) ± \(fit.rgError)")
            #expect(abs(fit.i0 / 1e4 - 1) < 0.01, "seed \(seed): I0 \(fit.i0) ± \(fit.i0Error)")
            #expect(fit.rgError < 0.03 * fit.rg)
            if fit.qRgMax > 1.2 { longWindows += 1 }
        }
        #expect(longWindows >= 16, "\(longWindows) of 20 windows reach qRg 1.2")
    }

    /// A profile in 1/Å with empty bins in it gives the same Rg in nm as the curve in 1/nm.
    @Test func profileInInverseAngstromWithEmptyBins() throws {
        let qNm = AnalysisCurves.linear(0.004, 2.0, 500)
        let intensity = qNm.map { AnalysisCurves.sphere(q: $0, radius: Self.radius, i0: 1000) }
        var count = [Double](repeating: 4, count: qNm.count)
        for i in stride(from: 3, to: qNm.count, by: 7) { count[i] = 0 }
        let profile = Profile(unit: .qA, radial: qNm.map { $0 / 10 },
                              intensity: zip(intensity, count).map { $1 > 0 ? $0 : 0 },
                              sigma: zip(intensity, count).map { $1 > 0 ? 0.005 * $0 : 0 }, count: count)
        let curve = try AnalysisCurve(profile)
        #expect(curve.count == count.filter { $0 > 0 }.count)
        #expect(abs(curve.q.last! - 2.0) < 1e-12)
        let fit = try GuinierAnalysis().fit(curve)
        #expect(abs(fit.rg / Self.rg - 1) < 0.025, "Rg \(fit.rg) nm")
    }

    /// A pure power law q⁻⁴ has no plateau: every window's qMax·Rg is at least √6.
    @Test func powerLawHasNoGuinierRegion() throws {
        let q = AnalysisCurves.linear(0.05, 2.0, 300)
        let intensity = q.map { pow($0, -4) }
        let curve = try AnalysisCurve(q: q, intensity: intensity, sigma: intensity.map { 0.01 * $0 })
        #expect { try GuinierAnalysis().fit(curve) } throws: { error in
            (error as? AnalysisError)?.kind == .noGuinierRegion
        }
    }

    @Test func tooFewPoints() throws {
        let q = AnalysisCurves.linear(0.01, 0.05, 5)
        let intensity = q.map { AnalysisCurves.sphere(q: $0, radius: Self.radius, i0: 1000) }
        let curve = try AnalysisCurve(q: q, intensity: intensity, sigma: intensity.map { 0.01 * $0 })
        #expect { try GuinierAnalysis().fit(curve) } throws: { error in
            (error as? AnalysisError)?.kind == .tooFewPoints
        }
    }

    /// A flat curve (background only) has no significant slope, hence no Rg.
    @Test func flatCurveHasNoGuinierRegion() throws {
        let q = AnalysisCurves.linear(0.01, 1, 200)
        let (intensity, sigma) = AnalysisCurves.counts([Double](repeating: 1000, count: q.count), seed: 7)
        #expect { try GuinierAnalysis().fit(try AnalysisCurve(q: q, intensity: intensity, sigma: sigma)) } throws: {
            ($0 as? AnalysisError)?.kind == .noGuinierRegion
        }
    }

    @Test func twoThetaIsRefused() {
        #expect { try AnalysisCurve(q: [1, 2], intensity: [1, 1], sigma: [1, 1], unit: .twoThetaDeg) } throws: {
            ($0 as? AnalysisError)?.kind == .unsupportedUnit
        }
    }

    /// A given range is used as given.
    @Test func manualRange() throws {
        let q = AnalysisCurves.linear(0.004, 2.0, 500)
        let intensity = q.map { AnalysisCurves.sphere(q: $0, radius: Self.radius, i0: 1000) }
        let curve = try AnalysisCurve(q: q, intensity: intensity, sigma: intensity.map { 0.005 * $0 })
        let fit = try GuinierAnalysis(qRange: 0.02...0.08).fit(curve)
        #expect(!fit.automatic)
        #expect(fit.qMin >= 0.02 && fit.qMax <= 0.08 && fit.qMax > 0.076)
        // Short window, qRg ≤ 0.62: the approximation's bias is (qRg)²-small, ~0.5 %.
        #expect(abs(fit.rg / Self.rg - 1) < 0.006, "Rg \(fit.rg)")
    }
}

#if canImport(Glibc)
import Glibc
#endif
