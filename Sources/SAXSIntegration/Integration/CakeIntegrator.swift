import SAXSFrames

/// Integrates frames into a cake I(q, χ): radial bins as a `RadialIntegrator` lays them out, times azimuthal
/// bins over the whole ring (or the settings' azimuth range). Oriented samples such as fibres show their
/// anisotropy here before any model is chosen.
public struct CakeIntegrator: Sendable {
    let engine: IntegrationEngine
    public let radialPositions: [Double]
    /// Azimuthal bin centres, degrees of pyFAI's chi.
    public let azimuthPositions: [Double]

    public init(geometry: Geometry, shape: FrameShape, mask: DetectorMask? = nil,
                settings: IntegrationSettings = IntegrationSettings(), azimuthBins: Int = 360,
                corrections: PixelCorrections = PixelCorrections(),
                cache: MatrixCache? = nil) throws(IntegrationError) {
        try self.init(setup: DetectorSetup(geometry: geometry, shape: shape, mask: mask, corrections: corrections),
                      settings: settings, azimuthBins: azimuthBins, cache: cache)
    }

    /// A cake integrator sharing `setup`'s pixel maps with the other integrators built from it.
    public init(setup: DetectorSetup, settings: IntegrationSettings = IntegrationSettings(), azimuthBins: Int = 360,
                cache: MatrixCache? = nil) throws(IntegrationError) {
        let axis = try AzimuthalAxis(range: settings.azimuthRange, bins: azimuthBins, split: settings.split)
        engine = try IntegrationEngine(setup: setup, settings: settings, radialBins: settings.npt, azimuth: axis.bins,
                                       cache: cache)
        radialPositions = engine.radial.centres(scale: settings.unit.scale)
        azimuthPositions = axis.centres
    }

    public var settings: IntegrationSettings { engine.settings }

    public func integrate(_ frame: Frame) throws(IntegrationError) -> Cake {
        let (intensity, sigma, count) = try engine.integrate(frame)
        return Cake(unit: settings.unit, radial: radialPositions, azimuth: azimuthPositions, intensity: intensity,
                    sigma: sigma, count: count)
    }
}

/// The azimuthal bins of a cake or an azimuthal profile: the settings' sector, or the whole ring from
/// chi = -180°.
struct AzimuthalAxis {
    let bins: BinAxis
    let centres: [Double]

    init(range: AzimuthRange?, bins count: Int, split: PixelSplitting) throws(IntegrationError) {
        guard (1...100_000).contains(count) else {
            throw IntegrationError(.invalidSettings, "the number of azimuthal bins must lie in 1...100000, got \(count)")
        }
        guard split != .full else {
            throw IntegrationError(.unsupported, "full pixel splitting works on whole rings; use bbox for azimuthal bins")
        }
        let range = range ?? .fullCircle
        bins = BinAxis(degrees: range, count: count)
        centres = bins.centres(scale: 180 / .pi)
    }
}
