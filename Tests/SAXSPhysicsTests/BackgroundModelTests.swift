import Foundation
import Testing
import SAXSPhysics
import SAXSTestSupport

/// The disorder and background models against SasView's sasmodels 1.1.0, their gradients, and the catalog.
@Suite struct BackgroundModelTests {
    /// Largest relative difference.
    func worst(_ found: [Double], _ expected: [Double]) -> Double {
        zip(found, expected).map { abs($0 - $1) / abs($1) }.max() ?? .infinity
    }

    @Test func powerLawMatchesSharedReference() throws {
        let path = SharedFiles.root.appendingPathComponent("reference/sasmodels/power_law_p4.txt").path
        let table = try ColumnText(path: path)
        #expect(table.rows.count == 200)
        let model = PowerLaw()
        let values = try model.values(["scale": 1, "background": 0, "power": 4])
        let q = table.rows.map { $0[0] }
        let expected = table.rows.map { $0[1] }
        #expect(worst(model.intensity(q: q, values: values), expected) < 1e-6)
        #expect(worst(model.curve(q: q, values: values).intensity, expected) < 1e-6)
    }

    @Test func matchesSasmodels() throws {
        let q = SasmodelsBackgroundReference.q
        for reference in SasmodelsBackgroundReference.cases {
            let model = try StructureCatalog.model(named: reference.model)
            // Every parameter is given, so no default of saxsd's can hide behind sasmodels'.
            #expect(Set(reference.parameters.keys) == Set(model.parameters.map(\.name)), "\(reference.model)")
            let values = try model.values(reference.parameters)
            let difference = worst(model.intensity(q: q, values: values), reference.intensity)
            #expect(difference < 1e-6, "\(reference.model) \(reference.parameters): \(difference)")
            let fromCurve = worst(model.curve(q: q, values: values).intensity, reference.intensity)
            #expect(fromCurve < 1e-6, "\(reference.model) curve: \(fromCurve)")
        }
    }

    @Test func sasmodelsNamesAndDefaults() throws {
        // sasmodels 1.1.0's parameter tables, scale and background first.
        let expected: [String: [(String, Double)]] = [
            "power_law": [("power", 4)],
            "dab": [("cor_length", 50)],
            "teubner_strey": [("volfraction_a", 0.5), ("sld_a", 0.3), ("sld_b", 6.3), ("d", 100), ("xi", 30)],
            "broad_peak": [("porod_scale", 1e-5), ("porod_exp", 3), ("peak_scale", 10), ("correlation_length", 50),
                           ("peak_pos", 0.1), ("width_exp", 2), ("shape_exp", 1)],
            "correlation_length": [("lorentz_scale", 10), ("porod_scale", 1e-6), ("cor_length", 50),
                                   ("porod_exp", 3), ("lorentz_exp", 2)],
        ]
        for (name, own) in expected {
            let model = try StructureCatalog.model(named: name)
            #expect(model.name == name)
            #expect(model.parameters.map(\.name) == ["scale", "background"] + own.map(\.0))
            #expect(model.defaultValues == [1, 0.001] + own.map(\.1), "\(name)")
        }
    }

    static let q = (0..<300).map { 0.002 * pow(250, Double($0) / 299) }

    @Test func gradientsMatchFiniteDifferences() throws {
        var cases: [(any ScatteringModel, [String: Double])] = [(FlatBackground(), [:])]
        for model in StructureCatalog.names.compactMap({ try? StructureCatalog.model(named: $0) })
        where !(model is BraggPeakModel) {
            cases.append((model, [:]))
        }
        for reference in SasmodelsBackgroundReference.cases {
            cases.append((try StructureCatalog.model(named: reference.model), reference.parameters))
        }
        // Away from the defaults: a peak between grid points, exponents off their integer values.
        cases.append((BroadPeak(), ["peak_pos": 0.0731, "width_exp": 1.6, "shape_exp": 0.7, "porod_exp": 2.2]))
        cases.append((TeubnerStrey(), ["d": 250, "xi": 400, "volfraction_a": 0.8]))
        for (model, named) in cases {
            let values = try model.values(named)
            let mismatches = GradientCheck.mismatches(model, q: Self.q, values: values)
            #expect(mismatches.isEmpty, "\(model.name) \(named): \(mismatches.prefix(5))")
        }
    }

    @Test func flatBackgroundIsFlat() {
        let curve = FlatBackground().curve(q: [0.01, 0.1, 0.3], values: [0.25])
        #expect(curve.intensity == [0.25, 0.25, 0.25])
        #expect(curve.jacobian == [1, 1, 1])
    }

    @Test func catalogKnowsEveryModelByName() throws {
        for name in StructureCatalog.names {
            #expect(try StructureCatalog.model(named: name).name == name)
        }
        #expect(StructureCatalog.names.contains("bragg_cubic_Pn3m"))
        #expect(StructureCatalog.model(phase: "micellar_Fd3m")?.phase == .micellarFd3m)
        #expect(StructureCatalog.model(phase: "empty") == nil)
        #expect(throws: ModelError.self) { try StructureCatalog.model(named: "bragg_cubic_P4332") }
        #expect(throws: ModelError.self) { try StructureCatalog.model(named: "lamellar") }
    }
}
