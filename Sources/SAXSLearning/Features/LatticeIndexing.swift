import SAXSPhysics

/// How well a curve's peaks index on one lattice: what a scientist checks first when naming a mesophase.
///
/// Every found peak is tried as the lattice's first reflection (the anchor): the first `checked` reflections then
/// sit at the lattice's ratios √N_k/√N_1 times the anchor's q, and each is matched when a found peak lies within
/// `tolerance` (relative) of it. Trying every anchor, not only the first peak, keeps a form-factor maximum or a
/// noise peak below the Bragg series from shifting every ratio. The best anchor has the most matches, then the
/// fewest unexplained peaks (found between the anchor and the last checked reflection, at none of the lattice's
/// positions), then the highest prominence.
struct LatticeIndexing: Sendable, Hashable {
    struct Match: Sendable, Hashable {
        /// Matched reflections over those inside the curve's q range.
        var matched: Double
        /// Found peaks inside the checked span that no reflection of the lattice explains.
        var unexplained: Int
    }

    /// Positions of the lattice's first reflections relative to the first one.
    let ratios: [Double]
    let checked: Int
    let tolerance: Double

    init(_ lattice: LatticePhase, checked: Int = 4, tolerance: Double = 0.02) {
        let reflections = lattice.reflections(count: 16)
        ratios = reflections.map { $0.rootQuadraticForm / reflections[0].rootQuadraticForm }
        self.checked = checked
        self.tolerance = tolerance
    }

    /// The best anchor's match; nil when no anchor has two checked reflections inside the curve's range.
    func match(_ peaks: [ProfilePeak], highestQ: Double) -> Match? {
        var best: (match: Match, rank: (Int, Int, Double))?
        for anchor in peaks {
            let positions = ratios.map { $0 * anchor.q }
            let inRange = positions.prefix(checked).filter { $0 <= highestQ }
            guard inRange.count >= 2 else { continue }
            let matched = inRange.filter { position in peaks.contains { isAt(position, $0.q) } }.count
            let end = positions[checked - 1] * (1 + tolerance)
            let unexplained = peaks.filter { peak in
                peak.q > anchor.q * (1 - tolerance) && peak.q <= end && !positions.contains { isAt($0, peak.q) }
            }.count
            let match = Match(matched: Double(matched) / Double(inRange.count), unexplained: unexplained)
            let rank = (matched, -unexplained, anchor.prominence)
            if let current = best, !(rank > current.rank) { continue }
            best = (match, rank)
        }
        return best?.match
    }

    private func isAt(_ position: Double, _ q: Double) -> Bool {
        abs(q - position) <= tolerance * position
    }
}
