extension SpecialFunctions {
    /// Eight arguments evaluated together. The averages over orientations and sizes spend their time in sines and
    /// Bessel functions of many independent arguments; libm evaluates one at a time (≈ 10 ns for sin, 35 ns for
    /// J₁), while polynomials on lanes keep the FPU's pipes busy on the baseline x86-64 target (SSE2, two
    /// doubles per register). Eight lanes, four registers per value, give the pipelines enough independent work
    /// to hide latency; measured on the cylinder average, four lanes are 1.4 times slower and two 1.7 times.
    typealias Lanes = SIMD8<Double>

    /// Arguments up to this magnitude are reduced exactly enough (see `quarterTurns`); callers take libm's scalar
    /// functions beyond it.
    static let laneArgumentLimit = 1e6

    /// a·b + c, in one rounding where the build fuses multiply-adds (`SAXSD_FMA`, see Package.swift); without it
    /// LLVM would call libm's fma for every lane.
    @inline(__always)
    static func multiplyAdd(_ a: Lanes, _ b: Lanes, _ c: Lanes) -> Lanes {
        #if SAXSD_FMA
        c.addingProduct(a, b)
        #else
        a * b + c
        #endif
    }

    /// c₀ + c₁x + c₂x² + … by Horner's rule run on x² for the even and the odd coefficients at once: two
    /// independent chains halve the latency of a single one. `c` is a literal at every call site, so after
    /// inlining the loop unrolls over constants.
    @inline(__always)
    static func polynomial(_ x: Lanes, _ c: [Double]) -> Lanes {
        polynomial(x, count: c.count) { c[$0] }
    }

    /// c₁ + 2c₂x + 3c₃x² + …, the derivative of `polynomial(x, c)`: exact for the approximation itself, so that
    /// finite differences of a model agree with its hand-written gradient to rounding.
    @inline(__always)
    static func polynomialDerivative(_ x: Lanes, _ c: [Double]) -> Lanes {
        polynomial(x, count: c.count - 1) { Double($0 + 1) * c[$0 + 1] }
    }

    /// Σ c(k)·xᵏ for k < count, coefficients given by index: for coefficients known only at run time (at least two).
    @inline(__always)
    static func polynomial(_ x: Lanes, count: Int, _ c: (Int) -> Double) -> Lanes {
        precondition(count >= 2, "a polynomial of degree ≥ 1")
        let x2 = x * x
        var k = count - 1
        var high = Lanes(repeating: c(k)), low = Lanes(repeating: c(k - 1))
        k -= 2
        while k >= 1 {
            high = multiplyAdd(high, x2, Lanes(repeating: c(k)))
            low = multiplyAdd(low, x2, Lanes(repeating: c(k - 1)))
            k -= 2
        }
        // With an odd number of coefficients `high` holds the even ones and c₀ is still to come.
        if k == 0 { return multiplyAdd(x, low, multiplyAdd(high, x2, Lanes(repeating: c(0)))) }
        return multiplyAdd(x, high, low)
    }

    /// u = r + (k + offset)·π/2 with |r| ≤ π/4 and k whole (as a Double), for |u| ≤ `laneArgumentLimit`.
    ///
    /// Cody–Waite reduction: π/2 in three parts whose first two carry 32 bits each, so (k + offset)·part is exact
    /// for |k| < 2²⁰ and r keeps full relative precision. k is rounded to nearest by adding and removing 1.5·2⁵²,
    /// which needs no conversion to integers and so stays in the vector registers. `offset` (in quarter turns) lets
    /// J₁'s phase t − 3π/4 be reduced without first rounding t − 3π/4.
    @inline(__always)
    static func quarterTurns(_ u: Lanes, minus offset: Double = 0) -> (r: Lanes, k: Lanes) {
        let rounding = 6_755_399_441_055_744.0
        let k = ((u * 0.6366197723675814 - offset) + rounding) - rounding
        let m = k + offset
        let r = ((u - m * 1.5707963267341256) - m * 6.077100506303966e-11) - m * 2.0222662487959506e-21
        return (r, k)
    }

    /// The lanes whose whole k is odd: there sine and cosine swap roles (up to sign).
    @inline(__always)
    static func isOdd(_ k: Lanes) -> SIMDMask<Lanes.MaskStorage> {
        let rounding = 6_755_399_441_055_744.0
        let half = (k * 0.5 + rounding) - rounding
        return k - 2 * half .!= 0
    }

