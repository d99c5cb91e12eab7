import Foundation

/// Scattering of a cross-section: I(q) = (a²/M) |FFT(ρ − ρ̄)|², the continuum intensity per unit area of the
/// section (nm² × SLD², with the crystals' SLD as unit) of the periodic map of M = size² pixels of side a.
///
/// With this normalisation ∫ I(q) d²q/(2π)² is the variance of the SLD map (Parseval), and the tail of a sharp
/// boundary of contrast Δρ and length per area L_A is Porod's law for sections, I(q) → 2 Δρ² L_A / q³ (the 2-D
/// transform of the correlation function's linear start γ(r) ≈ γ(0) − Δρ² L_A r/π).
public enum ScatteringSpectrum {
    /// Forward-transforms `map` (size² SLD values, overwritten with ρ − ρ̄) into `spectrum`.
    public static func transform(map: FFTWBuffer, plans: FourierPlans, into spectrum: FFTWBuffer) {
        let values = map.buffer
        let mean = sum(UnsafeBufferPointer(values)) / Double(values.count)
        for index in values.indices { values[index] -= mean }
        plans.forward(map, into: spectrum)
    }

    /// Σ over the full plane of |F_k|² / M² — equal to the variance of the map by Parseval. The half-plane
    /// storage holds every mode with kx = 1 … size/2 − 1 together with its conjugate at −k, so those count twice.
    public static func totalPower(spectrum: FFTWBuffer, size: Int) -> Double {
        let columns = size / 2 + 1
        var total = 0.0
        for row in 0..<size {
            for kx in 0..<columns {
                let index = row * columns + kx
                let power = spectrum.doubles[2 * index] * spectrum.doubles[2 * index] +
                    spectrum.doubles[2 * index + 1] * spectrum.doubles[2 * index + 1]
                total += (kx == 0 || kx == size / 2 ? 1 : 2) * power
            }
        }
        let m = Double(size * size)
        return total / (m * m)
    }

    /// Σ values, with four independent accumulators: one running sum makes every addition wait for the previous
    /// one (a 4-cycle latency chain); four let the adds overlap, and the map is summed every realization.
    static func sum(_ values: UnsafeBufferPointer<Double>) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var index = 0
        while index + 4 <= values.count {
            s0 += values[index]
            s1 += values[index + 1]
            s2 += values[index + 2]
            s3 += values[index + 3]
            index += 4
        }
        while index < values.count {
            s0 += values[index]
            index += 1
        }
        return (s0 + s1) + (s2 + s3)
    }
}

/// Radial averaging of a half-plane spectrum onto a q grid (normally log-spaced).
///
/// Point b averages the modes with |k| in a window around q_b: between the geometric mid-points to its
/// neighbours, widened where that is narrower than the lattice spacing 2π/L to [q_b − π/L, q_b + π/L], so every
/// point holds at least one ring of modes. At low q, where log-spaced points are closer than the lattice, the
/// windows of neighbouring points therefore overlap and share modes (their values are correlated there);
/// above q ≈ 2π/(L · (ratio − 1)) they are disjoint bins.
public struct RadialBinning: Sendable {
    public let grid: CrossSectionGrid
    /// Points, nm^-1.
    public let q: [Double]
    /// Half-plane spectrum indices of the modes inside the union of windows, sorted by |k|.
    let order: [Int32]
    /// Cumulative weight (1 for self-paired columns, 2 for the others) along `order`; prefix[0] = 0.
    let weightPrefix: [Double]
    /// Window of point b: order[lower[b] ..< upper[b]].
    let lower: [Int]
    let upper: [Int]

