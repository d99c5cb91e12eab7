extension SpecialFunctions {
    /// 2J₁(t)/t on 0 ≤ t ≤ 4 as a polynomial of degree 10 in w = t²/8 − 1; largest error 2e-16 (the function is 1
    /// at 0). Coefficients of all four fits from `scripts/lane_function_fits.py`.
    @inline(__always)
    private static var discLowCoefficients: [Double] {
        [0.2829799868805425, -0.47952808215101167, 0.1965480952704682, -0.03670540122011158, 0.003947385341719677,
         -0.00027684521981724135, 1.3686196926905315e-05, -5.030909727274867e-07, 1.4298474539196667e-08,
         -3.2397395909345645e-10, 5.980877898145776e-12]
    }

    /// 2J₁(t)/t on 4 ≤ t ≤ 8 as a polynomial of degree 13 in w = (t² − 40)/24; largest error 1e-16. Two pieces
    /// rather than one of degree 14 on [0, 8]: the cylinder's nodes mostly fall below 4, where the shorter
    /// polynomial makes the whole average ~8 % faster.
    @inline(__always)
    private static var discHighCoefficients: [Double] {
        [-0.06379323141941007, 0.1755822300205822, 0.00947847854258451, -0.11103642513790253, 0.06377831152003464,
         -0.018280430387158292, 0.0033148608494797797, -0.0004220224767431501, 4.011528975402216e-05,
         -2.968049328721087e-06, 1.7621628383550805e-07, -8.594617389054674e-09, 3.5212526339875184e-10,
         -1.2205507975965748e-11]
    }

    /// Hankel's envelope P of J₁ for t ≥ 8 as a polynomial of degree 10 in z = 64/t².
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
    /// Below t = 8 polynomials; above, Hankel's form J₁ = √(2/πt)·(P cos χ − Q sin χ), χ = t − 3π/4, with P
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

    /// D² and D·D′ below t = 8 (D′ only when `derivative`; else the product is 0), from the piece for t < 4 or
    /// the one above (both where the lanes straddle 4).
    @inline(__always)
    private static func discSeries(_ t: Lanes, derivative: Bool) -> (value: Lanes, product: Lanes) {
        let low = t .< 4
        if all(low) { return discPiece(t, derivative: derivative, low: true) }
        let high = discPiece(t, derivative: derivative, low: false)
        if !any(low) { return high }
        let lowPiece = discPiece(t, derivative: derivative, low: true)
        return (high.value.replacing(with: lowPiece.value, where: low),
                high.product.replacing(with: lowPiece.product, where: low))
    }

    /// D = p(w) and dD/dt = p′(w)·dw/dt, w = (t² − centre)/half.
    @inline(__always)
    private static func discPiece(_ t: Lanes, derivative: Bool, low: Bool) -> (value: Lanes, product: Lanes) {
        let centre = low ? 8.0 : 40.0, inverseHalf = low ? 1 / 8.0 : 1 / 24.0
        let w = (t * t - centre) * inverseHalf
        let d = low ? polynomial(w, discLowCoefficients) : polynomial(w, discHighCoefficients)
        guard derivative else { return (d * d, Lanes(repeating: 0)) }
        let slope = low ? polynomialDerivative(w, discLowCoefficients) : polynomialDerivative(w, discHighCoefficients)
        return (d * d, d * slope * t * (2 * inverseHalf))
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
