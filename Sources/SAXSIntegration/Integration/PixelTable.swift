import SAXSFrames

/// What the integrator needs to know of every pixel before choosing bins: its radial position (centre, in the
/// space's base unit), its normalization, and whether it takes part at all.
struct PixelTable {
    let shape: FrameShape
    let radial: [Double]
    let normalization: [Double]
    let isValid: [Bool]

    init(geometry: Geometry, shape: FrameShape, mask: DetectorMask?, settings: IntegrationSettings) {
        let frame = LabFrame(geometry)
        let space = settings.unit.space
        self.shape = shape
        radial = geometry.mapCentres(shape: shape, precision: .double) { p1, p2 in
            frame.radial(frame.lab(p1: p1, p2: p2), space: space)
        }
        if settings.solidAngle || settings.polarization != nil {
            let solidAngle = settings.solidAngle
            let factor = settings.polarization
            normalization = geometry.mapCentres(shape: shape, precision: .double) { p1, p2 in
                var norm = solidAngle ? frame.solidAngle(p1: p1, p2: p2) : 1
                if let factor { norm *= frame.polarization(frame.lab(p1: p1, p2: p2), factor: factor) }
                return norm
            }
        } else {
            normalization = [Double](repeating: 1, count: shape.pixelCount)
        }
        // A pixel with no normalization (fully polarized beam at 2θ = 90°) carries no information.
        var isValid = mask?.isMasked.map { !$0 } ?? [Bool](repeating: true, count: shape.pixelCount)
        for pixel in isValid.indices where !(radial[pixel].isFinite && normalization[pixel] > 0) {
            isValid[pixel] = false
        }
        self.isValid = isValid
    }
}
