/// `count` equal bins from `lower` to `upper`, in the base unit of a radial space (see `RadialUnit.Space`).
struct RadialBinning: Sendable, Hashable {
    let lower: Double
    let width: Double
    let count: Int

    /// pyFAI widens the upper edge by one single-precision ulp so that the outermost pixel falls inside the
    /// last bin instead of on its open edge.
    static let upperWidening = 1 + 0x1p-23

    init(lower: Double, highest: Double, count: Int) throws(IntegrationError) {
        let upper = highest * Self.upperWidening
        guard lower.isFinite, upper.isFinite, upper > lower else {
            throw IntegrationError(.noValidPixels, "the valid pixels span no radial range (\(lower) to \(highest))")
        }
        self.lower = lower
        self.width = (upper - lower) / Double(count)
        self.count = count
    }

    /// Position in bins from the lower edge: bin i covers [i, i+1).
    @inline(__always)
    func fractionalBin(_ position: Double) -> Double {
        (position - lower) / width
    }

    /// The bin holding `position`, clamped to the range.
    @inline(__always)
    func bin(_ position: Double) -> Int {
        min(max(Int(fractionalBin(position)), 0), count - 1)
    }

    /// Bin centres, multiplied by `scale` to go from the base unit to the output unit.
    func centres(scale: Double) -> [Double] {
        (0..<count).map { (lower + (Double($0) + 0.5) * width) * scale }
    }
}
