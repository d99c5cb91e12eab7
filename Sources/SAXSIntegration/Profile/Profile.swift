/// A radially integrated frame: one row per bin, with the bins that received no valid pixel kept in place
/// (intensity and sigma 0, count 0) so that profiles of one integrator line up bin for bin.
public struct Profile: Sendable, Hashable, Codable {
    public var unit: RadialUnit
    /// Bin centres in `unit`.
    public var radial: [Double]
    /// Corrected mean intensity, Σ c·raw / Σ c·norm.
    public var intensity: [Double]
    /// Standard error of `intensity` under the integrator's error model.
    public var sigma: [Double]
    /// Σ c over the valid pixels of the bin: the number of pixels it averages, fractional with pixel splitting.
    public var count: [Double]

    public init(unit: RadialUnit, radial: [Double], intensity: [Double], sigma: [Double], count: [Double]) {
        precondition(intensity.count == radial.count && sigma.count == radial.count && count.count == radial.count,
                     "profile columns must have one value per bin")
        self.unit = unit
        self.radial = radial
        self.intensity = intensity
        self.sigma = sigma
        self.count = count
    }

    public var binCount: Int { radial.count }

    /// Indices of the bins that received at least part of a valid pixel.
    public var nonEmptyBins: [Int] { count.indices.filter { count[$0] > 0 } }

    /// The same profile without its empty bins: what `.saxs.dat` files and model fits use.
    public func nonEmpty() -> Profile {
        let keep = nonEmptyBins
        return Profile(unit: unit, radial: keep.map { radial[$0] }, intensity: keep.map { intensity[$0] },
                       sigma: keep.map { sigma[$0] }, count: keep.map { count[$0] })
    }

    /// Centres of the first and last non-empty bins; nil when every bin is empty.
    public var radialRange: ClosedRange<Double>? {
        guard let first = count.firstIndex(where: { $0 > 0 }), let last = count.lastIndex(where: { $0 > 0 }) else {
            return nil
        }
        return radial[first]...radial[last]
    }
}
