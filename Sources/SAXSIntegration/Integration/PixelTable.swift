import SAXSFrames

/// What the integrator needs to know of every pixel before choosing bins: its radial position (centre and
/// bounding-box half-width, in the space's base unit), its azimuth when bins are azimuthal too, its
/// normalization, and whether it takes part at all.
struct PixelTable: Sendable {
    let shape: FrameShape
    let radial: [Double]
    /// Largest distance from the centre to a corner along the radial axis (bbox splitting only).
    let radialHalfWidth: [Double]
    /// Radial position of every pixel corner in single precision, as pyFAI stores corners (full splitting only).
    let radialCorners: [Double]
    /// pyFAI's chi in radians (azimuthal bins only).
    let chi: [Double]
    /// Whether the chi maps are there, so that azimuthal bins can be laid out from this table.
    let hasChi: Bool
    /// Largest angle from the centre to a corner, at most π (azimuthal bins with bbox splitting only).
    let chiHalfWidth: [Double]
    /// chi of every pixel corner (full splitting only).
    let chiCorners: [Double]
    /// Solid angle × polarization × flat field.
    let normalization: [Double]
    let isValid: [Bool]
    /// Pixels the static mask leaves in: with splitting they set the radial span, as in pyFAI, whose span does
    /// not depend on the flat field or the dark.
    let isUnmasked: [Bool]

    init(geometry: Geometry, shape: FrameShape, mask: DetectorMask?, settings: IntegrationSettings,
         corrections: PixelCorrections, azimuthal: Bool) {
        let flat = corrections.flat
        hasChi = azimuthal
        let frame = LabFrame(geometry)
        let space = settings.unit.space
        let bbox = settings.split == .bbox
        let full = settings.split == .full
        self.shape = shape

        radial = geometry.mapCentres(shape: shape, precision: .double) { p1, p2 in
            frame.radial(frame.lab(p1: p1, p2: p2), space: space)
        }
        normalization = Self.normalization(geometry: geometry, shape: shape, settings: settings, flat: flat)
        let radialCorners = bbox || full
            ? geometry.mapCorners(shape: shape) { p1, p2 in
                Double(Float(frame.radial(frame.lab(p1: p1, p2: p2), space: space)))
            }
            : []
        chi = azimuthal || full
            ? geometry.mapCentres(shape: shape, precision: .double) { p1, p2 in frame.chi(frame.lab(p1: p1, p2: p2)) }
            : []
        // Bounding boxes follow pyFAI's single-precision corners; full splitting measures areas, where the
        // rounding would only add noise.
        let chiCorners = (azimuthal && bbox) || full
            ? geometry.mapCorners(shape: shape) { p1, p2 in
                let chi = frame.chi(frame.lab(p1: p1, p2: p2))
                return bbox ? Double(Float(chi)) : chi
            }
            : []

        radialHalfWidth = bbox ? Self.halfWidths(centres: radial, corners: radialCorners, shape: shape) { $0 } : []
        chiHalfWidth = azimuthal && bbox
            ? Self.halfWidths(centres: chi, corners: chiCorners, shape: shape) { min(Self.wrapped($0), .pi) }
            : []
        self.radialCorners = full ? radialCorners : []
        self.chiCorners = full ? chiCorners : []

        // A pixel with no normalization (fully polarized beam at 2θ = 90°, a dead flat-field pixel) or without
        // a dark value carries no information.
        isUnmasked = mask?.isMasked.map { !$0 } ?? [Bool](repeating: true, count: shape.pixelCount)
        var isValid = isUnmasked
        for pixel in isValid.indices where !(radial[pixel].isFinite && normalization[pixel] > 0
                                             && normalization[pixel].isFinite) {
            isValid[pixel] = false
        }
        if let dark = corrections.dark {
            for pixel in isValid.indices where !dark[pixel].isFinite { isValid[pixel] = false }
        }
        self.isValid = isValid
    }

    /// Solid angle × polarization × flat field of every pixel, as pyFAI's preprocessing multiplies them.
    private static func normalization(geometry: Geometry, shape: FrameShape, settings: IntegrationSettings,
                                      flat: [Double]?) -> [Double] {
        let frame = LabFrame(geometry)
        var normalization: [Double]
        if settings.solidAngle || settings.polarization != nil {
            let solidAngle = settings.solidAngle
            let order = settings.solidAngleOrder
            let factor = settings.polarization
            let offset = settings.polarizationAxisOffset * .pi / 180
            normalization = geometry.mapCentres(shape: shape, precision: .double) { p1, p2 in
                var norm = solidAngle ? frame.solidAngle(p1: p1, p2: p2, order: order) : 1
                if let factor { norm *= frame.polarization(frame.lab(p1: p1, p2: p2), factor: factor, axisOffset: offset) }
                return norm
            }
        } else {
            normalization = [Double](repeating: 1, count: shape.pixelCount)
        }
        if let flat {
            for pixel in normalization.indices {
                normalization[pixel] *= flat[pixel].isFinite ? flat[pixel] : 0
            }
        }
        return normalization
    }

    /// The largest `distance(corner − centre)` over each pixel's four corners.
    private static func halfWidths(centres: [Double], corners: [Double], shape: FrameShape,
                                   _ distance: @escaping @Sendable (Double) -> Double) -> [Double] {
        let columns = shape.columns
        let stride = columns + 1
        return Parallel.chunks(shape.rows, minimumChunk: 64) { rows in
            var half: [Double] = []
            half.reserveCapacity(rows.count * columns)
            for row in rows {
                for column in 0..<columns {
                    let centre = centres[row * columns + column]
                    let corner = row * stride + column
                    half.append(max(abs(distance(corners[corner] - centre)), abs(distance(corners[corner + 1] - centre)),
                                    abs(distance(corners[corner + stride] - centre)),
                                    abs(distance(corners[corner + stride + 1] - centre))))
                }
            }
            return half
        }.flatMap { $0 }
    }

    /// An angle difference brought into [-π, π], so corners across the chi = ±π cut are near their centre.
    static func wrapped(_ angle: Double) -> Double {
        var a = angle
        while a > .pi { a -= 2 * .pi }
        while a < -.pi { a += 2 * .pi }
        return a
    }
}
