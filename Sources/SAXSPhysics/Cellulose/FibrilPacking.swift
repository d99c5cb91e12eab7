import Foundation

/// Crystalline fibril cross-sections packed without overlap into bundles, as cellulose microfibrils aggregate in
/// the cell wall (the seed's figure of fibril aggregates).
///
/// Each crystal is a square of half-side α (the seed's "half-size"; cellulose Iβ elementary fibrils are close to
/// square in section) with α drawn from N(α_mean, α_std) truncated to [max(1.5 px, α_mean − 4σ), α_mean + 4σ],
/// oriented as its bundle, whose angle is uniform. Random orientation matters twice: the radially averaged
/// scattering of grid-aligned squares would carry the grid's anisotropy, and the digitization correction of the
/// measured boundary length assumes boundaries with isotropically distributed directions.
///
/// Aggregation: bundle centres, each with its own orientation, are seeded uniformly over the periodic box, one
/// per `crystalsPerBundle` crystals expected, and crystals are dealt to the bundles in turn. A bundle's first
/// crystal sits at its centre; every later one is proposed face to face with a random member of its bundle,
/// nearly co-aligned with it (orientation jitter 0.05 rad), the minimum gap to 1.5 times it apart and slid along
/// the face by up to 0.4 half-sides, so bundles grow as compact, locally ordered aggregates (as microfibril
/// aggregates in the cell wall are) and reach fractions that random placement of squares cannot (it jams near
/// 0.5). Orientations are isotropic over bundles. A crystal that does not fit at its bundle after `attempts`
/// proposals is tried at uniform random positions; after 20 crystals in a row that fit nowhere the box is full
/// and packing stops (the realized fraction is then below the request, which the caller sees). Crystals are
/// added while adding one brings the digitized crystal area closer to the target, so the realized fraction is
/// within half a crystal's area of it.
public struct FibrilPacking: Sendable, Hashable, Codable {
    /// Mean number of crystals per bundle. Not one of the data set's parameters: cellulose microfibril aggregates
    /// seen in wood hold some 4–20 elementary fibrils.
    public var crystalsPerBundle: Double = 12
    /// Smallest distance between two crystals (nm): the hemicellulose and water layer that keeps fibrils apart in
    /// an aggregate (centre distances of ~3 nm fibrils in wood aggregates are 3.5–4 nm). Neighbours in a bundle
    /// end up 1–1.5 times this apart: 3–5 pixels of the default grid, so digitized neighbours never merge.
    /// Such thin layers scatter like boundaries only at q ≳ 1/gap; below that their two sides cancel.
    public var minimumGap: Double = 0.5
    /// Proposals around the bundle before a crystal is tried at random positions.
    public var attempts: Int = 60

    public init(crystalsPerBundle: Double = 12, minimumGap: Double = 0.5, attempts: Int = 60) {
        self.crystalsPerBundle = crystalsPerBundle
        self.minimumGap = minimumGap
        self.attempts = attempts
    }

    public struct Crystal: Sendable, Hashable {
        /// Centre, nm, in [0, L).
        public var x: Double
        public var y: Double
        /// Half-side α, nm.
        public var halfSize: Double
        /// Rotation, radians.
        public var angle: Double

        public init(x: Double, y: Double, halfSize: Double, angle: Double) {
            self.x = x
            self.y = y
            self.halfSize = halfSize
            self.angle = angle
        }
    }

