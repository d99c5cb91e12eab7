import SAXSFrames

/// Integrates frames of one detector set-up into radial profiles.
///
/// Built once per (geometry, frame shape, mask, settings), like MAX IV's azint: all geometry, the static mask,
/// the pixel splitting and the solid-angle and polarization corrections go into one sparse matrix, so that
/// integrating a frame is a single pass over it. Immutable and `Sendable`: worker threads share one.
public struct RadialIntegrator: Sendable {
    public let geometry: Geometry
    public let shape: FrameShape
    public let settings: IntegrationSettings
    /// Bin centres in `settings.unit`, one per bin.
    public let radialPositions: [Double]
    let matrix: SparseBinMatrix

    public init(geometry: Geometry, shape: FrameShape, mask: DetectorMask? = nil,
                settings: IntegrationSettings = IntegrationSettings()) throws(IntegrationError) {
        try settings.validate()
        do {
            try geometry.validate()
        } catch {
            throw IntegrationError(.geometry, error.description)
        }
        if let maxShape = geometry.maxShape, maxShape != shape {
            throw IntegrationError(.shapeMismatch,
                                   "frames are \(shape) (rows x columns) but the detector \(geometry.detector) is \(maxShape)")
        }
        guard shape.rows > 0, shape.columns > 0 else {
            throw IntegrationError(.shapeMismatch, "the frame shape \(shape) is empty")
        }
        guard shape.pixelCount <= Int(Int32.max) else {
            throw IntegrationError(.unsupported, "frames of \(shape.pixelCount) pixels are beyond the integrator's 2^31 limit")
        }
        if let mask {
            do {
                try mask.check(shape: shape)
            } catch {
                throw IntegrationError(.shapeMismatch, error.description)
            }
        }

        let pixels = PixelTable(geometry: geometry, shape: shape, mask: mask, settings: settings)
        guard pixels.isValid.contains(true) else {
            throw IntegrationError(.noValidPixels, "every pixel is masked")
        }
        let binning: RadialBinning
        switch settings.split {
        case .no:
            (binning, matrix) = try SparseBinMatrix.withoutSplitting(pixels, binCount: settings.npt)
        case .bbox:
            (binning, matrix) = try SparseBinMatrix.boundingBoxSplitting(
                pixels, geometry: geometry, space: settings.unit.space, binCount: settings.npt)
        case .full:
            (binning, matrix) = try SparseBinMatrix.fullSplitting(
                pixels, geometry: geometry, space: settings.unit.space, binCount: settings.npt)
        }
        self.geometry = geometry
        self.shape = shape
        self.settings = settings
        radialPositions = binning.centres(scale: settings.unit.scale)
    }

    /// Number of (bin, pixel) pairs in the matrix: the work done per frame.
    public var elementCount: Int { matrix.elements.count }
}
