import Foundation
import SAXSPhysics
import Testing

/// saxsd's form factors against sasmodels 1.1.0's curves in shared/ and against the cross-check cases made by
/// scripts/sasmodels_crosscheck.py.
@Suite struct FormFactorReferenceTests {
    @Test func sharedReferenceCurves() throws {
        let cases = try SasmodelsSharedReference.cases().filter { $0.model != "power_law" }
        // sphere, cylinder, core_shell_sphere, lamellar and the polydisperse sphere.
        #expect(cases.count == 5)
        for reference in cases {
            let (q, expected) = try SasmodelsSharedReference.curve(reference.file)
            #expect(q.count == 200)
            let (model, values) = try FormFactorCatalog.model(named: reference.model, arguments: reference.arguments)
            let computed = model.intensity(q: q, values: values)
            let tolerance = reference.model == "cylinder" ? 1e-5 : 1e-6
            let found = FormFactorComparison.mismatches(q: q, computed: computed, reference: expected,
                                                        tolerance: tolerance)
            let worst = FormFactorComparison.worstRelative(computed: computed, reference: expected)
            #expect(found.isEmpty, "\(reference.file): \(found.prefix(5)) (worst relative \(worst))")
        }
    }

    @Test func sharedPolydisperseSphereIsPolydisperse() throws {
        let cases = try SasmodelsSharedReference.cases()
        let reference = try #require(cases.first { $0.arguments["radius_pd"] != nil })
        let (model, values) = try FormFactorCatalog.model(named: reference.model, arguments: reference.arguments)
        #expect(model.parameters.map(\.name).contains("radius_pd"))
        #expect(model is PolydisperseModel<Sphere>)
        #expect(values.count == model.parameters.count)
    }

    @Test(arguments: SasmodelsCrosscheckReference.cases)
    func crosscheck(_ reference: SasmodelsCrosscheckReference.Case) throws {
        let q = SasmodelsCrosscheckReference.q
        let (model, values) = try FormFactorCatalog.model(named: reference.model, arguments: reference.arguments)
        let computed = model.intensity(q: q, values: values)
        let found = FormFactorComparison.mismatches(q: q, computed: computed, reference: reference.intensity,
                                                    tolerance: reference.tolerance)
        let worst = FormFactorComparison.worstRelative(computed: computed, reference: reference.intensity)
        #expect(found.isEmpty, "\(found.prefix(5)) (worst relative \(worst))")
        // The curve with its gradient gives the same intensity as the intensity alone.
        let curve = model.curve(q: q, values: values)
        let same = FormFactorComparison.mismatches(q: q, computed: curve.intensity, reference: computed,
                                                   tolerance: 1e-12)
        #expect(same.isEmpty)
    }
}
