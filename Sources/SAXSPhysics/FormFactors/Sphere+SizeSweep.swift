extension Sphere: SizeSweepingFormFactor {
    /// Sums over radii without a sine per radius: the radii of a sweep are evenly spaced by Δ, so sin qR and cos qR
    /// pass from one radius to the next by a rotation through qΔ (four multiplications), seeded once per q.
    ///
    /// F = Δρ·4π (sin x − x cos x)/q³ with x = qR (the volume cancels the 1/x³ of 3j₁(x)/x), and
    /// ∂F/∂R = Δρ·4π R sin x / q. The rotation's rounding grows by about one ulp per radius, which the difference
    /// sin x − x cos x amplifies by 3/x² near x = 0; below x = 0.1 the series of 3j₁(x)/x and of sin x / x take over,
    /// so that every term stays within ~1e-12 relative of libm's (usually ~1e-15).
    ///
    /// Eight q at a time (`SpecialFunctions.Lanes`), one accumulator per lane and sum.
    func sweep(_ sweep: SizeSweep, q: [Double], shape: [Double], gradient: Bool, into sums: inout SizeSweepSums) {
        typealias Lanes = SpecialFunctions.Lanes
        let radii = sweep.sizes
        let largest = max(abs(radii.first ?? 0), abs(radii.last ?? 0)), qLargest = q.lazy.map(abs).max() ?? 0
        // Only the radius spreads; the seeds' sines need the lanes' range.
        guard sweep.parameter == 2, largest * qLargest <= SpecialFunctions.laneArgumentLimit else {
            pointwiseSweep(sweep, q: q, shape: shape, gradient: gradient, into: &sums)
            return
        }
        let n = q.count, width = Lanes.scalarCount
        sums = SizeSweepSums(count: n, shapeCount: 3, gradient: gradient)
        guard let first = radii.first else { return }
        let step = radii.count > 1 ? (radii[radii.count - 1] - first) / Double(radii.count - 1) : 0
        let contrast = shape[0] - shape[1]
        let fourPi = 4 * Double.pi
        let terms = radii.indices.map { k in
            RadiusTerm(radius: radii[k], volume: fourPi / 3 * radii[k] * radii[k] * radii[k],
                       weight: sweep.weights[k], offsetWeight: sweep.offsetWeights[k],
                       widthWeight: sweep.widthWeights[k])
        }
        terms.withUnsafeBufferPointer { terms in
            for start in stride(from: 0, to: n, by: width) {
                let lanes = min(width, n - start)
                // Padding repeats the last q rather than 0, which would hold the whole group in the series.
                var qLanes = Lanes(repeating: q[start + lanes - 1])
                for lane in 0..<lanes { qLanes[lane] = q[start + lane] }
                // q = 0 makes these infinite; the series replaces what they give in such a lane.
                let inverseQ = 1 / qLanes
                let cube = fourPi * inverseQ * inverseQ * inverseQ
                var (s, c) = SpecialFunctions.sinCos(qLanes * first)
                let (turnSin, turnCos) = SpecialFunctions.sinCos(qLanes * step)
                // Σ w F̃², Σ w·∂ln w/∂p F̃², Σ w F̃ F̃_R, Σ w·s F̃ F̃_R with F̃ = F/Δρ: over the radii where some lane
                // needs the series (qR < 0.1), then over the others, where F̃ = cube·g and F̃_R = 4π R sin x/q keep
                // their per-lane factors out of the loop: g², R·g·sin x are summed instead.
                var smallestQ = abs(qLanes[0])
                for lane in 1..<width { smallestQ = min(smallestQ, abs(qLanes[lane])) }
                let far = terms.firstIndex { $0.radius * smallestQ >= 0.1 } ?? terms.count
                var a = Lanes.zero, b = Lanes.zero, byRadius = Lanes.zero, byOffset = Lanes.zero
                for term in terms[..<far] {
                    let r = term.radius, x = qLanes * r, x2 = x * x
                    let near = x2 .< 0.01
                    let f = (cube * (s - x * c)).replacing(with: term.volume * Self.sphereSeries(x2), where: near)
                    a += term.weight * f * f
                    if gradient {
                        let fr = (fourPi * r * s * inverseQ).replacing(with: fourPi * r * r * Self.sincSeries(x2),
                                                                       where: near)
                        let product = f * fr
                        b += term.widthWeight * f * f
                        byRadius += term.weight * product
                        byOffset += term.offsetWeight * product
                    }
                    (s, c) = (s * turnCos + c * turnSin, c * turnCos - s * turnSin)
                }
                var aFar = Lanes.zero, bFar = Lanes.zero, byRadiusFar = Lanes.zero, byOffsetFar = Lanes.zero
                for term in terms[far...] {
                    let r = term.radius
                    let g = s - qLanes * r * c
                    aFar += term.weight * g * g
                    if gradient {
                        let product = r * g * s
                        bFar += term.widthWeight * g * g
                        byRadiusFar += term.weight * product
                        byOffsetFar += term.offsetWeight * product
                    }
                    (s, c) = (s * turnCos + c * turnSin, c * turnCos - s * turnSin)
                }
                if far < terms.count {
                    let cube2 = cube * cube, mixed = fourPi * cube * inverseQ
                    a += cube2 * aFar
                    b += cube2 * bFar
                    byRadius += mixed * byRadiusFar
                    byOffset += mixed * byOffsetFar
                }
                let squared = 1e-4 * contrast * contrast
                for lane in 0..<lanes {
                    let i = start + lane
                    sums.amplitude[i] = squared * a[lane]
                    guard gradient else { continue }
                    sums.amplitudeByWidth[i] = squared * b[lane]
                    sums.gradient[3 * i] = 2e-4 * contrast * a[lane]
                    sums.gradient[3 * i + 1] = -2e-4 * contrast * a[lane]
                    sums.gradient[3 * i + 2] = 2 * squared * byRadius[lane]
                    sums.offsetGradient[i] = 2 * squared * byOffset[lane]
                }
            }
        }
    }

    /// One radius of a sweep: R, its volume (for the series) and its three weights.
    private struct RadiusTerm {
        var radius: Double
        var volume: Double
        var weight: Double
        var offsetWeight: Double
        var widthWeight: Double
    }

    /// 3j₁(x)/x from x², for x² < 0.01: through x⁸, remainder below 1e-17.
    @inline(__always)
    private static func sphereSeries(_ x2: SpecialFunctions.Lanes) -> SpecialFunctions.Lanes {
        SpecialFunctions.polynomial(x2, [1, -1 / 10.0, 1 / 280.0, -1 / 15120.0, 1 / 1_330_560.0])
    }

    /// sin x / x from x², for x² < 0.01: through x⁸, remainder below 1e-19.
    @inline(__always)
    private static func sincSeries(_ x2: SpecialFunctions.Lanes) -> SpecialFunctions.Lanes {
        SpecialFunctions.polynomial(x2, [1, -1 / 6.0, 1 / 120.0, -1 / 5040.0, 1 / 362_880.0])
    }
}
