#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `count` bins from `lower` to `upper` in the base unit of a space (see `RadialUnit.Space`; radians for chi),
/// with equal widths or equal ratios between edges.
struct BinAxis: Sendable, Hashable {
    let lower: Double
    let upper: Double
    let count: Int
    let spacing: BinSpacing
    /// Width of a bin in the axis' own coordinate: the value itself (linear) or its logarithm (log).
    let width: Double

    /// pyFAI widens the upper edge by one single-precision ulp so that the outermost pixel falls inside the
    /// last bin instead of on its open edge.
    static let upperWidening = 1 + 0x1p-23

    init(lower: Double, highest: Double, count: Int, spacing: BinSpacing = .linear) throws(IntegrationError) {
        let upper = highest * Self.upperWidening
        guard lower.isFinite, upper.isFinite, upper > lower, spacing == .linear || lower > 0 else {
            throw IntegrationError(.noValidPixels, "the valid pixels span no radial range (\(lower) to \(highest))")
        }
        self.lower = lower
        self.upper = upper
        self.count = count
        self.spacing = spacing
        width = spacing == .linear ? (upper - lower) / Double(count) : log(upper / lower) / Double(count)
    }

    /// An axis over exactly `lower ..< upper`, for azimuthal sectors: no widening, since chi wraps around.
    init(exactly lower: Double, _ upper: Double, count: Int) {
        self.lower = lower
        self.upper = upper
        self.count = count
        spacing = .linear
        width = (upper - lower) / Double(count)
    }

    /// Position in bins from the lower edge: bin i covers [i, i+1).
    @inline(__always)
    func fractionalBin(_ position: Double) -> Double {
        switch spacing {
        case .linear: (position - lower) / width
        case .log: position > 0 ? log(position / lower) / width : -.infinity
        }
    }

    /// The bin holding `position`, clamped to the range.
    @inline(__always)
    func bin(_ position: Double) -> Int {
        let fraction = fractionalBin(position)
        return fraction >= 0 ? min(Int(fraction), count - 1) : 0
    }

    /// The lower edge of bin `index` (`count` gives the upper edge of the last bin).
    @inline(__always)
    func edge(_ index: Int) -> Double {
        switch spacing {
        case .linear: lower + Double(index) * width
        case .log: lower * exp(Double(index) * width)
        }
    }

    /// Bin centres, multiplied by `scale` to go from the base unit to the output unit: the arithmetic mean of
    /// the edges for linear bins, the geometric mean for log bins (the centre on a log axis).
    func centres(scale: Double) -> [Double] {
        switch spacing {
        case .linear: (0..<count).map { (lower + (Double($0) + 0.5) * width) * scale }
        case .log: (0..<count).map { lower * exp((Double($0) + 0.5) * width) * scale }
        }
    }

    /// Shares the interval [start, end] among the bins it overlaps in proportion to the overlap, after clipping
    /// it to the axis: the part inside takes the whole pixel. (pyFAI 2026.9's CSR engines instead give the part
    /// beyond a range edge to the edge bin, so edge bins of a radial range differ from pyFAI's by design.)
    /// Returns false when nothing of it lies on the axis.
    func split(_ start: Double, _ end: Double, into entries: inout AxisEntries) -> Bool {
        entries.removeAll()
        let low = max(start, lower)
        let high = min(end, upper)
        guard high >= low else { return false }
        switch spacing {
        case .linear:
            let from = (low - lower) / width
            let to = (high - lower) / width
            let first = min(max(Int(from), 0), count - 1)
            let last = min(Int(to), count - 1)
            if first >= last {
                entries.append(first, 1)
                return true
            }
            let perBin = 1 / (to - from)
            entries.append(first, perBin * (Double(first + 1) - from))
            for bin in (first + 1)..<last {
                entries.append(bin, perBin)
            }
            entries.append(last, perBin * (to - Double(last)))
        case .log:
            let first = bin(low)
            let last = bin(high)
            if first >= last {
                entries.append(first, 1)
                return true
            }
            let length = high - low
            for bin in first...last {
                entries.append(bin, (min(high, edge(bin + 1)) - max(low, edge(bin))) / length)
            }
        }
        return true
    }
}

/// The bins one pixel reaches along one axis, with the fraction of the pixel each receives. Reused from pixel
/// to pixel so that building a matrix allocates per thread, not per pixel.
struct AxisEntries {
    private(set) var bins: [Int] = []
    private(set) var weights: [Double] = []

    var count: Int { bins.count }

    mutating func removeAll() {
        bins.removeAll(keepingCapacity: true)
        weights.removeAll(keepingCapacity: true)
    }

    mutating func append(_ bin: Int, _ weight: Double) {
        bins.append(bin)
        weights.append(weight)
    }

    /// Adds to the bin's weight, appending it when new: an arc that wraps round the circle can reach one
    /// bin from both ends.
    mutating func add(_ bin: Int, _ weight: Double) {
        if let index = bins.firstIndex(of: bin) {
            weights[index] += weight
        } else {
            append(bin, weight)
        }
    }

    mutating func scale(by factor: Double) {
        for index in weights.indices { weights[index] *= factor }
    }
}

extension BinAxis {
    /// Azimuthal bins over a sector given in degrees, in radians of chi.
    init(degrees range: AzimuthRange, count: Int) {
        self.init(exactly: range.lower * .pi / 180, range.upper * .pi / 180, count: count)
    }
}

extension BinAxis {
    /// An axis as stored, for matrices read back from the cache.
    init(lower: Double, upper: Double, count: Int, spacing: BinSpacing, width: Double) {
        self.lower = lower
        self.upper = upper
        self.count = count
        self.spacing = spacing
        self.width = width
    }
}
