import SAXSFrames

/// Written with Fit2D's parameter names; the maximum shape as `[rows, columns]`, like `Geometry`'s.
extension Fit2DGeometry: Codable {
    enum CodingKeys: String, CodingKey {
        case directDist, centerX, centerY, tilt, tiltPlanRotation, pixelX, pixelY, wavelength, detector
        case maxShape = "max_shape"
        case orientation
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let maxShape = try container.decodeShapeIfPresent(forKey: .maxShape)
        self.init(
            directDist: try container.decode(Double.self, forKey: .directDist),
            centerX: try container.decode(Double.self, forKey: .centerX),
            centerY: try container.decode(Double.self, forKey: .centerY),
            tilt: try container.decodeIfPresent(Double.self, forKey: .tilt) ?? 0,
            tiltPlanRotation: try container.decodeIfPresent(Double.self, forKey: .tiltPlanRotation) ?? 0,
            pixelX: try container.decode(Double.self, forKey: .pixelX),
            pixelY: try container.decode(Double.self, forKey: .pixelY),
            wavelength: try container.decode(Double.self, forKey: .wavelength),
            detector: try container.decodeIfPresent(String.self, forKey: .detector) ?? "Detector",
            maxShape: maxShape,
            orientation: try container.decodeIfPresent(Int.self, forKey: .orientation) ?? 3
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(directDist, forKey: .directDist)
        try container.encode(centerX, forKey: .centerX)
        try container.encode(centerY, forKey: .centerY)
        try container.encode(tilt, forKey: .tilt)
        try container.encode(tiltPlanRotation, forKey: .tiltPlanRotation)
        try container.encode(pixelX, forKey: .pixelX)
        try container.encode(pixelY, forKey: .pixelY)
        try container.encode(wavelength, forKey: .wavelength)
        try container.encode(detector, forKey: .detector)
        try container.encodeShapeIfPresent(maxShape, forKey: .maxShape)
        try container.encode(orientation, forKey: .orientation)
    }
}
