extension SpecialFunctions {
    /// 2J₁(t)/t on 0 ≤ t ≤ 8 as a polynomial of degree 14 in w = t²/32 − 1; largest error 6e-16 (absolute, the
    /// function is 1 at 0). Coefficients from `scripts/bessel_fits.py`.
    @inline(__always)
    private static var discCoefficients: [Double] {
        [-0.11628765591198215, 0.16211732077179516, 0.30303330287613267, -0.5191897305718332, 0.3171675286544379,
         -0.10949163642599007, 0.024913628784519807, -0.004058078987733441, 0.0004989891627392956,
         -4.809150076063923e-05, 3.7369051783370155e-06, -2.393371323446647e-07, 1.2862401521498788e-08,
         -5.916061487542229e-10, 2.3311896961374864e-11]
    }

    /// Hankel's envelope P of J₁ for t ≥ 8 as a polynomial of degree 10 in z = 64/t² (`scripts/bessel_fits.py`).
    @inline(__always)
    private static var hankelPCoefficients: [Double] {
        [1.0000000000000002, 0.0018310546874638278, -3.520399184310887e-05, 2.5809719242561514e-06,
         -4.1010901467688847e-07, 1.1219718218405029e-07, -4.4511635687158544e-08, 2.0635075190579088e-08,
         -8.675390338311587e-09, 2.561899366599805e-09, -3.695212080719362e-10]
    }

    /// Hankel's envelope Q of J₁ for t ≥ 8 as (8/t) times a polynomial of degree 10 in z = 64/t².
    @inline(__always)
    private static var hankelQCoefficients: [Double] {
        [0.046874999999999854, -0.00020027160640975463, 8.470959437865739e-06, -9.505663182417135e-07,
         2.0281663134376887e-07, -6.924449406049458e-08, 3.226605626171213e-08, -1.6578581332470554e-08,
         7.393980718974366e-09, -2.2571919276637064e-09, 3.3195396447101123e-10]
    }

    /// (2J₁(t)/t)² for 0 ≤ t ≤ `laneArgumentLimit`, given 1/t (which callers form without a division); absolute
    /// error near 1e-15, as libm's j1.
    ///
    /// Below t = 8 a polynomial; above, Hankel's form J₁ = √(2/πt)·(P cos χ − Q sin χ), χ = t − 3π/4, with P
    /// and Q smooth in 1/t² so that low-degree polynomials hold them. Only the square is needed, which is even
    /// under χ → χ + π: reducing χ by quarter turns, the parity alone says whether sine and cosine swap.
    @inline(__always)
    static func discSquared(_ t: Lanes, inverse: Lanes) -> Lanes {
        let below = t .< 8
        if all(below) { return discSeries(t, derivative: false).value }
        let hankel = discHankel(t, inverse: inverse, derivative: false).value
        if !any(below) { return hankel }
        return hankel.replacing(with: discSeries(t, derivative: false).value, where: below)
    }

    /// (2J₁(t)/t)² and (2J₁(t)/t)·d(2J₁(t)/t)/dt, given 1/t.
    @inline(__always)
    static func discSquaredWithDerivative(_ t: Lanes, inverse: Lanes) -> (value: Lanes, product: Lanes) {
        let below = t .< 8
        if all(below) { return discSeries(t, derivative: true) }
        let hankel = discHankel(t, inverse: inverse, derivative: true)
        if !any(below) { return hankel }
        let series = discSeries(t, derivative: true)
        return (hankel.value.replacing(with: series.value, where: below),
                hankel.product.replacing(with: series.product, where: below))
    }

    /// D² and D·D′ below t = 8 (D′ only when `derivative`; else the product is 0), D = p(w), dD/dt = p′(w)·t/16.
    @inline(__always)
    private static func discSeries(_ t: Lanes, derivative: Bool) -> (value: Lanes, product: Lanes) {
        let w = t * t * (1 / 32.0) - 1
        let d = polynomial(w, discCoefficients)
        guard derivative else { return (d * d, Lanes(repeating: 0)) }
        return (d * d, d * polynomialDerivative(w, discCoefficients) * t * (1 / 16.0))
    }

    /// D² and D·D′ of Hankel's form (D′ only when `derivative`; else the product is 0).
    @inline(__always)
    private static func discHankel(_ t: Lanes, inverse: Lanes, derivative: Bool) -> (value: Lanes, product: Lanes) {
        let (r, k) = quarterTurns(t, minus: 1.5)
        let r2 = r * r
        let ratio = sinOverArgument(r2)
        let s = r * ratio, c = ratio + r2 * sincDerivativeOverArgument(r2)
        let odd = isOdd(k)
        // ± (cos χ, sin χ); the common sign cancels in D² and D·D′.
        let cosChi = c.replacing(with: -s, where: odd), sinChi = s.replacing(with: c, where: odd)
        let z = 64 * inverse * inverse
        let p = polynomial(z, hankelPCoefficients)
        let qPolynomial = polynomial(z, hankelQCoefficients)
        let q = 8 * inverse * qPolynomial
        let b = p * cosChi - q * sinChi
        // D = √(8/π)·t^(−3/2)·b.
        let scale = (8 / Double.pi) * inverse * inverse * inverse
        guard derivative else { return (scale * b * b, Lanes(repeating: 0)) }
        // dz/dt = −2z/t; dQ/dt = −(8/t²)(q + 2z q′); dχ/dt = 1.
        let dp = polynomialDerivative(z, hankelPCoefficients) * (-2 * z * inverse)
        let dq = -8 * inverse * inverse * (qPolynomial + 2 * z * polynomialDerivative(z, hankelQCoefficients))
        let db = dp * cosChi - dq * sinChi - p * sinChi - q * cosChi
        // D·D′ = (8/π) t⁻³ · b · (b′ − 1.5 b/t).
        return (scale * b * b, scale * b * (db - 1.5 * b * inverse))
    }
}
