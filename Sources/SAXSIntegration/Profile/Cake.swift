/// A frame integrated into radial × azimuthal bins. Values are stored azimuth-major: the bin at azimuthal index
/// a and radial index r is `a * radial.count + r`, so each azimuthal slice is a contiguous radial profile.
public struct Cake: Sendable, Hashable, Codable {
    public var unit: RadialUnit
    /// Radial bin centres in `unit`.
    public var radial: [Double]
    /// Azimuthal bin centres in degrees of pyFAI's chi.
    public var azimuth: [Double]
    public var intensity: [Double]
    public var sigma: [Double]
    /// Σ c over the valid pixels of each bin; 0 marks an empty bin.
    public var count: [Double]

    public init(unit: RadialUnit, radial: [Double], azimuth: [Double], intensity: [Double], sigma: [Double],
                count: [Double]) {
        let bins = radial.count * azimuth.count
        precondition(intensity.count == bins && sigma.count == bins && count.count == bins,
                     "cake values must have one entry per (azimuth, radial) bin")
        self.unit = unit
        self.radial = radial
        self.azimuth = azimuth
        self.intensity = intensity
        self.sigma = sigma
        self.count = count
    }

    /// The radial profile of one azimuthal bin.
    public func slice(_ azimuthIndex: Int) -> Profile {
        let range = (azimuthIndex * radial.count)..<((azimuthIndex + 1) * radial.count)
        return Profile(unit: unit, radial: radial, intensity: Array(intensity[range]), sigma: Array(sigma[range]),
                       count: Array(count[range]))
    }
}
