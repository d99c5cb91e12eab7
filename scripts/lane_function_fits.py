#!/usr/bin/env python3
"""Coefficients of the polynomial fits behind saxsd's lane functions (SpecialFunctions+Disc.swift, +Lanes.swift): J₁
for the cylinder's orientation average, and the sine kernel that every lane sine and cosine goes through.

The disc amplitude D(t) = 2J₁(t)/t is split at t = 4 and t = 8:
- t ≤ 4: D as a polynomial of degree 10 in w = t²/8 − 1 ∈ [−1, 1]; 4 ≤ t ≤ 8: degree 13 in w = (t² − 40)/24.
  Centring the variable keeps the coefficients below 1, so Horner's rule loses no digits to cancellation (a plain
  series in t² loses two by t = 8).
- t ≥ 8: Hankel's form J₁(t) = √(2/πt)·(P(t) cos χ − Q(t) sin χ), χ = t − 3π/4, with P = p(z) and
  Q = (8/t)·q(z), p and q polynomials of degree 10 in z = 64/t² ∈ (0, 1]. P and Q are smooth envelopes (the
  oscillation is all in χ), which is why low degrees reach double precision.

- The sine kernel on |r| ≤ π/4 (after reduction by quarter turns): σ = sin r / r and γ = (cos r − σ)/r², each a
  polynomial of degree 6 in r² (γ is σ′/r, and cos r = σ + r²γ). Interpolation at Chebyshev points is within a
  hair of the best polynomial, one degree below the Taylor series for the same accuracy.

Each fit interpolates at Chebyshev points in 50-digit arithmetic (mpmath), then the script checks the double
coefficients in double arithmetic against mpmath on a fine grid and prints the largest absolute error.

    python3 scripts/lane_function_fits.py
"""
import mpmath as mp

mp.mp.dps = 50


def disc(t):
    return mp.mpf(1) if t == 0 else 2 * mp.besselj(1, t) / t


def hankel(t):
    """P and Q of J₁ at t, from J₁ and Y₁: J₁ = a(P cos χ − Q sin χ), Y₁ = a(P sin χ + Q cos χ), a = √(2/πt)."""
    chi = t - 3 * mp.pi / 4
    j, y = mp.besselj(1, t), mp.bessely(1, t)
    a = mp.sqrt(mp.pi * t / 2)
    return a * (j * mp.cos(chi) + y * mp.sin(chi)), a * (-j * mp.sin(chi) + y * mp.cos(chi))


def interpolate(f, a, b, degree):
    """Monomial coefficients of the polynomial through f at degree + 1 Chebyshev points of [a, b]."""
    n = degree + 1
    nodes = [(a + b) / mp.mpf(2) + (b - a) / mp.mpf(2) * mp.cos(mp.pi * (k + mp.mpf(1) / 2) / n) for k in range(n)]
    matrix = mp.matrix([[v ** j for j in range(n)] for v in nodes])
    solution = mp.lu_solve(matrix, mp.matrix([f(v) for v in nodes]))
    return [float(solution[j]) for j in range(n)]


def horner(coefficients, x):
    result = 0.0
    for c in reversed(coefficients):
        result = result * x + c
    return result


def q_envelope(z):
    if z == 0:
        return mp.mpf(3) / 64  # Q ~ 3/(8t), so q = Q·t/8 → 3/64
    t = 8 / mp.sqrt(z)
    return hankel(t)[1] * t / 8


def sine_ratio(v):
    return mp.sin(mp.sqrt(v)) / mp.sqrt(v) if v > 0 else mp.mpf(1)


def cosine_slope(v):
    return (mp.cos(mp.sqrt(v)) - sine_ratio(v)) / v if v > 0 else mp.mpf(-1) / 3


def main():
    low = interpolate(lambda w: disc(mp.sqrt(8 * w + 8)), -1, 1, 10)
    high = interpolate(lambda w: disc(mp.sqrt(24 * w + 40)), -1, 1, 13)
    p = interpolate(lambda z: hankel(8 / mp.sqrt(z))[0] if z > 0 else mp.mpf(1), 0, 1, 10)
    q = interpolate(q_envelope, 0, 1, 10)

    worst_low = max(abs(horner(low, t * t / 8 - 1) - float(disc(mp.mpf(t))))
                    for t in (4 * k / 2000 for k in range(2001)))
    worst_high = max(abs(horner(high, (t * t - 40) / 24) - float(disc(mp.mpf(t))))
                     for t in (4 + 4 * k / 2000 for k in range(2001)))
    worst_large = 0.0
    for k in range(4001):
        t = 8 + 2000 * (k / 4000) ** 3
        exact = mp.besselj(1, t)
        chi = mp.mpf(t) - 3 * mp.pi / 4
        z = 64 / (t * t)
        approx = mp.sqrt(2 / (mp.pi * t)) * (horner(p, z) * mp.cos(chi) - 8 / t * horner(q, z) * mp.sin(chi))
        worst_large = max(worst_large, float(abs(approx - exact) * mp.sqrt(t)))
    print(f"// 2J1(t)/t on [0, 4]: largest absolute error {worst_low:.2e}")
    print(f"// 2J1(t)/t on [4, 8]: largest absolute error {worst_high:.2e}")
    print(f"// J1 on [8, 2008]: largest error × √t {worst_large:.2e}")
    # A hair past (π/4)²: the reduction's rounded k leaves |r| a few ulps above π/4.
    quarter = (mp.pi / 4) ** 2 * mp.mpf("1.0001")
    sigma = interpolate(sine_ratio, 0, quarter, 6)
    gamma = interpolate(cosine_slope, 0, quarter, 6)
    worst_sigma = worst_gamma = 0.0
    for k in range(3001):
        r = float(mp.sqrt(quarter)) * k / 3000
        worst_sigma = max(worst_sigma, abs(horner(sigma, r * r) / float(sine_ratio(mp.mpf(r) ** 2)) - 1))
        worst_gamma = max(worst_gamma, abs(horner(gamma, r * r) / float(cosine_slope(mp.mpf(r) ** 2)) - 1))
    print(f"// sin r / r on |r| <= pi/4: largest relative error {worst_sigma:.2e}")
    print(f"// (cos r - sin r / r)/r^2 on |r| <= pi/4: largest relative error {worst_gamma:.2e}")
    for name, coefficients in (("discLow", low), ("discHigh", high), ("hankelP", p), ("hankelQ", q),
                               ("sinOverArgument", sigma), ("sincDerivativeOverArgument", gamma)):
        print(f"{name} = [" + ", ".join(repr(c) for c in coefficients) + "]")


if __name__ == "__main__":
    main()
