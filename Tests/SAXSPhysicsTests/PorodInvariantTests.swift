import Testing
import SAXSPhysics

/// The Debye–Anderson–Brumberger curve I = I₀/(1+(qξ)²)² has K_p = I₀/ξ⁴, Q = π I₀/(4ξ³), π K_p/Q = 4/ξ.
@Suite struct PorodInvariantTests {
    static let xi = 5.0  // nm
    static let i0 = 1e9  // counts at q = 0
    static var porodConstant: Double { i0 / pow(xi, 4) }
    static var invariant: Double { Double.pi * i0 / (4 * pow(xi, 3)) }
    static let q = AnalysisCurves.logarithmic(0.005, 6, 600)

    static func curve(seed: UInt64?, background: Double = 0) throws -> AnalysisCurve {
        let expected = q.map { AnalysisCurves.dab(q: $0, xi: xi, i0: i0) + background }
        guard let seed else {
            return try AnalysisCurve(q: q, intensity: expected, sigma: expected.map { 0.01 * $0 })
        }
        let (intensity, sigma) = AnalysisCurves.counts(expected, seed: seed)
        return try AnalysisCurve(q: q, intensity: intensity, sigma: sigma)
    }

    @Test func porodConstantWithoutNoise() throws {
        let fit = try PorodAnalysis().fit(try Self.curve(seed: nil))
        #expect(fit.automatic && fit.lastIndex == Self.q.count - 1)
        #expect(abs(fit.porodConstant / Self.porodConstant - 1) < 0.03, "K_p \(fit.porodConstant)")
        // B absorbs the unresolved next term of the tail, −2K_p/(ξ²q⁶), so it is only near 0 on the tail's scale.
        #expect(abs(fit.background) < 0.05 * fit.intensity(at: fit.qMax), "B \(fit.background)")
    }

    /// Counting noise and a flat background of 50 counts: K_p, B, the invariant and S/V.
    @Test(arguments: [11, 12, 13] as [UInt64])
    func porodInvariantAndSurfaceWithNoise(seed: UInt64) throws {
        let background = 50.0
        let curve = try Self.curve(seed: seed, background: background)
        let porod = try PorodAnalysis().fit(curve)
        #expect(abs(porod.porodConstant / Self.porodConstant - 1) < 0.03,
                "K_p \(porod.porodConstant) ± \(porod.porodConstantError) vs \(Self.porodConstant)")
        // B also absorbs the −2K_p/(ξ²q⁶) term the window cannot resolve: tens of counts on a tail of ~1300.
        #expect(abs(porod.background - background) < 0.1 * porod.intensity(at: porod.qMax),
                "B \(porod.background) ± \(porod.backgroundError)")

        let guinier = try GuinierAnalysis().fit(curve)
        // DAB at low q: I ≈ I₀ (1 − 2 (qξ)²), so Rg = √6 ξ.
        #expect(abs(guinier.rg / (6.0.squareRoot() * Self.xi) - 1) < 0.02, "Rg \(guinier.rg)")

        let invariant = try ScatteringInvariant(curve: curve, guinier: guinier, porod: porod)
        #expect(invariant.lowQExtrapolation == .guinier)
        #expect(abs(invariant.total / Self.invariant - 1) < 0.01,
                "Q \(invariant.total) ± \(invariant.totalError) vs \(Self.invariant)")
        #expect(abs(invariant.total - Self.invariant) < 4 * invariant.totalError + 0.002 * Self.invariant)
        // The parts: the tail is K_p/q_max of the analytic curve, the low-q part the plateau's I₀ q³/3.
        #expect(abs(invariant.highQ / (Self.porodConstant / Self.q.last!) - 1) < 0.03)
        #expect(abs(invariant.lowQ / (Self.i0 * pow(Self.q[0], 3) / 3) - 1) < 0.01)
        #expect(invariant.measured > 0.9 * invariant.total)

        let surface = SpecificSurface(porod: porod, invariant: invariant)
        #expect(abs(surface.porodRatio / (4 / Self.xi) - 1) < 0.04, "πK_p/Q \(surface.porodRatio) 1/nm")
        let phi = 0.3
        let expectedSV = 4 * phi * (1 - phi) / Self.xi
        #expect(abs(surface.surfaceToVolume(volumeFraction: phi) / expectedSV - 1) < 0.04)
        #expect(abs(surface.correlationLength / Self.xi - 1) < 0.04)
    }

    /// Without the background in the Porod fit, the invariant's measured part would carry ∫q²B dq; the fit removes it.
    @Test func backgroundIsSubtractedFromTheInvariant() throws {
        let curve = try Self.curve(seed: nil, background: 2000)
        let invariant = try ScatteringInvariant(curve: curve)
        #expect(abs(invariant.background / 2000 - 1) < 0.05, "B \(invariant.background)")
        #expect(abs(invariant.total / Self.invariant - 1) < 0.01, "Q \(invariant.total) vs \(Self.invariant)")
    }

    /// The low-q Guinier extrapolation matters when the curve starts late: from q = 0.05 nm⁻¹ (qξ = 0.25) it holds
    /// ~0.6 % of Q for this curve, and leaving it out would show.
    @Test func lowQExtrapolationCarriesItsShare() throws {
        let q = AnalysisCurves.logarithmic(0.05, 6, 500)
        let expected = q.map { AnalysisCurves.dab(q: $0, xi: Self.xi, i0: Self.i0) }
        let curve = try AnalysisCurve(q: q, intensity: expected, sigma: expected.map { 0.002 * $0 })
        let invariant = try ScatteringInvariant(curve: curve)
        // ∫₀^a q² I₀/(1+(qξ)²)² dq = I₀ [atan(aξ) − aξ/(1+(aξ)²)] / (2ξ³).
        let u = 0.05 * Self.xi
        let exactLow = Self.i0 * (atan(u) - u / (1 + u * u)) / (2 * pow(Self.xi, 3))
        #expect(invariant.lowQExtrapolation == .guinier)
        #expect(abs(invariant.lowQ / exactLow - 1) < 0.02, "low-q part \(invariant.lowQ) vs \(exactLow)")
        #expect(abs(invariant.total / Self.invariant - 1) < 0.003, "Q \(invariant.total) vs \(Self.invariant)")
    }

    @Test func noPorodTailInAFlatCurve() throws {
        let q = AnalysisCurves.linear(0.1, 3, 200)
        let (intensity, sigma) = AnalysisCurves.counts([Double](repeating: 500, count: q.count), seed: 3)
        #expect { try PorodAnalysis().fit(try AnalysisCurve(q: q, intensity: intensity, sigma: sigma)) } throws: {
            ($0 as? AnalysisError)?.kind == .noPorodRegion
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
