import Foundation
import SAXSPhysics
import Testing

/// The polydisperse sphere sums its radii by rotating sin qR and cos qR from one radius to the next; the same
/// average computed one radius at a time through libm (a form factor that only forwards to `Sphere`, so the
/// polydisperse model takes its generic path) must agree to rounding, intensity and every derivative.
@Suite struct SphereSweepTests {
    /// `Sphere` without its sweep.
    struct PlainSphere: FormFactor {
        let sphere = Sphere()
        var name: String { sphere.name }
        var shapeParameters: [ModelParameter] { sphere.shapeParameters }
        var polydisperseParameters: [String] { sphere.polydisperseParameters }
        func volume(shape: [Double]) -> (value: Double, gradient: [Double]) { sphere.volume(shape: shape) }
        func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double]) {
            sphere.squaredAmplitude(q: q, shape: shape, into: &values)
        }
        func squaredAmplitude(q: [Double], shape: [Double], into values: inout [Double], gradient: inout [Double]) {
            sphere.squaredAmplitude(q: q, shape: shape, into: &values, gradient: &gradient)
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var distribution: SizeDistribution
        var points: Int?
        var radius: Double
        var width: Double
        var testDescription: String { "\(distribution) \(points.map(String.init) ?? "default") R=\(radius) p=\(width)" }
    }

    static let cases: [Case] = [
        Case(distribution: .gaussian, points: nil, radius: 50, width: 0.1),
        Case(distribution: .gaussian, points: 15, radius: 600, width: 0.25),
        Case(distribution: .gaussian, points: nil, radius: 40, width: 0.5),  // tail below R = 0 dropped
        Case(distribution: .lognormal, points: nil, radius: 30, width: 0.3),
        Case(distribution: .schulz, points: nil, radius: 80, width: 0.15),
        Case(distribution: .schulz, points: 31, radius: 5, width: 0.02),  // nearly monodisperse, small
        Case(distribution: .gaussian, points: nil, radius: 50, width: 0),
    ]

    /// Not sorted, not a whole number of lanes, with q = 0, a negative q, q far below the first minimum and
    /// q·R up to ~ 1e3.
    static let q: [Double] = [0.2, 0, 1e-7, 0.003, -0.05, 1.7] + (0..<41).map { 1e-3 * pow(2000, Double($0) / 40) }

    @Test(arguments: cases)
    func sweepMatchesOneRadiusAtATime(_ testCase: Case) throws {
        let spread = [Polydispersity("radius", testCase.distribution, points: testCase.points)]
        let fast = try PolydisperseModel(Sphere(), polydispersity: spread)
        let plain = try PolydisperseModel(PlainSphere(), polydispersity: spread)
        let values = [0.7, 0.01, 2.5, -0.8, testCase.radius, testCase.width]
        let expected = plain.curve(q: Self.q, values: values)
        let computed = fast.curve(q: Self.q, values: values)
        let intensity = fast.intensity(q: Self.q, values: values)
        for i in Self.q.indices {
            let reference = expected.intensity[i]
            #expect(abs(computed.intensity[i] - reference) <= 1e-11 * abs(reference), "I(\(Self.q[i]))")
            #expect(abs(intensity[i] - reference) <= 1e-11 * abs(reference), "I(\(Self.q[i])) without gradient")
        }
        for (j, parameter) in fast.parameters.enumerated() {
            // A derivative that crosses zero is compared on the scale of its column.
            let column = expected.derivatives(parameter: j)
            let scale = column.map(abs).max() ?? 0
            for i in Self.q.indices {
                let a = computed[derivative: i, parameter: j], b = column[i]
                #expect(abs(a - b) <= 1e-11 * max(abs(b), 1e-3 * scale), "∂I/∂\(parameter.name) at q = \(Self.q[i]): \(a) vs \(b), column \(scale)")
            }
        }
    }
}
