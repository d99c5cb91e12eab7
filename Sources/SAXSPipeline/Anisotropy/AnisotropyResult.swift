import SAXSIntegration

/// What one frame gave beside its main profile, as `AnisotropySettings` asked.
public struct AnisotropyResult: Sendable {
    /// One profile per configured sector, in the configuration's order.
    public var sectors: [Profile]
    public var azimuthal: AzimuthalProfile?
    /// Nil without an azimuthal profile, or when too few of its bins hold intensity.
    public var orientation: OrientationParameter?
    public var cake: Cake?
}
