import SAXSFrames

/// `FrameShape` belongs to SAXSFrames and is not Codable; geometries write it as `[rows, columns]`, the way pyFAI
/// writes `max_shape`.
extension KeyedDecodingContainer {
    func decodeShapeIfPresent(forKey key: Key) throws -> FrameShape? {
        guard let sizes = try decodeIfPresent([Int].self, forKey: key) else { return nil }
        guard sizes.count == 2 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "max_shape must be [rows, columns]")
        }
        return FrameShape(rows: sizes[0], columns: sizes[1])
    }
}

extension KeyedEncodingContainer {
    mutating func encodeShapeIfPresent(_ shape: FrameShape?, forKey key: Key) throws {
        try encodeIfPresent(shape.map { [$0.rows, $0.columns] }, forKey: key)
    }
}
