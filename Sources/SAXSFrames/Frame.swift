/// One detector image: counts on a rectangular grid of pixels, with the header the detector wrote.
///
/// Pixels are stored row-major in `Double`: 32-bit unsigned counts and BZERO-shifted integers stay exact,
/// and every reader hands the integrator the same element type. A pixel the file marks as invalid
/// (FITS `BLANK`, a float NaN) is stored as NaN, which the integrator treats as masked.
public struct Frame: Sendable {
    public var shape: FrameShape
    public var pixels: [Double]
    public var header: FrameHeader
    /// Position of this frame in its container (0 for a single-frame file).
    public var index: Int

    public init(shape: FrameShape, pixels: [Double], header: FrameHeader = FrameHeader(), index: Int = 0) {
        precondition(pixels.count == shape.pixelCount, "pixel buffer does not match the frame shape")
        self.shape = shape
        self.pixels = pixels
        self.header = header
        self.index = index
    }

    public subscript(row: Int, column: Int) -> Double {
        get { pixels[row * shape.columns + column] }
        set { pixels[row * shape.columns + column] = newValue }
    }
}

/// Detector grid size in pyFAI's convention: `rows` run along the slow axis (dim1, poni1),
/// `columns` along the fast axis (dim2, poni2). FITS calls them NAXIS2 and NAXIS1.
public struct FrameShape: Hashable, Sendable, CustomStringConvertible {
    public var rows: Int
    public var columns: Int

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    public var pixelCount: Int { rows * columns }
    public var description: String { "\(rows)x\(columns)" }
}
