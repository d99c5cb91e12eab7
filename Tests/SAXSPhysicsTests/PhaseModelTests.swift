import Foundation
import Testing
import SAXSPhysics

@Suite struct PhaseModelTests {
    /// 0.005–0.5 1/Å (0.05–5 nm⁻¹), log-spaced: a SAXS camera's range.
    static let q = (0..<300).map { 0.005 * pow(100, Double($0) / 299) }

    @Test func everyLabelButCelluloseHasAModelReportingThePhaseTablesParameters() {
        let expected: [PhaseLabel: [String]] = [
            .lamellar: ["d_spacing", "domain_size"], .hexagonal: ["lattice", "domain_size"],
            .cubicPn3m: ["lattice", "domain_size"], .cubicIm3m: ["lattice", "domain_size"],
            .cubicIa3d: ["lattice", "domain_size"], .micellarFd3m: ["lattice", "domain_size"],
            .disordered: ["radius", "polydispersity", "correlation_length"], .empty: [],
        ]
        #expect(PhaseModel(.cellulose) == nil)
        for label in PhaseLabel.allCases where label != .cellulose {
            let phase = PhaseModel(label)
            #expect(phase?.reported == expected[label], "\(label)")
            for name in phase?.reported ?? [] {
                let parameter = phase?.model.parameters.first { $0.name == name }
                #expect(parameter != nil, "\(label) reports \(name) but has no such parameter")
                if name != "polydispersity" { #expect(parameter?.unit == "nm", "\(label).\(name)") }
                #expect(parameter?.prior != nil, "\(label).\(name) has no prior to simulate from")
            }
        }
    }

    @Test(arguments: PhaseLabel.allCases.filter { $0 != .cellulose })
    func gradientsMatchFiniteDifferences(_ label: PhaseLabel) throws {
        let model = try #require(PhaseModel(label, resolution: BraggPeakModel.Resolution(sigma: 0.002))).model
        var values = model.defaultValues
        // Away from the bounds, so that central differences stay inside.
        if let index = model.index(of: "fluctuation") { values[index] = 0.3 }
        let mismatches = GradientCheck.mismatches(model, q: Self.q, values: values, relativeStep: 1e-6, tolerance: 1e-5)
        #expect(mismatches.isEmpty, "\(label): \(mismatches.prefix(5))")
    }

    /// The composite adds its parts with the bindings it declares: the lamellar phase equals its Bragg peaks (d in
    /// nm), polydisperse spheres (radius nm → Å), power law and background, each computed on its own.
    @Test func theLamellarPhaseIsTheSumOfItsParts() throws {
        let phase = try #require(PhaseModel(.lamellar))
        let named = ["d_spacing": 6.5, "domain_size": 80, "peak_scale": 2e-3, "fluctuation": 0.25, "particle_radius": 45,
                     "particle_pd": 0.15, "particle_scale": 4e-4, "power_law_scale": 3e-6, "power": 3.2, "background": 0.02]
        let total = phase.model.intensity(q: Self.q, values: try phase.model.values(named))
        let bragg = BraggPeakModel(phase: .lamellar)
        let peaks = bragg.intensity(q: Self.q, values: try bragg.values(["d_spacing": 6.5, "domain_size": 80, "scale": 2e-3,
                                                                           "background": 0, "fluctuation": 0.25, "eta": 0.5]))
        let sphere = try FormFactorCatalog.model(named: "sphere", arguments: ["radius": "450", "radius_pd": "0.15", "radius_pd_n": "15",
                                                                             "scale": "4e-4", "sld": "1", "sld_solvent": "0",
                                                                             "background": "0"])
        let particles = sphere.model.intensity(q: Self.q, values: sphere.values)
        for (i, q) in Self.q.enumerated() {
            let expected = peaks[i] + particles[i] + 3e-6 * pow(q, -3.2) + 0.02
            #expect(abs(total[i] - expected) <= 1e-12 * expected, "q = \(q)")
        }
    }

    /// The Bragg peaks sit where the phase table puts them for the lattice given in nm.
    @Test func thePn3mPhasesStrongestPeakIsAtItsFirstReflection() throws {
        let phase = try #require(PhaseModel(.cubicPn3m))
        let lattice = 11.0
        let values = try phase.model.values(["lattice": lattice, "particle_scale": 0, "power_law_scale": 0, "background": 0])
        let q = (0..<4000).map { 0.04 + 0.06 * Double($0) / 3999 }
        let intensity = phase.model.intensity(q: q, values: values)
        let peak = q[intensity.indices.max { intensity[$0] < intensity[$1] }!]
        // Pn3m's first reflection is (110): q = 2π√2/a, a in Å.
        #expect(abs(peak - 2 * Double.pi * 2.0.squareRoot() / (lattice * 10)) < 2e-5)
    }

    @Test func theCatalogFindsEveryKindOfModelAndRefusesUnknownNamesAndKeys() throws {
        let names = ModelCatalog.names
        for name in ["sphere", "cylinder", "power_law", "bragg_cubic_Ia3d", "phase_hexagonal", "phase_empty"] {
            #expect(names.contains(name), "\(name)")
        }
        let (model, values) = try ModelCatalog.model(named: "phase_hexagonal", arguments: ["lattice": "7.5"])
        #expect(values[try #require(model.index(of: "lattice"))] == 7.5)
        #expect(throws: ModelError.self) { try ModelCatalog.model(named: "phase_sponge", arguments: [:]) }
        #expect(throws: ModelError.self) { try ModelCatalog.model(named: "phase_hexagonal", arguments: ["radius": "3"]) }
        #expect(throws: ModelError.self) { try ModelCatalog.model(named: "power_law", arguments: ["power": "four"]) }
    }
}
