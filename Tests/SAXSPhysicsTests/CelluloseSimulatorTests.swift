import Foundation
import SAXSPhysics
import Testing

@Suite struct CelluloseSimulatorTests {
    /// Porod's law for sections, I(q) q³ → 2 Σ Δρ² L_A over the pairs of phases, against the boundary length
    /// measured on the same maps. Pixels of 1 nm and smooth, large domains, so that the window
    /// 0.35 ≤ q ≤ 0.7 nm^-1 lies above the boundaries' curvature (q·R ≫ 1) and below the pixel (q·a < 1).
    @Test(arguments: [false, true])
    func porodTailMatchesMeasuredBoundaryLength(withCrystals: Bool) {
        let grid = CrossSectionGrid(size: 256, pixelSize: 1)
        let q = RadialBinning.logSpaced(from: 0.35, to: 0.7, count: 12)
        // Crystals scattered (one per bundle) with gaps wider than 1/q: a thin layer between two crystals scatters
        // like its two boundaries only at q ≫ 1/width, and the face-to-face order of a bundle adds interference
        // fringes of the same order as Porod's term; polydisperse sizes wash out the fringes of each square's
        // own parallel faces.
        let simulator = CelluloseSimulator(settings: .init(grid: grid, realizations: 3, q: q,
                                                           packing: FibrilPacking(crystalsPerBundle: 1, minimumGap: 8)))
        let parameters = withCrystals
            ? CelluloseParameters(alphaMean: 12, alphaStd: 4, powExp: 8, mu: 0.05, sldGRF1: 0.55, sldGRF2: 0.15,
                                  vfCrystal: 0.25, vfGRF1: 0.4, vfGRF2: 0.35)
            : CelluloseParameters(alphaMean: 3, alphaStd: 0, powExp: 8, mu: 0.05, sldGRF1: 0.8, sldGRF2: 0.2,
                                  vfCrystal: 0, vfGRF1: 0.35, vfGRF2: 0.65)
        let workspace = simulator.makeWorkspace()
        let curve = simulator.curve(parameters, seed: 77, index: 3, workspace: workspace)
        // The same maps again, for their boundary lengths per pair of phases.
        var weighted = 0.0
        for realization in 0..<3 {
            let section = simulator.crossSection(parameters, seed: 77, index: 3, realization: realization,
                                                 workspace: workspace)
            let lengths = section.boundaryLength
            for (a, b) in [(0, 1), (0, 2), (1, 2)] {
                let contrast = section.slds[a] - section.slds[b]
                weighted += contrast * contrast * lengths[UInt8(a), UInt8(b)] / 3
            }
        }
        let porod = 2 * weighted
        let plateau = zip(q, curve.intensity).map { $0 * $0 * $0 * $1 }.reduce(0, +) / Double(q.count)
        #expect(abs(plateau / porod - 1) < 0.10, "q³I = \(plateau), 2ΣΔρ²L = \(porod)")
        // A tail, not a coincidence at one q: q³I is flat over the window (a q^-2 or q^-4 tail would change
        // it by a factor 2 here).
        let ends = [curve.intensity[0] * q[0] * q[0] * q[0], curve.intensity[11] * q[11] * q[11] * q[11]]
        #expect(abs(ends[1] / ends[0] - 1) < 0.2, "q³I from \(ends[0]) to \(ends[1])")
    }

