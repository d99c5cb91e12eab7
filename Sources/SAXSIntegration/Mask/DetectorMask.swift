import SAXSFrames

/// Pixels to leave out of every integration, such as module gaps, the beamstop and hot pixels.
public struct DetectorMask: Sendable, Hashable {
    public let shape: FrameShape
    /// Row-major, true = masked.
    public let isMasked: [Bool]

    public init(shape: FrameShape, isMasked: [Bool]) {
        precondition(isMasked.count == shape.pixelCount, "mask buffer does not match the mask shape")
        self.shape = shape
        self.isMasked = isMasked
    }

    /// A mask with every pixel whose value is non-zero (or NaN) masked, as pyFAI reads mask images.
    public init(frame: Frame) {
        self.init(shape: frame.shape, isMasked: frame.pixels.map { $0 != 0 })
    }

    /// Reads a mask image (any format `FrameFile` reads; non-zero = masked). With `expectedShape`, a mask made
    /// for another detector or binning is refused here rather than silently misaligned.
    public static func load(path: String, expectedShape: FrameShape? = nil,
                            reader: FrameFile = FrameFile()) throws(MaskError) -> DetectorMask {
        let frames: [Frame]
        do {
            frames = try reader.readFrames(path: path)
        } catch {
            throw MaskError(path: path, reason: "cannot read the mask: \(error.message)")
        }
        guard frames.count == 1, let frame = frames.first else {
            throw MaskError(path: path, reason: "a mask must hold exactly one image, this file holds \(frames.count)")
        }
        let mask = DetectorMask(frame: frame)
        if let expectedShape { try mask.check(shape: expectedShape, path: path) }
        return mask
    }

    public var maskedCount: Int { isMasked.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// Refuses a frame shape this mask was not made for.
    public func check(shape frameShape: FrameShape, path: String? = nil) throws(MaskError) {
        guard frameShape == shape else {
            throw MaskError(path: path, reason: "the mask is \(shape) (rows x columns) but frames are \(frameShape)")
        }
    }
}
