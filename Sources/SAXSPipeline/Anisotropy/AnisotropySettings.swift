import SAXSIntegration

/// What the pipeline measures of a frame's anisotropy beside its main profile: profiles over azimuthal sectors,
/// the azimuthal profile I(chi) over one radial band with Hermans' orientation parameter, and the cake I(q, chi).
/// All off by default: each costs an integration matrix of its own, and isotropic samples need none of them.
public struct AnisotropySettings: Sendable, Hashable {
    /// Sectors of chi in degrees, one extra profile each, with the main profile's radial bins.
    public var sectors: [AzimuthRange]
    /// The radial band of the azimuthal profile, in the integration unit; nil for no azimuthal profile and no
    /// orientation.
    public var band: ClosedRange<Double>?
    /// Azimuthal bins of the azimuthal profile over the whole ring. An even number lets bins hidden by the mask
    /// take the value of the bin opposite.
    public var azimuthBins: Int
    /// The direction (degrees of chi) the orientation is measured from; nil for the direction of the strongest
    /// scattering.
    public var orientationReference: Double?
    public var orientationBaseline: OrientationBaseline
    /// Write the cake as a FITS file of its own.
    public var cake: Bool
    public var cakeRadialBins: Int
    public var cakeAzimuthBins: Int

    /// The cake's bins default to pyFAI's `integrate2d` defaults (100 radial, 360 azimuthal).
    public init(sectors: [AzimuthRange] = [], band: ClosedRange<Double>? = nil, azimuthBins: Int = 360,
                orientationReference: Double? = nil, orientationBaseline: OrientationBaseline = .none,
                cake: Bool = false, cakeRadialBins: Int = 100, cakeAzimuthBins: Int = 360) {
        self.sectors = sectors
        self.band = band
        self.azimuthBins = azimuthBins
        self.orientationReference = orientationReference
        self.orientationBaseline = orientationBaseline
        self.cake = cake
        self.cakeRadialBins = cakeRadialBins
        self.cakeAzimuthBins = cakeAzimuthBins
    }

    /// True when nothing beyond the main profile is asked for.
    public var isEmpty: Bool { sectors.isEmpty && band == nil && !cake }
}
