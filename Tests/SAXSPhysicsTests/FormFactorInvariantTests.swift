import Foundation
import SAXSPhysics
import Testing

/// Relations between the shapes that hold exactly (or to the stated quadrature accuracy), independent of
/// sasmodels' numbers.
@Suite struct FormFactorInvariantTests {
    static let q: [Double] = (0..<100).map { 1e-3 * pow(10, Double($0) / 99 * log10(500)) }

    @Test func sphereForwardIntensityIsScaleTimesVolumeTimesContrastSquared() {
        let model = FormFactorModel(Sphere())
        let (scale, background, sld, solvent, radius) = (0.37, 0.02, 3.5, -0.56, 85.0)
        let i0 = model.intensity(q: [1e-8], values: [scale, background, sld, solvent, radius])[0]
        let volume = 4 / 3 * Double.pi * radius * radius * radius
        let expected = scale * volume * (sld - solvent) * (sld - solvent) * 1e-4 + background
        #expect(abs(i0 - expected) <= 1e-12 * expected)
    }

    @Test func cylinderForwardIntensityIsScaleTimesVolumeTimesContrastSquared() {
        let model = FormFactorModel(Cylinder())
        let (radius, length, contrast) = (20.0, 400.0, 3.0)
        let i0 = model.intensity(q: [1e-9], values: [1, 0, contrast + 1, 1, radius, length])[0]
        let expected = Double.pi * radius * radius * length * contrast * contrast * 1e-4
        // The orientation rule integrates sin α over [0, π/2] to 1 within 1e-15 at 20 points.
        #expect(abs(i0 - expected) <= 1e-9 * expected)
    }

    @Test func coreShellWithMatchedShellIsASphere() {
        let coreShell = FormFactorModel(CoreShellSphere())
        let sphere = FormFactorModel(Sphere())
        let a = coreShell.intensity(q: Self.q, values: [0.5, 0.01, 40, 15, 2.5, 2.5, 6])
        let b = sphere.intensity(q: Self.q, values: [0.5, 0.01, 2.5, 6, 55])
        for (x, y) in zip(a, b) { #expect(abs(x - y) <= 1e-12 * y) }
    }

    /// A vesicle is a core-shell sphere whose core is solvent, with its volume fraction inside and normalized by
    /// the shell's volume instead of the whole particle's.
    @Test func vesicleIsACoreShellSphereWithSolventCore() {
        let vesicle = FormFactorModel(Vesicle())
        let coreShell = FormFactorModel(CoreShellSphere())
        let (radius, thickness, sld, solvent, fraction) = (100.0, 30.0, 0.5, 6.36, 0.05)
        let outer = pow(radius + thickness, 3), shell = outer - pow(radius, 3)
        let a = vesicle.intensity(q: Self.q, values: [1, 0, sld, solvent, fraction, radius, thickness])
        let b = coreShell.intensity(q: Self.q, values: [fraction * outer / shell, 0, radius, thickness, solvent, sld,
                                                       solvent])
        for (x, y) in zip(a, b) { #expect(abs(x - y) <= 1e-11 * y) }
    }

    @Test func oneLayerMultilayerVesicleIsAVesicle() {
        let multilayer = FormFactorModel(MultilayerVesicle())
        let vesicle = FormFactorModel(Vesicle())
        let (radius, shell, solvent, sld, fraction) = (60.0, 12.0, 6.4, 0.4, 0.05)
        let outer = pow(radius + shell, 3), shellVolume = outer - pow(radius, 3)
        // n_shells = 1.3 rounds to one layer; the solvent layer beyond it does not count.
        let a = multilayer.intensity(q: Self.q, values: [1, 0, fraction, radius, shell, 25, solvent, sld, 1.3])
        let b = vesicle.intensity(q: Self.q, values: [shellVolume / outer, 0, sld, solvent, fraction, radius, shell])
        for (x, y) in zip(a, b) { #expect(abs(x - y) <= 1e-11 * y) }
    }

    /// The random-orientation cylinder is the oriented one averaged over the sphere: ∫₀^{π/2} I(α) sin α dα. A
    /// 400-point trapezoid in cos α is far finer than sasmodels' rule, so they agree to its accuracy (1e-5).
    @Test func orientationAverageOfOrientedCylinder() {
        let oriented = FormFactorModel(OrientedCylinder())
        let averaged = FormFactorModel(Cylinder())
        let q = Self.q.filter { $0 < 0.05 }  // q·L/2 < 10: sasmodels' 20-point rule is good to ~1e-6 here
        let base = [1.0, 0, 4, 1, 20, 400]
        var sum = [Double](repeating: 0, count: q.count)
        let n = 4000
        for k in 0...n {
            // u = cos α from 0 to 1, trapezoid weights.
            let u = Double(k) / Double(n)
            let w = (k == 0 || k == n ? 0.5 : 1) / Double(n)
            let alpha = acos(u) * 180 / Double.pi
            let curve = oriented.intensity(q: q, values: base + [alpha])
            for i in q.indices { sum[i] += w * curve[i] }
        }
        let expected = averaged.intensity(q: q, values: base)
        for (x, y) in zip(sum, expected) { #expect(abs(x - y) <= 1e-5 * y) }
    }

    /// At small q a dilute sheet scatters as 2πΔρ²δ/q²·1e-4 (its q⁻² law); the next term is −(qδ)²/12 relative.
    @Test func lamellarSmallQLimit() {
        let model = FormFactorModel(Lamellar())
        let values = [1.0, 0, 50, 1, 6]
        let small = model.intensity(q: [1e-7], values: values)[0]
        let expected = 2 * Double.pi * 25 * 50 / 1e-14 * 1e-4
        #expect(abs(small - expected) <= 1e-10 * expected)
    }

    @Test func backgroundAndScaleEnterAsSasViewHasThem() throws {
        for name in FormFactorCatalog.names {
            let model = try #require(FormFactorCatalog.model(named: name))
            #expect(model.parameters.prefix(2).map(\.name) == ["scale", "background"])
            var values = model.defaultValues
            values[1] = 0
            let plain = model.intensity(q: Self.q, values: values)
            values[0] = 2.5
            values[1] = 0.125
            let scaled = model.intensity(q: Self.q, values: values)
            for (a, b) in zip(scaled, plain) { #expect(abs(a - (2.5 * b + 0.125)) <= 1e-12 * a) }
        }
    }
}
