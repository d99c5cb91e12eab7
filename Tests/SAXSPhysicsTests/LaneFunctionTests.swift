import Foundation
@testable import SAXSPhysics
import Testing

/// The lane functions (sine, cosine, sinc², disc² and their derivative products, eight arguments at a time) against
/// libm's sin, cos, j0 and j1 one argument at a time. Arguments are drawn log-uniformly over 1e-6…1e6 and each
/// lane gets its own, so groups that straddle a branch (the first quarter turn of the sinc, t = 8 of the disc) are
/// exercised as much as uniform ones.
@Suite struct LaneFunctionTests {
    typealias Lanes = SpecialFunctions.Lanes

    /// `count` groups of arguments, with 0 and both sides of the disc's switches at t = 4 and 8 among them.
    static func arguments(seed: UInt64, count: Int) -> [Lanes] {
        var generator = SeededGenerator(seed: seed)
        var groups = (0..<count).map { _ in
            var lanes = Lanes.zero
            for lane in 0..<Lanes.scalarCount { lanes[lane] = pow(10, Double.random(in: -6...6, using: &generator)) }
            return lanes
        }
        let special: [Double] = [0, 4.nextDown, 4, 4.nextUp, 8.nextDown, 8, 8.nextUp, 1e-300,
                                 Double.pi / 4, 3 * Double.pi / 4, 1e6, 1]
        for start in stride(from: 0, to: special.count, by: Lanes.scalarCount) {
            var edges = Lanes(repeating: 1)
            for (lane, value) in special[start...].prefix(Lanes.scalarCount).enumerated() { edges[lane] = value }
            groups.append(edges)
        }
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
        checkSquare(seed: 12, name: "sinc", productTolerance: 1e-13,
                    lanes: SpecialFunctions.sincSquared, lanesWithDerivative: SpecialFunctions.sincSquaredWithDerivative,
                    libm: SpecialFunctions.sincWithDerivative, envelope: { min(1, 1 / $0) })
    }

    /// The polynomials' derivatives are least accurate at the ends of their pieces (t → 4, t → 8): ~1e-13 there.
    @Test func discSquaredMatchesLibm() {
        checkSquare(seed: 13, name: "disc", productTolerance: 1e-12,
                    lanes: SpecialFunctions.discSquared, lanesWithDerivative: SpecialFunctions.discSquaredWithDerivative,
                    libm: SpecialFunctions.discWithDerivative,
                    envelope: { min(1, (8 / Double.pi).squareRoot() * pow($0, -1.5)) })
    }

    /// f² and f·f′ on lanes against libm's f and f′, within 1e-14 (and `productTolerance`) of the envelope squared.
    private func checkSquare(seed: UInt64, name: String, productTolerance: Double,
                             lanes: (Lanes, Lanes) -> Lanes,
                             lanesWithDerivative: (Lanes, Lanes) -> (value: Lanes, product: Lanes),
                             libm: (Double) -> (value: Double, derivative: Double),
                             envelope: (Double) -> Double) {
        for group in Self.arguments(seed: seed, count: 400) {
            let inverse = 1 / group
            let value = lanes(group, inverse)
            let both = lanesWithDerivative(group, inverse)
            for lane in 0..<Lanes.scalarCount {
                let x = group[lane]
                let (f, df) = libm(x)
                let scale = envelope(x) * envelope(x)
                #expect(abs(value[lane] - f * f) <= 1e-14 * scale, "\(name)²(\(x))")
                #expect(abs(both.value[lane] - f * f) <= 1e-14 * scale, "\(name)²(\(x)) with derivative")
                #expect(abs(both.product[lane] - f * df) <= productTolerance * scale, "\(name)·\(name)′(\(x))")
            }
        }
    }
}
