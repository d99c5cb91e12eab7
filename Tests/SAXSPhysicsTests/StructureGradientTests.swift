import Testing
import SAXSPhysics

/// Every hand-written derivative of the Bragg patterns against central finite differences, on q grids that
/// sample each peak finely (a finite difference across a peak a few grid points wide says little).
@Suite struct StructureGradientTests {
    static let q = (0..<500).map { 0.01 + 0.39 * Double($0) / 499 }

    struct Case: CustomTestStringConvertible, Sendable {
        var phase: LatticePhase
        var profile: PeakProfile
        var resolution: BraggPeakModel.Resolution
        var testDescription: String { "\(phase.label) \(profile) σ=\(resolution.sigma) ρ=\(resolution.relative)" }
    }

    static let cases: [Case] = LatticePhase.allCases.flatMap { phase in
        PeakProfile.allCases.flatMap { profile in
            [BraggPeakModel.Resolution(), .init(sigma: 0.001), .init(sigma: 0.0005, relative: 0.015)].map {
                Case(phase: phase, profile: profile, resolution: $0)
            }
        }
    }

    @Test(arguments: cases)
    func jacobianMatchesFiniteDifferences(_ testCase: Case) throws {
        let model = BraggPeakModel(phase: testCase.phase,
                                   configuration: .init(profile: testCase.profile, resolution: testCase.resolution))
        var named: [String: Double] = [testCase.phase.lengthParameter: testCase.phase == .lamellar ? 5.5 : 11,
                                       "domain_size": 60, "scale": 2, "background": 0.02, "fluctuation": 0.15]
        if testCase.profile == .pseudoVoigt { named["eta"] = 0.35 }
        let values = try model.values(named)
        let mismatches = GradientCheck.mismatches(model, q: Self.q, values: values)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test(arguments: LatticePhase.allCases)
    func jacobianAtTheBounds(_ phase: LatticePhase) throws {
        // fluctuation 0 and η 0 sit on their lower bounds: step into the allowed side only. I is linear in η,
        // so at η = 1 the central difference still holds.
        let model = BraggPeakModel(phase: phase, configuration: .init(resolution: .init(sigma: 0.0008)))
        for eta in [0.0, 1.0] {
            let values = try model.values([phase.lengthParameter: 8, "domain_size": 45, "fluctuation": 0, "eta": eta])
            let mismatches = GradientCheck.mismatches(model, q: Self.q, values: values,
                                                      oneSided: eta == 0 ? ["fluctuation", "eta"] : ["fluctuation"])
            #expect(mismatches.isEmpty, "η=\(eta): \(mismatches.prefix(5))")
        }
    }

    @Test func curveAgreesWithIntensity() throws {
        for phase in LatticePhase.allCases {
            let model = BraggPeakModel(phase: phase, configuration: .init(resolution: .init(sigma: 0.0005, relative: 0.01)))
            let values = model.defaultValues
            let curve = model.curve(q: Self.q, values: values)
            let plain = model.intensity(q: Self.q, values: values)
            for i in Self.q.indices { #expect(abs(curve.intensity[i] - plain[i]) <= 1e-13 * plain[i]) }
            #expect(curve.derivatives(parameter: 3).allSatisfy { $0 == 1 })
        }
    }
}