    /// Places crystals on `grid` until their digitized area reaches `fraction` of the map and marks their pixels
    /// `crystalLabel` in `labels` (which must hold some other value everywhere). Returns the crystals.
    public func pack(fraction: Double, alphaMean: Double, alphaStd: Double, grid: CrossSectionGrid,
                     labels: inout [UInt8], crystalLabel: UInt8, generator: inout SeededGenerator) -> [Crystal] {
        guard fraction > 0 else { return [] }
        let length = grid.length
        let minimumAlpha = max(1.5 * grid.pixelSize, alphaMean - 4 * alphaStd)
        let maximumAlpha = max(minimumAlpha, alphaMean + 4 * alphaStd)
        let targetPixels = fraction * Double(grid.pixelCount)
        let meanArea = 4 * (alphaMean * alphaMean + alphaStd * alphaStd)
        let expectedCount = fraction * length * length / meanArea
        let bundleCount = max(1, Int((expectedCount / crystalsPerBundle).rounded()))
        let bundles = (0..<bundleCount).map { _ in
            (x: generator.uniform(0, length), y: generator.uniform(0, length), angle: generator.uniform(0, .pi / 2))
        }
        var members = [[Int]](repeating: [], count: bundleCount)

        var neighbours = NeighbourCells(length: length, reach: 2 * maximumAlpha * 2.0.squareRoot() + 2 * minimumGap)
        var crystals: [Crystal] = []
        var pixels = 0
        var next = 0
        var failures = 0
        while failures < 20 {
            var alpha = alphaMean + alphaStd * generator.normal()
            var redraws = 0
            while (alpha < minimumAlpha || alpha > maximumAlpha) && redraws < 100 {
                alpha = alphaMean + alphaStd * generator.normal()
                redraws += 1
            }
            alpha = min(max(alpha, minimumAlpha), maximumAlpha)
            // Stop when this crystal would take the area further from the target than it is now.
            let area = 4 * alpha * alpha / (grid.pixelSize * grid.pixelSize)
            if Double(pixels) + area / 2 > targetPixels { break }
            let bundle = next % bundleCount
            next += 1
            var placed: Crystal?
            for attempt in 0..<(2 * attempts) {
                var candidate = Crystal(x: 0, y: 0, halfSize: alpha, angle: 0)
                if attempt < attempts, members[bundle].isEmpty {
                    // The bundle's first crystal: at its centre, or near it when that is taken.
                    let (gx, gy) = generator.normalPair()
                    let spread = Double(attempt) * alphaMean
                    candidate.x = wrap(bundles[bundle].x + spread * gx, length)
                    candidate.y = wrap(bundles[bundle].y + spread * gy, length)
                    candidate.angle = bundles[bundle].angle + 0.05 * generator.normal()
                } else if attempt < attempts {
                    // Face to face with a member, a gap of 1–1.5 × the minimum apart, nearly co-aligned and
                    // slightly offset along the face, as fibrils in an aggregate.
                    let member = crystals[members[bundle][Int(generator.next() % UInt64(members[bundle].count))]]
                    let side = Double(generator.next() % 4) * .pi / 2
                    let direction = member.angle + side
                    let distance = member.halfSize + alpha + minimumGap * generator.uniform(1, 1.5)
                    let slide = member.halfSize * generator.uniform(-0.4, 0.4)
                    candidate.x = wrap(member.x + distance * Foundation.cos(direction) - slide * Foundation.sin(direction), length)
                    candidate.y = wrap(member.y + distance * Foundation.sin(direction) + slide * Foundation.cos(direction), length)
                    candidate.angle = member.angle + 0.05 * generator.normal()
                } else {
                    // The bundle is walled in: anywhere free.
                    candidate.x = generator.uniform(0, length)
                    candidate.y = generator.uniform(0, length)
                    candidate.angle = generator.uniform(0, .pi / 2)
                }
                if !neighbours.overlaps(candidate, crystals: crystals, gap: minimumGap) {
                    placed = candidate
                    break
                }
            }
            guard let crystal = placed else {
                failures += 1
                continue
            }
            failures = 0
            neighbours.insert(crystals.count, crystal)
            members[bundle].append(crystals.count)
            crystals.append(crystal)
            pixels += Self.rasterize(crystal, grid: grid, labels: &labels, label: crystalLabel)
        }
        return crystals
    }

    private func wrap(_ value: Double, _ length: Double) -> Double {
        let wrapped = value - length * (value / length).rounded(.down)
        return wrapped < length ? wrapped : 0
    }

