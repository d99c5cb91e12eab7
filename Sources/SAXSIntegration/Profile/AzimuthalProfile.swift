/// Intensity against the azimuth chi over one radial band: how the scattering of an oriented sample is spread
/// around the ring.
public struct AzimuthalProfile: Sendable, Hashable, Codable {
    public var unit: RadialUnit
    /// The radial band integrated over, in `unit`.
    public var band: ClosedRange<Double>
    /// Bin centres in degrees of pyFAI's chi.
    public var azimuth: [Double]
    public var intensity: [Double]
    public var sigma: [Double]
    /// Σ c over the valid pixels of each bin; 0 marks an empty bin.
    public var count: [Double]

    public init(unit: RadialUnit, band: ClosedRange<Double>, azimuth: [Double], intensity: [Double], sigma: [Double],
                count: [Double]) {
        precondition(intensity.count == azimuth.count && sigma.count == azimuth.count && count.count == azimuth.count,
                     "azimuthal profile columns must have one value per bin")
        self.unit = unit
        self.band = band
        self.azimuth = azimuth
        self.intensity = intensity
        self.sigma = sigma
        self.count = count
    }
}
