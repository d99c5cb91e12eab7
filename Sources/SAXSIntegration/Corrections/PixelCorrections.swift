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

    /// The flat field shapes the matrix (it is part of the normalization); the dark does not.
    var flatFingerprint: String {
        guard let flat else { return "flat=none" }
        var hash = FNV1a()
        hash.add(bitPatterns: flat)
        return "flat=\(hash.hex)"
    }
}
