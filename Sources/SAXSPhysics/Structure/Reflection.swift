/// The reflections of a lattice that share one peak position: every reciprocal-lattice vector with the same
/// quadratic form N (n², h²+hk+k² or h²+k²+l²) that the space group does not extinguish.
///
/// A powder (a sample of randomly oriented domains) cannot tell these apart: they all land at q = u·√N / a, so
/// they are one peak whose weight counts them all.
public struct Reflection: Sendable, Hashable {
    /// N: the peak sits at q = u·√N / a (see `LatticePhase.positionConstant`).
    public var quadraticForm: Int
    /// One representative of each family {hkl} at this N, non-negative and in descending order for the cubic
    /// phases ((221), not (122)), h ≥ k ≥ 0 for the hexagonal lattice, (n) for the stack. Two families share a
    /// position when N has two decompositions, like (333) and (511) at N = 27.
    public var families: [[Int]]
    /// How many reciprocal-lattice vectors (signs and permutations of every family together) fall on this
    /// position: 12 for cubic (110), 8 for (111), 6 for hexagonal (10), 2 for a lamellar order (±n).
    public var multiplicity: Int

    public init(quadraticForm: Int, families: [[Int]], multiplicity: Int) {
        self.quadraticForm = quadraticForm
        self.families = families
        self.multiplicity = multiplicity
    }

    /// √N: the peak's position relative to the cell, q·a/u.
    public var rootQuadraticForm: Double { Double(quadraticForm).squareRoot() }
}
