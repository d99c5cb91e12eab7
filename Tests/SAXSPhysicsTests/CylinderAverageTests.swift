import Foundation
@testable import SAXSPhysics
import Testing

/// The two shortcuts to sasmodels' orientation sum (`Cylinder.OrientationSeries` and the smaller converged rules of
/// `Cylinder.OrientationRule.rule`) against the quadrature they stand for, over many shapes and q.
@Suite struct CylinderAverageTests {
    typealias Lanes = SpecialFunctions.Lanes

    /// Radii and half lengths from discs to needles, log-uniform over 1–5000 Å.
    static func shapes(seed: UInt64, count: Int) -> [(radius: Double, halfLength: Double)] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            (pow(10, Double.random(in: 0...3.7, using: &generator)), pow(10, Double.random(in: 0...3.7, using: &generator)))
        }
    }

    @Test func seriesGivesTheTwentyPointSum() throws {
        let rule = Cylinder.OrientationRule.points20
        var used = 0, checked = 0
        for (radius, halfLength) in Self.shapes(seed: 11, count: 200) {
            let size = max(radius, halfLength)
            // Eight q spread over the whole 20-point range, q·max(R, L/2) from 0.05 to 9.95.
            let q = Lanes((0..<8).map { (0.05 + 9.9 * Double($0) / 7) / size })
            let degree = try #require(Cylinder.OrientationSeries.degree(z: 9.95))
            let series = Cylinder.OrientationSeries(radius: radius, halfLength: halfLength, degree: degree,
                                                    derivatives: true)
            let found = series.evaluateWithDerivatives(q: q, degree: degree)
            for lane in 0..<Lanes.scalarCount {
                checked += 1
                guard found.valid[lane] else { continue }
                used += 1
                let exact = rule.averageWithDerivatives(qRadius: q[lane] * radius, qHalfLength: q[lane] * halfLength)
                let scale = abs(exact.byQRadius) + abs(exact.byQHalfLength)
                #expect(abs(found.value[lane] - exact.value) <= 1e-12 * exact.value, "R \(radius) L/2 \(halfLength)")
                #expect(abs(found.byX[lane] - exact.byQRadius) <= 1e-10 * scale + 1e-14, "∂/∂x, R \(radius)")
                #expect(abs(found.byY[lane] - exact.byQHalfLength) <= 1e-10 * scale + 1e-14, "∂/∂y, R \(radius)")
            }
        }
        // The series must carry a good part of the range, or it saves nothing: on these shapes it holds to
        // q·max(R, L/2) ≈ 6 for needles and discs, less for compact cylinders (42 % of these points).
        #expect(Double(used) >= 0.35 * Double(checked), "series used for \(used) of \(checked)")
    }

    @Test func lowerDegreesLeaveOutNothing() throws {
        let series = Cylinder.OrientationSeries(radius: 35, halfLength: 120, degree: 50, derivatives: false)
        for z in stride(from: 0.25, through: 9.75, by: 0.5) {
            let degree = try #require(Cylinder.OrientationSeries.degree(z: z))
            let q = Lanes(repeating: z / 120)
            let short = series.evaluate(q: q, degree: degree).value[0], full = series.evaluate(q: q, degree: 50).value[0]
            #expect(abs(short - full) <= 1e-15 * full, "z \(z): degree \(degree)")
        }
    }

    @Test func smallerRulesGiveSasmodelsSumWhereItHasConverged() {
        var generator = SeededGenerator(seed: 12)
        var replaced = 0
        for _ in 0..<3000 {
            let x = pow(10, Double.random(in: -1...2.9, using: &generator))
            let y = pow(10, Double.random(in: -1...2.9, using: &generator))
            let chosen = Cylinder.OrientationRule.rule(qRadius: x, qHalfLength: y)
            let sasmodels = Cylinder.OrientationRule.sasmodelsRule(qr: max(x, y))
            guard chosen.points != sasmodels.points else { continue }
            replaced += 1
            #expect(chosen.points < sasmodels.points)
            let fast = chosen.averageWithDerivatives(qRadius: x, qHalfLength: y)
            let reference = sasmodels.averageWithDerivatives(qRadius: x, qHalfLength: y)
            #expect(abs(fast.value - reference.value) <= 1e-9 * reference.value, "x \(x) y \(y): \(chosen.points)")
            let scale = abs(reference.byQRadius) + abs(reference.byQHalfLength)
            #expect(abs(fast.byQRadius - reference.byQRadius) <= 1e-8 * scale, "∂/∂x at x \(x) y \(y)")
            #expect(abs(fast.byQHalfLength - reference.byQHalfLength) <= 1e-8 * scale, "∂/∂y at x \(x) y \(y)")
        }
        #expect(replaced >= 300, "only \(replaced) of 3000 replaced")
    }

    /// Where sasmodels' 76-point rule is off the true integral by more than SasView's tolerance, it must be kept.
    @Test func unconvergedRuleIsKept() {
        // x = 60, y = 99: the 76-point sum differs from the integral by 3e-3.
        #expect(Cylinder.OrientationRule.rule(qRadius: 60, qHalfLength: 99).points == 76)
        #expect(Cylinder.OrientationRule.rule(qRadius: 0.5, qHalfLength: 99).points == 76)
    }
}
