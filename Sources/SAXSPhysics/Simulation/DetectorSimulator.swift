import SAXSFrames

#if canImport(Glibc)
import Glibc
#endif

/// Turns a scattering curve into detector frames: expected counts per pixel from the pixel's q and its
/// geometric factors (and, for a fibre, its χ), Poisson noise from a seeded generator, the module gaps of a
/// Pilatus-type detector marked with -1 as the real detector does, and the beamstop's shadow, where only the
/// little that leaks through it is counted.
public struct DetectorSimulator: Sendable {
    public var shape: FrameShape
    /// q (nm^-1) at every pixel centre, row-major.
    public var q: [Double]
    /// Solid angle × polarization at every pixel (1 for none).
    public var factor: [Double]
    /// Pixels that belong to no module (value -1 in frames).
    public var gaps: [Bool]
    /// χ (degrees) at every pixel centre, for oriented samples; nil when only isotropic frames are made.
    public var chi: [Double]?
    /// Pixels in the beamstop's shadow: they count `beamstopTransmission` of what they would.
    public var beamstop: [Bool]
    public var beamstopTransmission = 1e-4
    /// Written into each frame's header (`WAVELEN`, `DISTANCE`, metres) as a beamline's control system
    /// would, when known.
    public var wavelength: Double?
    public var distance: Double?

    public init(shape: FrameShape, q: [Double], factor: [Double], gaps: [Bool]? = nil, chi: [Double]? = nil,
                beamstop: [Bool]? = nil, wavelength: Double? = nil, distance: Double? = nil) {
        precondition(q.count == shape.pixelCount && factor.count == shape.pixelCount)
        precondition(chi.map { $0.count == shape.pixelCount } ?? true && beamstop.map { $0.count == shape.pixelCount } ?? true)
        self.shape = shape
        self.q = q
        self.factor = factor
        self.gaps = gaps ?? Self.pilatusGaps(shape: shape)
        self.chi = chi
        self.beamstop = beamstop ?? [Bool](repeating: false, count: shape.pixelCount)
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

    /// A round beamstop: the pixels with q below `edge` (nm⁻¹) plus its arm, a strip from the beam centre to the
    /// detector's edge along χ = `armChi` degrees, `armWidthQ` wide in q (at small angles q is proportional to the
    /// distance from the beam on the detector, so this is a strip of constant width).
    public static func beamstop(q: [Double], chi: [Double], below edge: Double, armChi: Double = 90,
                                armWidthQ: Double) -> [Bool] {
        zip(q, chi).map { q, chi in
            if q < edge { return true }
            var offset = abs((chi - armChi).truncatingRemainder(dividingBy: 360))
            offset = min(offset, 360 - offset)
            return offset < 90 && q * sin(offset * Double.pi / 180) < armWidthQ / 2
        }
    }

    /// A frame of the curve `intensity` (counts per pixel before the geometric factors, of q in nm⁻¹), spread over
    /// χ by `orientation` when given (which needs the χ map).
    public func frame(orientation: FibreOrientation? = nil, exposure: Double = 1, seed: UInt64,
                      intensity: (Double) -> Double) -> Frame {
        frame(pixelIntensity: q.map(intensity), orientation: orientation, exposure: exposure, seed: seed)
    }

    /// A frame of the intensities already evaluated at every pixel's q (counts before the geometric factors).
    public func frame(pixelIntensity: [Double], orientation: FibreOrientation? = nil, exposure: Double = 1,
                      seed: UInt64) -> Frame {
        precondition(pixelIntensity.count == shape.pixelCount, "one intensity per pixel")
        precondition(orientation == nil || chi != nil, "an oriented frame needs the χ of every pixel")
        var generator = SeededGenerator(seed: seed)
        var pixels = [Double](repeating: 0, count: shape.pixelCount)
        for index in pixels.indices {
            if gaps[index] {
                pixels[index] = -1
                continue
            }
            var mean = pixelIntensity[index] * factor[index] * exposure
            if let orientation, let chi { mean *= orientation.weight(chi: chi[index]) }
            if beamstop[index] { mean *= beamstopTransmission }
            pixels[index] = generator.poisson(mean: mean)
        }
        var header = FrameHeader()
        header.append("EXPTIME", .real(exposure))
        header.append("DETECTOR", .string("simulated Pilatus"))
        if let wavelength { header.append("WAVELEN", .real(wavelength)) }
        if let distance { header.append("DISTANCE", .real(distance)) }
        return Frame(shape: shape, pixels: pixels, header: header)
    }
}
