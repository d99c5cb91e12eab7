import SAXSFrames

/// The maximum shape is written as `[rows, columns]` (see `FrameShape+Coding.swift`). Fields added after the
/// first release (orientation, sensor, parallax) are optional when decoding, so older encodings still load.
extension Geometry: Codable {
    enum CodingKeys: String, CodingKey {
        case distance, poni1, poni2, rot1, rot2, rot3, wavelength, pixel1, pixel2, detector
        case maxShape = "max_shape"
        case orientation, sensor, parallax
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let maxShape = try container.decodeShapeIfPresent(forKey: .maxShape)
        self.init(
            distance: try container.decode(Double.self, forKey: .distance),
            poni1: try container.decode(Double.self, forKey: .poni1),
            poni2: try container.decode(Double.self, forKey: .poni2),
            rot1: try container.decode(Double.self, forKey: .rot1),
            rot2: try container.decode(Double.self, forKey: .rot2),
            rot3: try container.decode(Double.self, forKey: .rot3),
            wavelength: try container.decode(Double.self, forKey: .wavelength),
            pixel1: try container.decode(Double.self, forKey: .pixel1),
            pixel2: try container.decode(Double.self, forKey: .pixel2),
            detector: try container.decodeIfPresent(String.self, forKey: .detector) ?? "Detector",
            maxShape: maxShape,
            orientation: try container.decodeIfPresent(Int.self, forKey: .orientation) ?? 3,
            sensor: try container.decodeIfPresent(DetectorSensor.self, forKey: .sensor),
            parallax: try container.decodeIfPresent(Bool.self, forKey: .parallax) ?? false
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(distance, forKey: .distance)
        try container.encode(poni1, forKey: .poni1)
        try container.encode(poni2, forKey: .poni2)
        try container.encode(rot1, forKey: .rot1)
        try container.encode(rot2, forKey: .rot2)
        try container.encode(rot3, forKey: .rot3)
        try container.encode(wavelength, forKey: .wavelength)
        try container.encode(pixel1, forKey: .pixel1)
        try container.encode(pixel2, forKey: .pixel2)
        try container.encode(detector, forKey: .detector)
        try container.encodeShapeIfPresent(maxShape, forKey: .maxShape)
        try container.encode(orientation, forKey: .orientation)
        try container.encodeIfPresent(sensor, forKey: .sensor)
        try container.encode(parallax, forKey: .parallax)
    }
}
