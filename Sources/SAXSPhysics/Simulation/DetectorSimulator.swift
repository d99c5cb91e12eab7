import SAXSFrames

/// Turns a scattering curve into detector frames: expected counts per pixel from the pixel's q and its
/// geometric factors, Poisson noise from a seeded generator, and the module gaps of a Pilatus-type detector
/// marked with -1 as the real detector does.
public struct DetectorSimulator: Sendable {
    public var shape: FrameShape
    /// q (nm^-1) at every pixel centre, row-major.
    public var q: [Double]
    /// Solid angle × polarization at every pixel (1 for none).
    public var factor: [Double]
    /// Pixels that belong to no module (value -1 in frames).
    public var gaps: [Bool]
    /// Written into each frame's header (`WAVELEN`, `DISTANCE`, metres) as a beamline's control system
    /// would, when known.
    public var wavelength: Double?
    public var distance: Double?

    public init(shape: FrameShape, q: [Double], factor: [Double], gaps: [Bool]? = nil, wavelength: Double? = nil,
                distance: Double? = nil) {
        precondition(q.count == shape.pixelCount && factor.count == shape.pixelCount)
        self.shape = shape
        self.q = q
        self.factor = factor
        self.gaps = gaps ?? Self.pilatusGaps(shape: shape)
        self.wavelength = wavelength
        self.distance = distance
    }

    /// Pilatus modules are 195 x 487 pixels separated by 17-pixel (slow axis) and 7-pixel (fast axis) gaps;
    /// a shape that does not tile that way gets no gaps.
    public static func pilatusGaps(shape: FrameShape) -> [Bool] {
        var gaps = [Bool](repeating: false, count: shape.pixelCount)
        guard (shape.rows + 17) % (195 + 17) == 0, (shape.columns + 7) % (487 + 7) == 0 else { return gaps }
        for row in 0..<shape.rows {
            let rowGap = row % (195 + 17) >= 195
            for column in 0..<shape.columns where rowGap || column % (487 + 7) >= 487 {
                gaps[row * shape.columns + column] = true
            }
        }
        return gaps
    }

    public func frame(pattern: RingPattern, exposure: Double = 1, seed: UInt64) -> Frame {
        var generator = SeededGenerator(seed: seed)
        var pixels = [Double](repeating: 0, count: shape.pixelCount)
        for index in pixels.indices {
            if gaps[index] {
                pixels[index] = -1
            } else {
                pixels[index] = generator.poisson(mean: pattern.intensity(q: q[index]) * factor[index] * exposure)
            }
        }
        var header = FrameHeader()
        header.append("EXPTIME", .real(exposure))
        header.append("DETECTOR", .string("simulated Pilatus"))
        if let wavelength { header.append("WAVELEN", .real(wavelength)) }
        if let distance { header.append("DISTANCE", .real(distance)) }
        return Frame(shape: shape, pixels: pixels, header: header)
    }
}
