extension LatticePhase {
    /// Whether the phase's space group lets a reflection through: its reflection conditions (systematic
    /// absences) from International Tables for Crystallography Vol. A. Only the general conditions of the space
    /// group are applied, not the extra ones of special Wyckoff positions: lipid mesophases fill the whole cell
    /// with a continuous density, which has the space group's symmetry and no more (so Fd-3m's (222) is kept,
    /// as in DESIGN.md's list, although a diamond of point atoms would extinguish it).
    ///
    /// - Stack: every order n ≠ 0.
    /// - Hexagonal, plane group p6mm: no conditions.
    /// - Pn-3m (224): 0kl: k+l = 2n; h00: h = 2n.
    /// - Im-3m (229): hkl: h+k+l = 2n (body centring; the 0kl, hhl and h00 conditions follow from it).
    /// - Ia-3d (230): hkl: h+k+l = 2n; 0kl: k, l = 2n; hhl: 2h+l = 4n; h00: h = 4n.
    /// - Fd-3m (227): hkl: h+k, h+l, k+l = 2n; 0kl: k+l = 4n and k, l = 2n; hhl: h+l = 2n; h00: h = 4n.
    ///
    /// The cubic conditions are stated for one member of each family; all point groups here are m-3m, under
    /// which a family is every signed permutation, so they are applied to the sorted absolute values.
    public func allows(_ indices: [Int]) -> Bool {
        precondition(indices.count == dimension, "\(label) reflections have \(dimension) indices")
        guard dimension == 3 else { return indices.contains { $0 != 0 } }
        let sorted = indices.map(abs).sorted(by: >)
        let (a, b, c) = (sorted[0], sorted[1], sorted[2])
        guard a != 0 else { return false }
        let hasZero = c == 0
        switch self {
        case .cubicPn3m:
            // 0kl: k+l even (with the zero last, k = a, l = b; h00 is the case b = 0).
            return !hasZero || (a + b) % 2 == 0
        case .cubicIm3m:
            return (a + b + c) % 2 == 0
        case .cubicIa3d:
            guard (a + b + c) % 2 == 0 else { return false }
            if hasZero && (a % 2 != 0 || b % 2 != 0) { return false }
            // hhl: the equal pair can be (a, b) with l = c or (b, c) with l = a; h00 is (b, c) = (0, 0).
            if a == b && (2 * a + c) % 4 != 0 { return false }
            if b == c && (2 * b + a) % 4 != 0 { return false }
            return true
        case .micellarFd3m:
            guard (a + b) % 2 == 0 && (b + c) % 2 == 0 else { return false }
            if hasZero && ((a + b) % 4 != 0 || a % 2 != 0 || b % 2 != 0) { return false }
            return true
        case .lamellar, .hexagonal:
            return true
        }
    }

    /// Every allowed reflection with 0 < N ≤ `maxQuadraticForm`, one per peak position, in increasing N.
    /// The multiplicity counts the reciprocal-lattice vectors themselves (enumerated, not looked up), so it is
    /// the powder multiplicity of m-3m for the cubic phases and of 6mm for the hexagonal lattice.
    public func reflections(upTo maxQuadraticForm: Int) -> [Reflection] {
        guard maxQuadraticForm > 0 else { return [] }
        // Largest |index| that can reach N: √N for the stack and cubes; for h²+hk+k² ≥ ¾·max(|h|,|k|)², √(4N/3).
        let reach = Int((Double(maxQuadraticForm) * (dimension == 2 ? 4.0 / 3 : 1)).squareRoot()) + 1
        var vectors: [Int: [[Int]]] = [:]
        func visit(_ indices: [Int]) {
            let n = quadraticForm(indices)
            if n > 0 && n <= maxQuadraticForm && allows(indices) { vectors[n, default: []].append(indices) }
        }
        switch dimension {
        case 1:
            for h in -reach...reach { visit([h]) }
        case 2:
            for h in -reach...reach { for k in -reach...reach { visit([h, k]) } }
        default:
            for h in -reach...reach { for k in -reach...reach { for l in -reach...reach { visit([h, k, l]) } } }
        }
        return vectors.keys.sorted().map { n in
            let members = vectors[n]!
            let families = Set(members.map(familyRepresentative)).sorted { $0.lexicographicallyPrecedes($1) }.reversed()
            return Reflection(quadraticForm: n, families: Array(families), multiplicity: members.count)
        }
    }

    /// The first `count` allowed peak positions.
    public func reflections(count: Int) -> [Reflection] {
        guard count > 0 else { return [] }
        var limit = 16
        while true {
            let found = reflections(upTo: limit)
            if found.count >= count { return Array(found.prefix(count)) }
            limit *= 2
        }
    }

    /// The representative of a vector's family: sorted absolute values for the stack and the cubes; for the
    /// hexagonal lattice the member of its 6mm orbit with h ≥ k ≥ 0, found by walking the six rotations
    /// (h, k) → (−k, h+k) and the mirror (h, k) → (k, h).
    func familyRepresentative(_ indices: [Int]) -> [Int] {
        guard dimension == 2 else { return indices.map(abs).sorted(by: >) }
        var rotated = indices
        for _ in 0..<6 {
            for candidate in [rotated, [rotated[1], rotated[0]]] where candidate[0] >= candidate[1] && candidate[1] >= 0 {
                return candidate
            }
            rotated = [-rotated[1], rotated[0] + rotated[1]]
        }
        preconditionFailure("every 6mm orbit has a member with h ≥ k ≥ 0")
    }
}
