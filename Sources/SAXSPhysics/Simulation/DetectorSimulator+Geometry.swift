import SAXSFrames
import SAXSIntegration

extension DetectorSimulator {
    /// The simulator of a detector in `geometry`: q and χ of every pixel, solid angle × polarization (factor
    /// `polarization`, 0 for none), the Pilatus module gaps where the shape tiles into modules, and a beamstop
    /// shadowing q below `beamstopQ` (nm⁻¹) with its arm along χ = 90°.
    public init(geometry: Geometry, shape: FrameShape, polarization: Double, beamstopQ: Double?) throws(GeometryError) {
        var factor = try geometry.solidAngleMap(shape: shape)
        let polarized = try geometry.polarizationMap(shape: shape, factor: polarization)
        for i in factor.indices { factor[i] *= polarized[i] }
        let q = try geometry.radialMap(shape: shape, unit: .qNm)
        // The χ map is in radians, as pyFAI's; orientation and beamstop speak degrees.
        let chi = try geometry.chiMap(shape: shape).map { $0 * 180 / Double.pi }
        let beamstop = beamstopQ.map { Self.beamstop(q: q, chi: chi, below: $0, armWidthQ: $0 / 2) }
        self.init(shape: shape, q: q, factor: factor, chi: chi, beamstop: beamstop, wavelength: geometry.wavelength,
                  distance: geometry.distance)
    }

    /// Pixels a mask should leave out: the gaps and the beamstop's shadow.
    public var maskedPixels: [Bool] { zip(gaps, beamstop).map { $0 || $1 } }
}
