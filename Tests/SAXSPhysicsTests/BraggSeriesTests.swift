import Testing
import SAXSPhysics

/// The reflections each phase's lattice allows, against DESIGN.md's phase table and the crystallographic
/// literature (International Tables Vol. A reflection conditions; the lipid-mesophase indexing tables of
/// Luzzati, Mariani and Seddon), and their multiplicities.
@Suite struct BraggSeriesTests {
    /// N of the first `count` peaks.
    func series(_ phase: LatticePhase, _ count: Int) -> [Int] {
        phase.reflections(count: count).map(\.quadraticForm)
    }

    @Test func seriesAreDesignsLists() {
        // DESIGN.md: q/q1 = 1, 2, 3, 4 for the stack (N = n²), √N for the others.
        #expect(series(.lamellar, 4) == [1, 4, 9, 16])
        #expect(series(.hexagonal, 7) == [1, 3, 4, 7, 9, 12, 13])
        #expect(series(.cubicPn3m, 10) == [2, 3, 4, 6, 8, 9, 10, 11, 12, 14])
        #expect(series(.cubicIm3m, 8) == [2, 4, 6, 8, 10, 12, 14, 16])
        #expect(series(.cubicIa3d, 8) == [6, 8, 14, 16, 20, 22, 24, 26])
        #expect(series(.micellarFd3m, 8) == [3, 8, 11, 12, 16, 19, 24, 27])
    }

    @Test func seriesContinueBeyondDesign() {
        #expect(LatticePhase.lamellar.reflections(upTo: 100).map(\.quadraticForm) == (1...10).map { $0 * $0 })
        // Löschian numbers h² + hk + k².
        #expect(LatticePhase.hexagonal.reflections(upTo: 50).map(\.quadraticForm)
                == [1, 3, 4, 7, 9, 12, 13, 16, 19, 21, 25, 27, 28, 31, 36, 37, 39, 43, 48, 49])
        // No √5 (210), √13 (320), √25 ((500), (430)): every decomposition has a zero and an odd pair sum.
        #expect(LatticePhase.cubicPn3m.reflections(upTo: 30).map(\.quadraticForm)
                == [2, 3, 4, 6, 8, 9, 10, 11, 12, 14, 16, 17, 18, 19, 20, 21, 22, 24, 26, 27, 29, 30])
        // Body centring: every even N that is a sum of three squares (28 = 4·7 is not).
        #expect(LatticePhase.cubicIm3m.reflections(upTo: 50).map(\.quadraticForm)
                == [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 30, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50])
        // Gyroid: (211), (220), (321), (400), (420), (332), (422), (431), (521), (440), (611)/(532), (620),
        // (541), (631), (444), (543); 18, 34, 36, 44 are extinct.
        #expect(LatticePhase.cubicIa3d.reflections(upTo: 50).map(\.quadraticForm)
                == [6, 8, 14, 16, 20, 22, 24, 26, 30, 32, 38, 40, 42, 46, 48, 50])
        // Fd-3m: all-odd indices, or all-even with 0kl: k + l = 4n.
        #expect(LatticePhase.micellarFd3m.reflections(upTo: 50).map(\.quadraticForm)
                == [3, 8, 11, 12, 16, 19, 24, 27, 32, 35, 36, 40, 43, 44, 48])
    }

    func reflection(_ phase: LatticePhase, _ n: Int) -> Reflection? {
        phase.reflections(upTo: n).first { $0.quadraticForm == n }
    }

    @Test func multiplicities() throws {
        let cases: [(LatticePhase, Int, [[Int]], Int)] = [
            (.cubicPn3m, 2, [[1, 1, 0]], 12), (.cubicPn3m, 3, [[1, 1, 1]], 8), (.cubicPn3m, 4, [[2, 0, 0]], 6),
            (.cubicPn3m, 9, [[2, 2, 1]], 24),  // (300) is extinct: only (221) is left
            (.cubicIm3m, 2, [[1, 1, 0]], 12), (.cubicIm3m, 4, [[2, 0, 0]], 6), (.cubicIm3m, 6, [[2, 1, 1]], 24),
            (.cubicIa3d, 6, [[2, 1, 1]], 24), (.cubicIa3d, 8, [[2, 2, 0]], 12), (.cubicIa3d, 14, [[3, 2, 1]], 48),
            (.micellarFd3m, 3, [[1, 1, 1]], 8), (.micellarFd3m, 11, [[3, 1, 1]], 24),
            (.micellarFd3m, 27, [[5, 1, 1], [3, 3, 3]], 32),
            (.hexagonal, 1, [[1, 0]], 6), (.hexagonal, 3, [[1, 1]], 6), (.hexagonal, 7, [[2, 1]], 12),
            (.hexagonal, 49, [[7, 0], [5, 3]], 18),
            (.lamellar, 9, [[3]], 2),
        ]
        for (phase, n, families, multiplicity) in cases {
            let found = try #require(reflection(phase, n), "\(phase.label) N=\(n)")
            #expect(found.families == families, "\(phase.label) N=\(n)")
            #expect(found.multiplicity == multiplicity, "\(phase.label) N=\(n)")
        }
    }

    @Test func extinctionRules() {
        #expect(!LatticePhase.cubicPn3m.allows([1, 0, 0]))
        #expect(!LatticePhase.cubicPn3m.allows([0, -2, 1]))
        #expect(!LatticePhase.cubicPn3m.allows([3, 0, 0]))
        #expect(LatticePhase.cubicPn3m.allows([1, -2, 2]))
        #expect(!LatticePhase.cubicIm3m.allows([1, 1, 1]))
        #expect(!LatticePhase.cubicIa3d.allows([1, -1, 0]))
        #expect(!LatticePhase.cubicIa3d.allows([0, 2, 0]))
        #expect(!LatticePhase.cubicIa3d.allows([2, 2, -2]))
        #expect(!LatticePhase.cubicIa3d.allows([3, 1, 0]))
        #expect(LatticePhase.cubicIa3d.allows([0, 0, -4]))
        #expect(!LatticePhase.micellarFd3m.allows([2, 0, 0]))
        #expect(!LatticePhase.micellarFd3m.allows([4, 2, 0]))
        #expect(!LatticePhase.micellarFd3m.allows([2, 1, 1]))
        #expect(LatticePhase.micellarFd3m.allows([-2, 2, 2]))
        #expect(!LatticePhase.lamellar.allows([0]))
    }

    @Test func lengthFromFirstPeakFollowsDesign() {
        let q1 = 0.1
        #expect(abs(LatticePhase.lamellar.length(firstPeakAt: q1) - 2 * Double.pi / q1 / 10) < 1e-12)
        #expect(abs(LatticePhase.hexagonal.length(firstPeakAt: q1) - 4 * Double.pi / (3.0.squareRoot() * q1) / 10) < 1e-12)
        #expect(abs(LatticePhase.cubicIa3d.length(firstPeakAt: q1) - 2 * Double.pi * 6.0.squareRoot() / q1 / 10) < 1e-12)
        #expect(abs(LatticePhase.micellarFd3m.length(firstPeakAt: q1) - 2 * Double.pi * 3.0.squareRoot() / q1 / 10) < 1e-12)
    }

    @Test func labelsRoundTrip() {
        #expect(LatticePhase.allCases.map(\.label)
                == ["lamellar", "hexagonal", "cubic_Pn3m", "cubic_Im3m", "cubic_Ia3d", "micellar_Fd3m"])
        for phase in LatticePhase.allCases { #expect(LatticePhase(label: phase.label) == phase) }
        #expect(LatticePhase(label: "disordered") == nil)
    }
}