    /// Marks the pixels whose centres lie inside the crystal (periodically wrapped); returns how many were newly
    /// marked.
    @discardableResult
    public static func rasterize(_ crystal: Crystal, grid: CrossSectionGrid, labels: inout [UInt8], label: UInt8) -> Int {
        let a = grid.pixelSize
        let n = grid.size
        let reach = crystal.halfSize * 2.0.squareRoot()
        let cosine = Foundation.cos(crystal.angle), sine = Foundation.sin(crystal.angle)
        // Pixel (i, j) has its centre at ((i + ½)a, (j + ½)a).
        let firstColumn = Int(((crystal.x - reach) / a - 0.5).rounded(.down))
        let lastColumn = Int(((crystal.x + reach) / a - 0.5).rounded(.up))
        let firstRow = Int(((crystal.y - reach) / a - 0.5).rounded(.down))
        let lastRow = Int(((crystal.y + reach) / a - 0.5).rounded(.up))
        var marked = 0
        for row in firstRow...lastRow {
            let dy = (Double(row) + 0.5) * a - crystal.y
            let wrappedRow = ((row % n) + n) % n
            for column in firstColumn...lastColumn {
                let dx = (Double(column) + 0.5) * a - crystal.x
                let u = dx * cosine + dy * sine
                let v = -dx * sine + dy * cosine
                guard abs(u) <= crystal.halfSize, abs(v) <= crystal.halfSize else { continue }
                let index = wrappedRow * n + ((column % n) + n) % n
                if labels[index] != label {
                    labels[index] = label
                    marked += 1
                }
            }
        }
        return marked
    }

    /// Whether two squares, each grown by half the gap, overlap, by the separating-axis theorem (two convex
    /// polygons are disjoint exactly when their projections on one of their edge normals are).
    static func overlap(_ p: Crystal, _ r: Crystal, dx: Double, dy: Double, gap: Double) -> Bool {
        let distance2 = dx * dx + dy * dy
        let outer = (p.halfSize + r.halfSize) * 2.0.squareRoot() + gap
        if distance2 >= outer * outer { return false }
        let inner = p.halfSize + r.halfSize + gap
        if distance2 < inner * inner { return true }
        let hp = p.halfSize + gap / 2, hr = r.halfSize + gap / 2
        let axes = [(Foundation.cos(p.angle), Foundation.sin(p.angle)), (-Foundation.sin(p.angle), Foundation.cos(p.angle)),
                    (Foundation.cos(r.angle), Foundation.sin(r.angle)), (-Foundation.sin(r.angle), Foundation.cos(r.angle))]
        for (nx, ny) in axes {
            let extentP = hp * (abs(nx * axes[0].0 + ny * axes[0].1) + abs(nx * axes[1].0 + ny * axes[1].1))
            let extentR = hr * (abs(nx * axes[2].0 + ny * axes[2].1) + abs(nx * axes[3].0 + ny * axes[3].1))
            if abs(nx * dx + ny * dy) >= extentP + extentR { return false }
        }
        return true
    }
}

/// Crystals binned into square cells at least as wide as the largest centre distance at which two crystals can
/// touch, so an overlap test looks at the 3 × 3 cells around a candidate instead of every crystal.
struct NeighbourCells {
    let length: Double
    let cells: Int
    let cellSize: Double
    var members: [[Int]]

    init(length: Double, reach: Double) {
        self.length = length
        cells = max(1, Int((length / reach).rounded(.down)))
        cellSize = length / Double(cells)
        members = Array(repeating: [], count: cells * cells)
    }

    private func cell(_ x: Double, _ y: Double) -> (Int, Int) {
        (min(cells - 1, Int(x / cellSize)), min(cells - 1, Int(y / cellSize)))
    }

    mutating func insert(_ index: Int, _ crystal: FibrilPacking.Crystal) {
        let (i, j) = cell(crystal.x, crystal.y)
        members[j * cells + i].append(index)
    }

    func overlaps(_ candidate: FibrilPacking.Crystal, crystals: [FibrilPacking.Crystal], gap: Double) -> Bool {
        let (i, j) = cell(candidate.x, candidate.y)
        // Fewer than three cells per side: the 3 × 3 neighbourhood would visit cells twice; look at all.
        let offsets = cells < 3 ? Array(0..<cells) : [-1, 0, 1]
        for oj in offsets {
            for oi in offsets {
                let ci = cells < 3 ? oi : (i + oi + cells) % cells
                let cj = cells < 3 ? oj : (j + oj + cells) % cells
                for member in members[cj * cells + ci] {
                    let other = crystals[member]
                    // Minimum image: the nearest periodic copy.
                    var dx = other.x - candidate.x
                    var dy = other.y - candidate.y
                    dx -= length * (dx / length).rounded()
                    dy -= length * (dy / length).rounded()
                    if FibrilPacking.overlap(candidate, other, dx: dx, dy: dy, gap: gap) { return true }
                }
            }
        }
        return false
    }
}
