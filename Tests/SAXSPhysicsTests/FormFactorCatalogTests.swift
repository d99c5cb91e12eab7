import Foundation
import SAXSPhysics
import Testing

@Suite struct FormFactorCatalogTests {
    @Test func listsSasmodelsNamesAndParameters() throws {
        #expect(FormFactorCatalog.names == ["sphere", "core_shell_sphere", "vesicle", "multilayer_vesicle",
                                            "cylinder", "cylinder_oriented", "lamellar"])
        let sphere = try #require(FormFactorCatalog.model(named: "sphere"))
        #expect(sphere.parameters.map(\.name) == ["scale", "background", "sld", "sld_solvent", "radius"])
        #expect(sphere.defaultValues == [1, 0.001, 1, 6, 50])
        let multilayer = try #require(FormFactorCatalog.model(named: "multilayer_vesicle"))
        #expect(multilayer.parameters.map(\.name) == ["scale", "background", "volfraction", "radius", "thick_shell",
                                                      "thick_solvent", "sld_solvent", "sld", "n_shells"])
        #expect(FormFactorCatalog.model(named: "power_law") == nil)
    }

    @Test func polydispersityIsChosenByItsKeys() throws {
        let (mono, monoValues) = try FormFactorCatalog.model(named: "cylinder", arguments: ["radius": "25"])
        #expect(mono is FormFactorModel<Cylinder>)
        #expect(monoValues == [1, 0.001, 4, 1, 25, 400])

        let (poly, values) = try FormFactorCatalog.model(named: "cylinder", arguments: [
            "length_pd_type": "schulz", "radius_pd": "0.1", "length_pd": "0.2", "radius_pd_n": "20",
        ])
        let model = try #require(poly as? PolydisperseModel<Cylinder>)
        // The form's order (radius before length), whatever order the arguments came in.
        #expect(model.polydispersity == [Polydispersity("radius", .gaussian, points: 20, sigmas: 3),
                                         Polydispersity("length", .schulz, points: 80, sigmas: 8)])
        #expect(model.parameters.map(\.name).suffix(2) == ["radius_pd", "length_pd"])
        #expect(values.suffix(2) == [0.1, 0.2])

        // Only the type given: the parameter is polydisperse with width 0 until radius_pd is set.
        let (typed, typedValues) = try FormFactorCatalog.model(named: "sphere",
                                                              arguments: ["radius_pd_type": "lognormal"])
        #expect((typed as? PolydisperseModel<Sphere>)?.polydispersity == [Polydispersity("radius", .lognormal)])
        #expect(typedValues.last == 0)
    }

    @Test func refusesBadArguments() {
        #expect(throws: ModelError.self) { try FormFactorCatalog.model(named: "ellipsoid", arguments: [:]) }
        #expect(throws: ModelError.self) { try FormFactorCatalog.model(named: "sphere", arguments: ["radius": "big"]) }
        #expect(throws: ModelError.self) { try FormFactorCatalog.model(named: "sphere", arguments: ["sld_pd": "0.1"]) }
        #expect(throws: ModelError.self) {
            try FormFactorCatalog.model(named: "sphere", arguments: ["radius_pd_type": "boltzmann"])
        }
        #expect(throws: ModelError.self) {
            try FormFactorCatalog.model(named: "sphere", arguments: ["radius_pd_n": "2.5"])
        }
        #expect(throws: ModelError.self) { try FormFactorCatalog.model(named: "sphere", arguments: ["diameter": "1"]) }
    }
}
