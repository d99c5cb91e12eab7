import Foundation
@testable import SAXSPhysics
import Testing

/// The camera's q resolution applied to models: the quadrature against the normal distribution's moments, and
/// the smeared curves against a brute-force convolution.
@Suite struct ResolutionSmearingTests {
    @Test func theQuadratureHasTheMomentsOfTheStandardNormal() {
        let rule = ResolutionSmearing.rule
        // E[t^(2k)] = (2k−1)!!; odd moments vanish.
        var doubleFactorial = 1.0
        for k in 0...23 {
            if k > 0 { doubleFactorial *= Double(2 * k - 1) }
            let even = zip(rule.nodes, rule.weights).reduce(0) { $0 + $1.1 * pow($1.0, Double(2 * k)) }
            let odd = zip(rule.nodes, rule.weights).reduce(0) { $0 + $1.1 * pow($1.0, Double(2 * k + 1)) }
            #expect(abs(even / doubleFactorial - 1) < 1e-9, "moment \(2 * k)")
            #expect(abs(odd) < 1e-9 * doubleFactorial * 2 * Double(k + 1), "moment \(2 * k + 1)")
        }
        #expect(rule.weights.allSatisfy { $0 > 0 })
    }

    /// ∫ I(q') N(q'; q, σ_q(q)) dq' by the trapezoid rule on 4001 points over ±8σ.
    private func bruteForce(_ model: any ScatteringModel, values: [Double], q: Double,
                            _ resolution: BraggPeakModel.Resolution) -> Double {
        let sigma = resolution.sigma(at: q)
        let points = (0...4000).map { q + sigma * (-8 + 16 * Double($0) / 4000) }
        let intensity = model.intensity(q: points.map(abs), values: values)
        let step = 16 * sigma / 4000
        var sum = 0.0
        for (index, point) in points.enumerated() {
            let t = (point - q) / sigma
            let weight = (index == 0 || index == 4000 ? 0.5 : 1) * exp(-t * t / 2) / (sigma * (2 * Double.pi).squareRoot())
            sum += weight * intensity[index] * step
        }
        return sum
    }

    @Test(arguments: [
        ("sphere", ["radius": "60", "radius_pd": "0.05"]),
        ("core_shell_sphere", ["radius": "40", "thickness": "20"]),
        ("power_law", [:]),
        ("broad_peak", [:]),
    ])
    func smearedCurvesMatchADirectConvolution(model name: String, arguments: [String: String]) throws {
        let (model, values) = try ModelCatalog.model(named: name, arguments: arguments)
        let q = (0..<25).map { 0.005 * pow(1.2, Double($0)) }
        for resolution in [BraggPeakModel.Resolution(relative: 0.03), BraggPeakModel.Resolution(sigma: 1e-3, relative: 0.01)] {
            let smeared = ResolutionSmearing(resolution).intensity(of: model, q: q, values: values)
            // A constant σ_q reaches q' = 0 at the lowest q, where a power law's average does not exist: measured
            // data starts well above the resolution.
            for (i, point) in q.enumerated() where point > 20 * resolution.sigma {
                let expected = bruteForce(model, values: values, q: point, resolution)
                #expect(abs(smeared[i] / expected - 1) < 1e-6, "\(name) q \(point): \(smeared[i]) vs \(expected)")
            }
        }
    }

    /// The resolution fills a sphere's minima in; without one, the model is left as it is.
    @Test func smearingFillsMinimaAndNoResolutionChangesNothing() throws {
        let (model, values) = try ModelCatalog.model(named: "sphere", arguments: ["radius": "100", "background": "0"])
        let q = (1...400).map { Double($0) * 2e-4 }
        let sharp = model.intensity(q: q, values: values)
        #expect(ResolutionSmearing(BraggPeakModel.Resolution()).intensity(of: model, q: q, values: values) == sharp)
        let smeared = ResolutionSmearing(BraggPeakModel.Resolution(relative: 0.05)).intensity(of: model, q: q, values: values)
        let deepest = try #require(sharp.indices.dropFirst(150).min { sharp[$0] < sharp[$1] })
        #expect(smeared[deepest] > 10 * sharp[deepest])
    }

    /// A phase's Bragg peaks keep their exact profile (which includes the resolution); only the other parts are
    /// averaged.
    @Test func braggPeaksOfAPhaseAreNotSmearedTwice() throws {
        let resolution = BraggPeakModel.Resolution(relative: 0.02)
        let phase = try #require(PhaseModel(.cubicPn3m, resolution: resolution))
        let composite = try #require(phase.model as? CompositeModel)
        let values = phase.model.parameters.map(\.defaultValue)
        let q = (1...300).map { Double($0) * 1e-3 }
        let smeared = ResolutionSmearing(resolution).intensity(of: phase.model, q: q, values: values)
        var expected = [Double](repeating: 0, count: q.count)
        for component in composite.components {
            let part = composite.componentValues(component, values)
            let curve = component.model is BraggPeakModel
                ? component.model.intensity(q: q, values: part)
                : ResolutionSmearing(resolution).intensity(of: component.model, q: q, values: part)
            for i in q.indices { expected[i] += curve[i] }
        }
        #expect(smeared == expected)
        #expect(composite.components.contains { $0.model is BraggPeakModel })
    }
}