    /// `q` must be increasing, start at or above the lattice spacing and end below Nyquist.
    public init(grid: CrossSectionGrid, q: [Double]) {
        precondition(!q.isEmpty && zip(q, q.dropFirst()).allSatisfy { $0 < $1 })
        precondition(q[0] >= grid.qStep * 0.999 && q[q.count - 1] <= grid.qNyquist, "q outside what the map resolves")
        self.grid = grid
        self.q = q
        var low = [Double](repeating: 0, count: q.count)
        var high = [Double](repeating: 0, count: q.count)
        for b in q.indices {
            let previous = b > 0 ? q[b - 1] : q[b] * q[b] / (q.count > 1 ? q[1] : q[b] * 1.01)
            let next = b + 1 < q.count ? q[b + 1] : q[b] * q[b] / (q.count > 1 ? q[b - 1] : q[b] / 1.01)
            low[b] = (previous * q[b]).squareRoot()
            high[b] = (q[b] * next).squareRoot()
            if high[b] - low[b] < grid.qStep {
                low[b] = q[b] - grid.qStep / 2
                high[b] = q[b] + grid.qStep / 2
            }
        }
        let qMax = high.max()!
        let qMin = low.min()!
        let columns = grid.size / 2 + 1
        let modeQ = grid.halfPlaneQ()
        var selected: [(q: Double, index: Int32)] = []
        for (index, k) in modeQ.enumerated() where k >= qMin && k < qMax {
            selected.append((k, Int32(index)))
        }
        selected.sort { $0.q < $1.q || ($0.q == $1.q && $0.index < $1.index) }
        order = selected.map(\.index)
        var prefix = [0.0]
        prefix.reserveCapacity(selected.count + 1)
        for entry in selected {
            prefix.append(prefix[prefix.count - 1] + grid.halfPlaneWeight(column: Int(entry.index) % columns))
        }
        weightPrefix = prefix
        let sortedQ = selected.map(\.q)
        func firstIndex(notBelow value: Double) -> Int {
            var lo = 0, hi = sortedQ.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sortedQ[mid] < value { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        lower = low.map { firstIndex(notBelow: $0) }
        upper = high.map { firstIndex(notBelow: $0) }
        for b in q.indices { precondition(upper[b] > lower[b], "no modes in the window of q = \(q[b])") }
    }

    /// Number of distinct modes (counting ±k once) averaged into each point.
    public var modeCounts: [Double] {
        q.indices.map { (weightPrefix[upper[$0]] - weightPrefix[lower[$0]]) / 2 }
    }

    /// I(q) at every point from a half-plane spectrum |F_k|², normalised as `ScatteringSpectrum` says.
    public func intensity(spectrum: FFTWBuffer) -> [Double] {
        let m = Double(grid.pixelCount)
        let scale = grid.pixelSize * grid.pixelSize / m
        let powers = spectrum.doubles
        let columns = grid.size / 2 + 1
        var prefix = [Double](repeating: 0, count: order.count + 1)
        order.withUnsafeBufferPointer { o in
            prefix.withUnsafeMutableBufferPointer { p in
                var running = 0.0
                for position in o.indices {
                    let index = Int(o[position])
                    let re = powers[2 * index], im = powers[2 * index + 1]
                    running += grid.halfPlaneWeight(column: index % columns) * (re * re + im * im)
                    p[position + 1] = running
                }
            }
        }
        return q.indices.map { b in
            let power = prefix[upper[b]] - prefix[lower[b]]
            let weight = weightPrefix[upper[b]] - weightPrefix[lower[b]]
            return scale * power / weight
        }
    }

    /// The same average of expected mode intensities given in the half-plane layout of a transform (size ×
    /// (size/2 + 1), e.g. the transform of an analytic correlation function), for comparing theory with
    /// simulations point by point.
    public func average(halfPlane values: [Double]) -> [Double] {
        precondition(values.count == grid.size * (grid.size / 2 + 1))
        let columns = grid.size / 2 + 1
        var prefix = [0.0]
        prefix.reserveCapacity(order.count + 1)
        for position in order.indices {
            let index = Int(order[position])
            prefix.append(prefix[position] + grid.halfPlaneWeight(column: index % columns) * values[index])
        }
        return q.indices.map { b in
            (prefix[upper[b]] - prefix[lower[b]]) / (weightPrefix[upper[b]] - weightPrefix[lower[b]])
        }
    }

    /// `count` points log-spaced from `lower` to `upper` (both included).
    public static func logSpaced(from lower: Double, to upper: Double, count: Int) -> [Double] {
        precondition(lower > 0 && upper > lower && count >= 2)
        let step = Foundation.log(upper / lower) / Double(count - 1)
        // The last point is set, not computed: exp(log(upper/lower)) × lower misses upper in the last bits.
        return (0..<count).map { $0 == count - 1 ? upper : lower * Foundation.exp(step * Double($0)) }
    }
}
