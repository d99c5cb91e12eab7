import Foundation
@testable import SAXSPhysics
import Testing

/// The lane functions (sine, cosine, sinc², disc² and their derivative products, eight arguments at a time) against
/// libm's sin, cos, j0 and j1 one argument at a time. Arguments are drawn log-uniformly over 1e-6…1e6 and each
/// lane gets its own, so groups that straddle a branch (the first quarter turn of the sinc, t = 8 of the disc) are
/// exercised as much as uniform ones.
@Suite struct LaneFunctionTests {
    typealias Lanes = SpecialFunctions.Lanes

    /// `count` groups of arguments, with 0 and both sides of the disc's switch at t = 8 among them.
    static func arguments(seed: UInt64, count: Int) -> [Lanes] {
        var generator = SeededGenerator(seed: seed)
        var groups = (0..<count).map { _ in
            var lanes = Lanes.zero
            for lane in 0..<Lanes.scalarCount { lanes[lane] = pow(10, Double.random(in: -6...6, using: &generator)) }
            return lanes
        }
        var edges = Lanes.zero
        let special: [Double] = [0, 8.nextDown, 8, 8.nextUp, Double.pi / 4, 3 * Double.pi / 4, 1e-300, 1e6]
        for (lane, value) in special.enumerated() {
            edges[lane] = value
        }
        groups.append(edges)
        return groups
    }

    @Test func sineAndCosineMatchLibm() {
        for group in Self.arguments(seed: 11, count: 400) {
            for signed in [group, -group] {
                let (s, c) = SpecialFunctions.sinCos(signed)
                for lane in 0..<Lanes.scalarCount {
                    #expect(abs(s[lane] - sin(signed[lane])) <= 1e-15, "sin(\(signed[lane]))")
                    #expect(abs(c[lane] - cos(signed[lane])) <= 1e-15, "cos(\(signed[lane]))")
                }
            }
        }
    }

    /// Errors are measured against the envelope of each function (1 below the first zero, 1/u for the sinc and
    /// √(8/π)·t^(−3/2) for the disc beyond it), the scale on which a fit sees them.
    @Test func sincSquaredMatchesLibm() {
        for group in Self.arguments(seed: 12, count: 400) {
            let inverse = 1 / group
            let value = SpecialFunctions.sincSquared(group, inverse: inverse)
            let both = SpecialFunctions.sincSquaredWithDerivative(group, inverse: inverse)
            for lane in 0..<Lanes.scalarCount {
                let u = group[lane]
                let (s, ds) = SpecialFunctions.sincWithDerivative(u)
                let envelope = min(1, 1 / u) * min(1, 1 / u)
                #expect(abs(value[lane] - s * s) <= 1e-14 * envelope, "sinc²(\(u))")
                #expect(abs(both.value[lane] - s * s) <= 1e-14 * envelope, "sinc²(\(u)) with derivative")
                #expect(abs(both.product[lane] - s * ds) <= 1e-13 * envelope, "sinc·sinc′(\(u))")
            }
        }
    }

    @Test func discSquaredMatchesLibm() {
        for group in Self.arguments(seed: 13, count: 400) {
            let inverse = 1 / group
            let value = SpecialFunctions.discSquared(group, inverse: inverse)
            let both = SpecialFunctions.discSquaredWithDerivative(group, inverse: inverse)
            for lane in 0..<Lanes.scalarCount {
                let t = group[lane]
                let (d, dd) = SpecialFunctions.discWithDerivative(t)
                let root = min(1, (8 / Double.pi).squareRoot() * pow(t, -1.5))
                let envelope = root * root
                #expect(abs(value[lane] - d * d) <= 1e-14 * envelope, "disc²(\(t))")
                #expect(abs(both.value[lane] - d * d) <= 1e-14 * envelope, "disc²(\(t)) with derivative")
                // The series' derivative is least accurate at the end of its interval (t → 8): ~1e-13 there.
                #expect(abs(both.product[lane] - d * dd) <= 1e-12 * envelope, "disc·disc′(\(t))")
            }
        }
    }
}
