import Foundation
import SAXSPhysics
import Testing

/// Every form factor's hand-written Jacobian against central finite differences, at sasmodels' defaults and at
/// other values, monodisperse and polydisperse.
@Suite struct FormFactorGradientTests {
    /// Log-spaced q over the SAXS range, past several minima of every shape.
    static let q: [Double] = (0..<60).map { 1e-3 * pow(10, Double($0) / 59 * log10(600)) }

    struct Case: CustomTestStringConvertible, Sendable {
        var model: String
        var arguments: [String: String]
        var testDescription: String { "\(model) \(arguments.sorted { $0.key < $1.key })" }
    }

    static let cases: [Case] = [
        Case(model: "sphere", arguments: [:]),
        Case(model: "sphere", arguments: ["radius": "130", "sld": "-0.5", "sld_solvent": "2.2", "scale": "0.3"]),
        Case(model: "core_shell_sphere", arguments: [:]),
        Case(model: "core_shell_sphere", arguments: ["radius": "8", "thickness": "55", "sld_core": "-0.5"]),
        Case(model: "vesicle", arguments: [:]),
        Case(model: "vesicle", arguments: ["radius": "300", "thickness": "45", "volfraction": "0.2"]),
        Case(model: "multilayer_vesicle", arguments: [:]),
        Case(model: "multilayer_vesicle", arguments: ["n_shells": "4", "thick_solvent": "35", "radius": "90"]),
        Case(model: "cylinder", arguments: [:]),
        Case(model: "cylinder", arguments: ["radius": "300", "length": "60"]),
        Case(model: "cylinder", arguments: ["radius": "10", "length": "2000"]),
        Case(model: "cylinder_oriented", arguments: [:]),
        Case(model: "cylinder_oriented", arguments: ["alpha": "12", "radius": "45", "length": "700"]),
        Case(model: "lamellar", arguments: [:]),
        Case(model: "lamellar", arguments: ["thickness": "140", "sld": "3"]),
        // Polydisperse: each distribution, a wide Gaussian whose tail is dropped at radius 0, two spreads at once.
        Case(model: "sphere", arguments: ["radius_pd": "0.1"]),
        Case(model: "sphere", arguments: ["radius_pd": "0.4"]),
        Case(model: "sphere", arguments: ["radius_pd": "0.2", "radius_pd_type": "lognormal"]),
        Case(model: "sphere", arguments: ["radius_pd": "0.15", "radius_pd_type": "schulz"]),
        Case(model: "sphere", arguments: ["radius_pd": "0.3", "radius_pd_type": "schulz", "radius_pd_n": "31",
                                          "radius_pd_nsigma": "4"]),
        Case(model: "core_shell_sphere", arguments: ["radius_pd": "0.1", "thickness_pd": "0.2",
                                                     "thickness_pd_n": "9"]),
        Case(model: "vesicle", arguments: ["radius_pd": "0.25", "radius_pd_type": "schulz", "radius_pd_n": "21"]),
        Case(model: "multilayer_vesicle", arguments: ["thick_solvent_pd": "0.2", "thick_shell_pd": "0.1",
                                                      "thick_shell_pd_n": "7", "thick_solvent_pd_n": "9"]),
        Case(model: "cylinder", arguments: ["radius_pd": "0.1", "radius_pd_n": "15", "length_pd": "0.15",
                                            "length_pd_n": "11"]),
        Case(model: "cylinder", arguments: ["radius_pd": "0.2", "radius_pd_type": "lognormal",
                                            "radius_pd_n": "21"]),
        Case(model: "cylinder_oriented", arguments: ["length_pd": "0.1", "alpha": "30"]),
        Case(model: "lamellar", arguments: ["thickness_pd": "0.2"]),
    ]

    @Test(arguments: cases)
    func jacobianMatchesFiniteDifferences(_ testCase: Case) throws {
        let (model, values) = try FormFactorCatalog.model(named: testCase.model, arguments: testCase.arguments)
        let found = GradientCheck.mismatches(model, q: Self.q, values: values)
        #expect(found.isEmpty, "\(found.count) mismatches: \(found.prefix(4))")
        // No derivative may be missing: every parameter but n_shells moves I somewhere.
        let curve = model.curve(q: Self.q, values: values)
        for (j, parameter) in model.parameters.enumerated() where parameter.name != "n_shells" {
            #expect(curve.derivatives(parameter: j).contains { $0 != 0 }, "∂I/∂\(parameter.name) is all zero")
        }
    }

    /// A width of 0 sits at its bound; the one-sided derivative there is 0 (I is even in the width for a
    /// Gaussian, and the others' first-order shift vanishes too), which forward differences confirm.
    @Test func widthAtZeroHasZeroDerivative() throws {
        let (model, values) = try FormFactorCatalog.model(named: "sphere", arguments: ["radius_pd": "0"])
        let found = GradientCheck.mismatches(model, q: Self.q, values: values, relativeStep: 1e-7, tolerance: 1e-5,
                                             oneSided: ["radius_pd"])
        #expect(found.isEmpty, "\(found.prefix(4))")
    }
}
