import SAXSFrames

/// Integrates frames into an azimuthal profile I(χ) over one band of the radial coordinate, such as the ring of
/// a fibre's equatorial streak: the input of orientation analysis.
public struct AzimuthalIntegrator: Sendable {
    let engine: IntegrationEngine
    /// The radial band, in `settings.unit`.
    public let band: ClosedRange<Double>
    /// Azimuthal bin centres, degrees of pyFAI's chi.
    public let azimuthPositions: [Double]

    /// `settings` gives the unit, splitting, corrections and an optional sector; its radial bins are replaced by
    /// the one band.
    public init(geometry: Geometry, shape: FrameShape, mask: DetectorMask? = nil,
                settings: IntegrationSettings = IntegrationSettings(), band: ClosedRange<Double>, azimuthBins: Int = 360,
                corrections: PixelCorrections = PixelCorrections(),
                cache: MatrixCache? = nil) throws(IntegrationError) {
        try self.init(setup: DetectorSetup(geometry: geometry, shape: shape, mask: mask, corrections: corrections),
                      settings: settings, band: band, azimuthBins: azimuthBins, cache: cache)
    }

    /// An azimuthal integrator sharing `setup`'s pixel maps with the other integrators built from it.
    public init(setup: DetectorSetup, settings: IntegrationSettings = IntegrationSettings(), band: ClosedRange<Double>,
                azimuthBins: Int = 360, cache: MatrixCache? = nil) throws(IntegrationError) {
        var banded = settings
        banded.npt = 1
        banded.radialRange = band
        banded.spacing = .linear
        let axis = try AzimuthalAxis(range: settings.azimuthRange, bins: azimuthBins, split: settings.split)
        engine = try IntegrationEngine(setup: setup, settings: banded, radialBins: 1, azimuth: axis.bins, cache: cache)
        self.band = band
        azimuthPositions = axis.centres
    }

    public var settings: IntegrationSettings { engine.settings }

    public func integrate(_ frame: Frame) throws(IntegrationError) -> AzimuthalProfile {
        let (intensity, sigma, count) = try engine.integrate(frame)
        return AzimuthalProfile(unit: settings.unit, band: band, azimuth: azimuthPositions, intensity: intensity,
                                sigma: sigma, count: count)
    }
}
