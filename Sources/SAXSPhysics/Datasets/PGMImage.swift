/// A binary 8-bit greyscale Netpbm image (P5): the simplest format every image viewer, ImageMagick, PIL and
/// matplotlib read, and written without a compression library.
public struct PGMImage: Sendable {
    public var width: Int
    public var height: Int
    /// Row-major, top row first.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height)
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public var bytes: [UInt8] {
        Array("P5\n\(width) \(height)\n255\n".utf8) + pixels
    }
}
