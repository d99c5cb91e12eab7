#!/usr/bin/env python3
"""How many Gauss–Legendre points the cylinder's orientation average needs, the fact behind
`Cylinder.OrientationRule.rule(qRadius:qHalfLength:)` (Sources/SAXSPhysics/FormFactors/Cylinder+OrientationRule.swift).

The average is ∫₀^{π/2} (2J₁(x sin α)/(x sin α))² (sin(y cos α)/(y cos α))² sin α dα with x = qR and y = qL/2,
summed with the rule's nodes α = π/4·(z + 1). For x and y log-spaced over 0.1…500 (√(x² + y²) ≤ 500) the script
finds the smallest even n whose sum is within 1e-9 of a 3000-point sum (math.fsum, so that the reference's own
rounding stays near 1e-12), and prints the offset b for which n ≤ a·√(x² + y²) + b holds at every point, for
several slopes a. saxsd takes a = 0.9 with b = 14, above the b these points need.

    python3 scripts/orientation_rule_sizes.py
"""
import math

import numpy as np
from scipy.special import j1

rules = {}


def average(x, y, n):
    if n not in rules:
        z, w = np.polynomial.legendre.leggauss(n)
        alpha = np.pi / 4 * (z + 1)
        rules[n] = (np.sin(alpha), np.cos(alpha), w * np.pi / 4 * np.sin(alpha))
    s, c, weights = rules[n]
    disc = 2 * j1(x * s) / (x * s)
    sinc = np.sinc(y * c / np.pi)
    return math.fsum(weights * (disc * sinc) ** 2)


def main():
    axis = 10 ** np.linspace(-1, 2.7, 25)
    rows = []
    for x in axis:
        for y in axis:
            r = math.hypot(x, y)
            if r > 500:
                continue
            exact = average(x, y, 3000)
            n = next(n for n in range(4, 1000, 2) if abs(average(x, y, n) - exact) < 1e-9 * exact)
            rows.append((x, y, r, n))
    for a in (0.8, 0.85, 0.9, 0.95, 1.0):
        b = max(n - a * r for _, _, r, n in rows)
        print(f"n <= {a}·sqrt(x² + y²) + {b:.1f}")
    x, y, r, n = max(rows, key=lambda row: row[3] - 0.9 * row[2])
    print(f"binding point for a = 0.9: x = {x:.3g}, y = {y:.3g}, n = {n}")


if __name__ == "__main__":
    main()