    /// sin r / r as a polynomial of degree 6 in r² for |r| ≤ π/4, within 2e-16 relative
    /// (`scripts/lane_function_fits.py`; Taylor's series needs degree 7 for as much).
    @inline(__always)
    static func sinOverArgument(_ r2: Lanes) -> Lanes {
        polynomial(r2, [1.0, -0.16666666666666616, 0.008333333333320356, -0.0001984126982864526,
                        2.7557313374649857e-06, -2.5050716696695676e-08, 1.5894720300223109e-10])
    }

    /// (cos r − sin r / r)/r² as a polynomial of degree 6 in r² for |r| ≤ π/4, within 2e-16 relative: the
    /// derivative of sin r / r divided by r, and with `sinOverArgument` σ also cos r = σ + r²·this.
    @inline(__always)
    static func sincDerivativeOverArgument(_ r2: Lanes) -> Lanes {
        polynomial(r2, [-0.3333333333333333, 0.033333333333333305, -0.0011904761904754264, 2.2045855371756572e-05,
                        -2.5052104942066535e-07, 1.9270033412802895e-09, -1.0609319313875191e-11])
    }

    /// sin u and cos u with their signs, for |u| ≤ `laneArgumentLimit`.
    @inline(__always)
    static func sinCos(_ u: Lanes) -> (sin: Lanes, cos: Lanes) {
        let (r, k) = quarterTurns(u)
        let r2 = r * r
        let ratio = sinOverArgument(r2)
        let s = r * ratio, c = ratio + r2 * sincDerivativeOverArgument(r2)
        // k mod 4 as −2…2: odd quarters swap sine and cosine, quarters −1 and ±2 change both signs.
        let rounding = 6_755_399_441_055_744.0
        let quarter = k - 4 * ((k * 0.25 + rounding) - rounding)
        let odd = isOdd(k)
        var sine = s.replacing(with: c, where: odd)
        var cosine = c.replacing(with: -s, where: odd)
        let negate = (quarter .< -0.5) .| (quarter .> 1.5)
        sine.replace(with: -sine, where: negate)
        cosine.replace(with: -cosine, where: negate)
        return (sine, cosine)
    }
}

extension SpecialFunctions {
    /// (sin u / u)² for |u| ≤ `laneArgumentLimit`, given 1/u (which callers form without a division).
    @inline(__always)
    static func sincSquared(_ u: Lanes, inverse: Lanes) -> Lanes {
        let (r, k) = quarterTurns(u)
        let r2 = r * r
        let ratio = sinOverArgument(r2)
        let sin2 = r2 * ratio * ratio
        // In odd quarters sin²u = cos²r = 1 − sin²r, with sin²r ≤ ½ there so nothing cancels.
        let sinU2 = sin2.replacing(with: 1 - sin2, where: isOdd(k))
        // In the first quarter r = u and the ratio is sinc u itself, exact down to u = 0 where 1/u is not.
        return (sinU2 * inverse * inverse).replacing(with: ratio * ratio, where: k .== 0)
    }

    /// (sin u / u)² and (sin u / u)·d(sin u / u)/du, given 1/u.
    @inline(__always)
    static func sincSquaredWithDerivative(_ u: Lanes, inverse: Lanes) -> (value: Lanes, product: Lanes) {
        let (r, k) = quarterTurns(u)
        let r2 = r * r
        let ratio = sinOverArgument(r2), slope = sincDerivativeOverArgument(r2)
        let s = r * ratio, c = ratio + r2 * slope
        // ± (sin u, cos u): the common sign cancels in both results.
        let odd = isOdd(k)
        let sinU = s.replacing(with: c, where: odd), cosU = c.replacing(with: -s, where: odd)
        let sinc = sinU * inverse
        var value = sinc * sinc
        // S·S′ = S (cos u − S)/u.
        var product = sinc * inverse * (cosU - sinc)
        // First quarter: S′ = u·slope from the series; (cos u − S)/u cancels as u → 0.
        let first = k .== 0
        value.replace(with: ratio * ratio, where: first)
        product.replace(with: u * ratio * slope, where: first)
        return (value, product)
    }
}
