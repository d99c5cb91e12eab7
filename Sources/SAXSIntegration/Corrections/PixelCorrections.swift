import SAXSFrames

/// Per-pixel corrections measured at the beamline: a dark frame subtracted from every frame, and a flat field
/// (the detector's relative response) that divides it, as pyFAI's preprocessing applies them.
public struct PixelCorrections: Sendable {
    /// Counts to subtract, taken with the same exposure as the frames.
    public var dark: [Double]?
    /// Relative response, around 1; pixels at 0, negative or NaN are left out.
    public var flat: [Double]?

    public init(dark: [Double]? = nil, flat: [Double]? = nil) {
        self.dark = dark
        self.flat = flat
    }

    func check(shape: FrameShape) throws(IntegrationError) {
        for (name, values) in [("dark", dark), ("flat", flat)] {
            if let values, values.count != shape.pixelCount {
                throw IntegrationError(.corrections,
                                       "the \(name) field has \(values.count) pixels but frames are \(shape) (\(shape.pixelCount))")
            }
        }
    }

    /// What of the corrections shapes the matrix: the flat field (part of the normalization) and which dark
    /// pixels are not finite (they are left out). The dark's values are subtracted per frame and do not.
    var matrixFingerprint: String {
        var flatHash = FNV1a()
        if let flat { flatHash.add(bitPatterns: flat) }
        var darkHash = FNV1a()
        if let dark { darkHash.add(dark.map { !$0.isFinite }) }
        return "flat=\(flat == nil ? "none" : flatHash.hex) dark_holes=\(dark == nil ? "none" : darkHash.hex)"
    }
}