    /// The production grid, parameters from the data set's priors: every realization reaches the requested area
    /// fractions within 1 % of the area.
    @Test func requestedFractionsAreReachedWithinOnePercent() {
        let simulator = CelluloseSimulator()
        let workspace = simulator.makeWorkspace()
        let dataset = CelluloseDataset(count: 6, seed: 3)
        var extremes = dataset.drawnParameters(index: 0)
        // The hardest case for the crystals: the largest crystals at the highest fraction.
        extremes.alphaMean = 3
        extremes.alphaStd = 0.9
        extremes.vfCrystal = 0.45
        extremes.vfGRF1 = 0.11
        extremes.vfGRF2 = 0.44
        let cases = (0..<5).map { dataset.drawnParameters(index: $0) } + [extremes]
        for (index, parameters) in cases.enumerated() {
            let section = simulator.crossSection(parameters, seed: 9, index: index, realization: 0, workspace: workspace)
            let fractions = section.fractions
            let requested = [parameters.vfCrystal, parameters.vfGRF1, parameters.vfGRF2]
            for phase in 0..<3 {
                #expect(abs(fractions[phase] - requested[phase]) < 0.01,
                        "case \(index) phase \(phase): \(fractions[phase]) for \(requested[phase])")
            }
            #expect(!section.crystals.isEmpty)
        }
    }

    @Test func crystalsDoNotOverlapAndGatherIntoBundles() {
        let grid = CrossSectionGrid(size: 512, pixelSize: 0.15)
        var labels = [UInt8](repeating: 255, count: grid.pixelCount)
        var generator = SeededGenerator(seed: 4)
        let packing = FibrilPacking()
        let crystals = packing.pack(fraction: 0.15, alphaMean: 1.5, alphaStd: 0.3, grid: grid, labels: &labels,
                                    crystalLabel: 0, generator: &generator)
        #expect(crystals.count > 30)
        // Every crystal pixel is painted once: the count of marked pixels equals the sum of each crystal's own.
        var separate = 0
        for crystal in crystals {
            var own = [UInt8](repeating: 255, count: grid.pixelCount)
            separate += FibrilPacking.rasterize(crystal, grid: grid, labels: &own, label: 0)
        }
        #expect(labels.filter { $0 == 0 }.count == separate)
        // Bundled: the mean distance to the nearest neighbour is well below that of the same packing with one
        // crystal per bundle (crystals scattered over the box).
        func meanNearestDistance(_ crystals: [FibrilPacking.Crystal]) -> Double {
            let length = grid.length
            var nearest = 0.0
            for (i, p) in crystals.enumerated() {
                var best = Double.infinity
                for (j, r) in crystals.enumerated() where j != i {
                    var dx = r.x - p.x, dy = r.y - p.y
                    dx -= length * (dx / length).rounded()
                    dy -= length * (dy / length).rounded()
                    best = min(best, (dx * dx + dy * dy).squareRoot())
                }
                nearest += best / Double(crystals.count)
            }
            return nearest
        }
        var scatteredLabels = [UInt8](repeating: 255, count: grid.pixelCount)
        var scatteredGenerator = SeededGenerator(seed: 4)
        let scattered = FibrilPacking(crystalsPerBundle: 1).pack(
            fraction: 0.15, alphaMean: 1.5, alphaStd: 0.3, grid: grid, labels: &scatteredLabels, crystalLabel: 0,
            generator: &scatteredGenerator)
        let bundled = meanNearestDistance(crystals), apart = meanNearestDistance(scattered)
        #expect(bundled < 0.8 * apart, "mean nearest-neighbour distance \(bundled) nm bundled, \(apart) nm scattered")
        // Face to face: the nearest neighbour in a bundle is about one crystal width (2 × 1.5 nm) plus the gap away.
        #expect(bundled < 1.2 * (3 + 1.25 * packing.minimumGap))
    }

    @Test func boundaryLengthOfDigitizedShapesIsCorrectedForTheGrid() {
        let size = 200
        let grid = CrossSectionGrid(size: size, pixelSize: 0.5)
        // A disk of radius 30 pixels: the city-block edge count is 8R, the corrected estimates 2πR.
        var disk = [UInt8](repeating: 1, count: size * size)
        let radius = 30.0
        for row in 0..<size {
            for column in 0..<size {
                let dx = Double(column) + 0.5 - 100, dy = Double(row) + 0.5 - 100
                if dx * dx + dy * dy <= radius * radius { disk[row * size + column] = 0 }
            }
        }
        let area = Double(size * size) * 0.25
        let circumference = 2 * Double.pi * radius * 0.5 / area
        let measured = BoundaryLength(labels: disk, size: size, pixelSize: 0.5)
        #expect(abs(measured.total / circumference - 1) < 0.02, "\(measured.total) vs \(circumference)")
        #expect(abs(measured[0, 1] - measured.total) < 1e-15)
        let edges = BoundaryLength.correctedEdgeCount(labels: disk, size: size, pixelSize: 0.5)
        #expect(abs(edges / circumference - 1) < 0.02)
        // Squares at several angles: four directions stay within 6 %, the corrected edge count alone misses by
        // up to 21 % at 0° (π/4) and 11 % at 45°.
        for degrees in [0.0, 10, 22.5, 30, 45] {
            var labels = [UInt8](repeating: 2, count: size * size)
            let crystal = FibrilPacking.Crystal(x: 50, y: 50, halfSize: 20, angle: degrees * .pi / 180)
            FibrilPacking.rasterize(crystal, grid: grid, labels: &labels, label: 0)
            let perimeter = 8 * 20 / area
            let length = BoundaryLength(labels: labels, size: size, pixelSize: 0.5)
            #expect(abs(length[0, 2] / perimeter - 1) < 0.06, "\(degrees)°: \(length[0, 2] / perimeter)")
        }
        // Isotropic curved boundaries (a level-cut field): the two estimates agree.
        let simulator = CelluloseSimulator(settings: .init(grid: CrossSectionGrid(size: 256, pixelSize: 1),
                                                           realizations: 1, q: [0.1, 1]))
        let section = simulator.crossSection(
            CelluloseParameters(alphaMean: 1, alphaStd: 0, powExp: 6, mu: 0.1, sldGRF1: 0.5, sldGRF2: 0,
                                vfCrystal: 0, vfGRF1: 0.5, vfGRF2: 0.5),
            seed: 1, index: 0, realization: 0, workspace: simulator.makeWorkspace())
        let four = section.boundaryLength.total
        let two = BoundaryLength.correctedEdgeCount(labels: section.labels, size: 256, pixelSize: 1)
        #expect(abs(two / four - 1) < 0.03, "edge count \(two), four directions \(four)")
    }

    @Test func curvesAreDeterministicForASeedAndDifferBetweenSeeds() {
        let settings = CelluloseSimulator.Settings(grid: CrossSectionGrid(size: 64, pixelSize: 0.3), realizations: 2,
                                                   q: RadialBinning.logSpaced(from: 0.4, to: 5, count: 50))
        let simulator = CelluloseSimulator(settings: settings)
        let parameters = CelluloseParameters(alphaMean: 1.5, alphaStd: 0.2, powExp: 4, mu: 1, sldGRF1: 0.8,
                                             sldGRF2: 0.4, vfCrystal: 0.2, vfGRF1: 0.5, vfGRF2: 0.3)
        let first = simulator.curve(parameters, seed: 8, index: 5, workspace: simulator.makeWorkspace())
        let again = simulator.curve(parameters, seed: 8, index: 5, workspace: simulator.makeWorkspace())
        #expect(first.intensity == again.intensity)
        #expect(first.standardError == again.standardError)
        #expect(first.parameters == again.parameters)
        let otherSeed = simulator.curve(parameters, seed: 9, index: 5, workspace: simulator.makeWorkspace())
        #expect(otherSeed.intensity != first.intensity)
        let otherIndex = simulator.curve(parameters, seed: 8, index: 6, workspace: simulator.makeWorkspace())
        #expect(otherIndex.intensity != first.intensity)
        #expect(first.intensity.allSatisfy { $0 > 0 && $0.isFinite })
        #expect(first.standardError.allSatisfy { $0 > 0 })
    }

    @Test func datasetIsTheSameOnAnyNumberOfWorkers() async {
        let settings = CelluloseSimulator.Settings(grid: CrossSectionGrid(size: 64, pixelSize: 0.3), realizations: 2,
                                                   q: RadialBinning.logSpaced(from: 0.4, to: 5, count: 30))
        let one = await CelluloseDataset(count: 5, seed: 21, simulator: settings, workers: 1).generate()
        let three = await CelluloseDataset(count: 5, seed: 21, simulator: settings, workers: 3).generate()
        #expect(one.intensity == three.intensity)
        #expect(one.standardError == three.standardError)
        #expect(one.parameters == three.parameters)
        // Rows are different curves with different parameters.
        #expect(Set(one.parameters.map(\.alphaMean)).count == 5)
        #expect(one.parameters.allSatisfy { $0.surfaceArea > 0 })
    }

    @Test func priorsStayInTheirRangesAndFractionsSumToOne() {
        let priors = CellulosePriors()
        var generator = SeededGenerator(seed: 12)
        for _ in 0..<500 {
            let p = priors.draw(using: &generator)
            #expect(priors.alphaMean.contains(p.alphaMean))
            #expect(p.alphaStd >= 0 && p.alphaStd <= 0.3 * p.alphaMean)
            #expect(priors.mu.contains(p.mu) && priors.powExp.contains(p.powExp))
            #expect(abs(p.vfCrystal + p.vfGRF1 + p.vfGRF2 - 1) < 1e-12)
        }
    }
}
