import SAXSFrames

/// Integrates frames of one detector set-up into radial profiles I(q), over whole rings or over the sector the
/// settings' azimuth range gives.
///
/// Built once per (geometry, frame shape, mask, flat field, settings), like MAX IV's azint: all geometry, the
/// static mask, the pixel splitting and the solid-angle, polarization and flat-field corrections go into one
/// sparse matrix, so that integrating a frame is a single pass over it. Immutable and `Sendable`: worker threads
/// share one.
public struct RadialIntegrator: Sendable {
    let engine: IntegrationEngine
    /// Bin centres in `settings.unit`, one per bin.
    public let radialPositions: [Double]

    public init(geometry: Geometry, shape: FrameShape, mask: DetectorMask? = nil,
                settings: IntegrationSettings = IntegrationSettings(),
                corrections: PixelCorrections = PixelCorrections(),
                cache: MatrixCache? = nil) throws(IntegrationError) {
        try self.init(setup: DetectorSetup(geometry: geometry, shape: shape, mask: mask, corrections: corrections),
                      settings: settings, cache: cache)
    }

    /// An integrator sharing `setup`'s pixel maps with the other integrators built from it.
    public init(setup: DetectorSetup, settings: IntegrationSettings = IntegrationSettings(),
                cache: MatrixCache? = nil) throws(IntegrationError) {
        let sector = settings.azimuthRange.flatMap { $0.isFullCircle ? nil : $0 }
        engine = try IntegrationEngine(setup: setup, settings: settings, radialBins: settings.npt,
                                       azimuth: sector.map { BinAxis(degrees: $0, count: 1) }, cache: cache)
        radialPositions = engine.radial.centres(scale: settings.unit.scale)
    }

    public var geometry: Geometry { engine.geometry }
    public var shape: FrameShape { engine.shape }
    public var settings: IntegrationSettings { engine.settings }

    /// Number of stored (pixel, bin) weights: the work done per frame.
    public var elementCount: Int { engine.matrix.elementCount }

    /// Integrates one frame. Pixels that are NaN or infinite, that hold the detector's invalid values or the
    /// settings' dummy value are left out of this frame only; the static mask is already in the matrix.
    public func integrate(_ frame: Frame) throws(IntegrationError) -> Profile {
        let (intensity, sigma, count) = try engine.integrate(frame)
        return Profile(unit: settings.unit, radial: radialPositions, intensity: intensity, sigma: sigma, count: count)
    }
}
