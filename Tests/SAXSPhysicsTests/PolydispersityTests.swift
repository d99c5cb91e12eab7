import Foundation
import SAXSPhysics
import Testing

@Suite struct PolydispersityTests {
    static let q: [Double] = (0..<80).map { 1e-3 * pow(10, Double($0) / 79 * log10(500)) }

    @Test func defaultsFollowSasView() {
        #expect(Polydispersity("radius").points == 35)
        #expect(Polydispersity("radius").sigmas == 3)
        #expect(Polydispersity("radius", .lognormal).points == 80)
        #expect(Polydispersity("radius", .lognormal).sigmas == 8)
        #expect(Polydispersity("radius", .schulz).points == 80)
        #expect(Polydispersity("radius", .schulz).sigmas == 8)
        #expect(Polydispersity("radius", .schulz, points: 11, sigmas: 2.5).points == 11)
    }

    @Test(arguments: SizeDistribution.allCases)
    func zeroWidthIsTheMonodisperseModel(_ distribution: SizeDistribution) throws {
        let mono = FormFactorModel(CoreShellSphere())
        let poly = try PolydisperseModel(CoreShellSphere(), polydispersity: [
            Polydispersity("radius", distribution), Polydispersity("thickness"),
        ])
        #expect(poly.parameters.map(\.name).suffix(2) == ["radius_pd", "thickness_pd"])
        let values = mono.defaultValues
        let expected = mono.intensity(q: Self.q, values: values)
        let computed = poly.intensity(q: Self.q, values: values + [0, 0])
        #expect(computed == expected)
    }

    /// A narrow distribution changes I by O(width²): at 1e-3 the curves agree to ~1e-5 away from minima.
    @Test(arguments: SizeDistribution.allCases)
    func narrowDistributionApproachesMonodisperse(_ distribution: SizeDistribution) throws {
        let mono = FormFactorModel(Sphere())
        let poly = try PolydisperseModel(Sphere(), polydispersity: [Polydispersity("radius", distribution)])
        let low = Self.q.filter { $0 < 0.05 } // below the first minimum of R = 50
        let expected = mono.intensity(q: low, values: mono.defaultValues)
        let computed = poly.intensity(q: low, values: mono.defaultValues + [1e-3])
        for (a, b) in zip(computed, expected) {
            #expect(abs(a - b) <= 1e-4 * b)
            #expect(a != b)
        }
    }

    /// Polydispersity fills the sphere's minima: the deepest dip of a 10 % Gaussian is far shallower.
    @Test func polydispersitySmearsMinima() throws {
        let mono = FormFactorModel(Sphere())
        let poly = try PolydisperseModel(Sphere(), polydispersity: [Polydispersity("radius")])
        let values = mono.defaultValues
        let monoCurve = mono.intensity(q: Self.q, values: values)
        let polyCurve = poly.intensity(q: Self.q, values: values + [0.1])
        let window = Self.q.indices.filter { Self.q[$0] > 0.08 && Self.q[$0] < 0.1 }  // around qR ≈ 4.49
        let monoDip = window.map { monoCurve[$0] - values[1] }.min()!
        let polyDip = window.map { polyCurve[$0] - values[1] }.min()!
        #expect(polyDip > 10 * monoDip)
    }

    /// I(0) of a polydisperse sphere is scale·Δρ²·⟨V²⟩/⟨V⟩·1e-4 with the distribution's own weights; for a
    /// Gaussian of relative width p sampled finely, ⟨R⁶⟩/⟨R³⟩ is known in closed form to within the sampling.
    @Test func forwardIntensityOfGaussianSphere() throws {
        let poly = try PolydisperseModel(Sphere(), polydispersity: [Polydispersity("radius", points: 401,
                                                                                         sigmas: 6)])
        let radius = 50.0, p = 0.1, contrast = 1.5
        let values = [1, 0, contrast + 1, 1, radius, p]
        let i0 = poly.intensity(q: [1e-7], values: values)[0]
        // Moments of a normal N(R, σ²): E[x³] = R³ + 3Rσ², E[x⁶] = R⁶ + 15R⁴σ² + 45R²σ⁴ + 15σ⁶.
        let s2 = (p * radius) * (p * radius)
        let m3 = radius * radius * radius + 3 * radius * s2
        let m6 = pow(radius, 6) + 15 * pow(radius, 4) * s2 + 45 * radius * radius * s2 * s2 + 15 * s2 * s2 * s2
        let expected = 1e-4 * contrast * contrast * (4 / 3 * Double.pi) * m6 / m3
        #expect(abs(i0 - expected) <= 1e-6 * expected)
    }

    @Test func gaussianTailBelowZeroIsDropped() throws {
        // With nσ = 3 and a width of 0.5 the grid reaches −0.5 R: those sizes must not count (not as |R|, not as 0
        // volume with weight). Compare with the same grid truncated by hand: n = 35 points, keep x ≥ 0.
        let radius = 40.0, p = 0.5
        let poly = try PolydisperseModel(Sphere(), polydispersity: [Polydispersity("radius")])
        let mono = FormFactorModel(Sphere())
        let q = [0.01, 0.05, 0.2]
        var sumP = [0.0, 0.0, 0.0], sumV = 0.0
        for k in 0..<35 {
            let s = -3 + Double(k) * 6 / 34
            let x = radius * (1 + s * p)
            guard x >= 0 else { continue }
            let w = exp(-0.5 * s * s)
            let v = 4 / 3 * Double.pi * x * x * x
            // scale = V makes I = P with no background.
            let single = mono.intensity(q: q, values: [v == 0 ? 1 : v, 0, 2, 1, x])
            for i in q.indices { sumP[i] += w * single[i] }
            sumV += w * v
        }
        let computed = poly.intensity(q: q, values: [1, 0, 2, 1, radius, p])
        for i in q.indices {
            #expect(abs(computed[i] - sumP[i] / sumV) <= 1e-12 * computed[i])
        }
    }

    @Test func refusesWhatSasmodelsRefuses() {
        #expect(throws: ModelError.self) { try PolydisperseModel(Sphere(), polydispersity: [Polydispersity("sld")]) }
        #expect(throws: ModelError.self) {
            try PolydisperseModel(MultilayerVesicle(), polydispersity: [Polydispersity("n_shells")])
        }
        #expect(throws: ModelError.self) {
            try PolydisperseModel(Sphere(), polydispersity: [Polydispersity("radius"), Polydispersity("radius")])
        }
        #expect(throws: ModelError.self) {
            try PolydisperseModel(Sphere(), polydispersity: [Polydispersity("radius", points: 0)])
        }
    }
}
