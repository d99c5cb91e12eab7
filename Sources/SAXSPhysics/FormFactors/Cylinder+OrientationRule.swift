#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Cylinder {
    /// sasmodels' orientation average: α = π/4·(z + 1) for Gauss–Legendre nodes z, weights scaled by π/4 and by
    /// sin α (the measure on the sphere). The rule is chosen as sasmodels' `gauss_weights` does for a single
    /// integral: 20 points while q·max(R, L/2) < 10, 76 below 100, 500 below 750, else 5000.
    struct OrientationRule: Sendable {
        let sines: [Double]
        let cosines: [Double]
        /// w_i · sin α_i · π/4.
        let weights: [Double]

        init(points: Int) {
            let rule = GaussLegendre(points: points)
            let angles = rule.nodes.map { Double.pi / 4 * ($0 + 1) }
            sines = angles.map { sin($0) }
            cosines = angles.map { cos($0) }
            weights = zip(rule.weights, sines).map { Double.pi / 4 * $0 * $1 }
        }

        // Built on first use: the 5000-point rule costs ~0.1 s and only very large cylinders need it.
        static let points20 = OrientationRule(points: 20)
        static let points76 = OrientationRule(points: 76)
        static let points500 = OrientationRule(points: 500)
        static let points5000 = OrientationRule(points: 5000)

        @inline(__always)
        static func rule(qr: Double) -> OrientationRule {
            if qr < 10 { return points20 }
            if qr < 100 { return points76 }
            if qr < 750 { return points500 }
            return points5000
        }

        /// ∫₀^{π/2} A² sin α dα with A = 2J₁(x sin α)/(x sin α)·sinc(y cos α), x = qR, y = qL/2.
        func average(qRadius x: Double, qHalfLength y: Double) -> Double {
            sines.withUnsafeBufferPointer { sines in
                cosines.withUnsafeBufferPointer { cosines in
                    weights.withUnsafeBufferPointer { weights in
                        // Two accumulators break the add chain so consecutive nodes' Bessel calls overlap.
                        var even = 0.0, odd = 0.0
                        var i = 0
                        let n = weights.count
                        while i + 1 < n {
                            let a0 = SpecialFunctions.disc(x * sines[i]) * SpecialFunctions.sinc(y * cosines[i])
                            let a1 = SpecialFunctions.disc(x * sines[i + 1])
                                * SpecialFunctions.sinc(y * cosines[i + 1])
                            even += weights[i] * a0 * a0
                            odd += weights[i + 1] * a1 * a1
                            i += 2
                        }
                        if i < n {
                            let a = SpecialFunctions.disc(x * sines[i]) * SpecialFunctions.sinc(y * cosines[i])
                            even += weights[i] * a * a
                        }
                        return even + odd
                    }
                }
            }
        }

        /// The average and its derivatives by x = qR and by y = qL/2.
        func averageWithDerivatives(qRadius x: Double, qHalfLength y: Double)
            -> (value: Double, byQRadius: Double, byQHalfLength: Double)
        {
            sines.withUnsafeBufferPointer { sines in
                cosines.withUnsafeBufferPointer { cosines in
                    weights.withUnsafeBufferPointer { weights in
                        // Accumulators per parity for the same reason as in `average`.
                        var value = (0.0, 0.0), byX = (0.0, 0.0), byY = (0.0, 0.0)
                        var i = 0
                        let n = weights.count
                        while i + 1 < n {
                            let t0 = term(x, y, sines[i], cosines[i], weights[i])
                            let t1 = term(x, y, sines[i + 1], cosines[i + 1], weights[i + 1])
                            value.0 += t0.0; byX.0 += t0.1; byY.0 += t0.2
                            value.1 += t1.0; byX.1 += t1.1; byY.1 += t1.2
                            i += 2
                        }
                        if i < n {
                            let t = term(x, y, sines[i], cosines[i], weights[i])
                            value.0 += t.0; byX.0 += t.1; byY.0 += t.2
                        }
                        return (value.0 + value.1, byX.0 + byX.1, byY.0 + byY.1)
                    }
                }
            }
        }

        @inline(__always)
        private func term(_ x: Double, _ y: Double, _ s: Double, _ c: Double, _ w: Double)
            -> (Double, Double, Double)
        {
            let (b, db) = SpecialFunctions.discWithDerivative(x * s)
            let (t, dt) = SpecialFunctions.sincWithDerivative(y * c)
            let a = b * t
            let twice = 2 * w * a
            return (w * a * a, twice * db * s * t, twice * b * dt * c)
        }
    }
}
