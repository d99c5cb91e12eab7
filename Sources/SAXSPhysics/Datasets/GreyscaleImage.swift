/// An 8-bit greyscale image, written as binary Netpbm (P5, the simplest format every viewer, ImageMagick, PIL and
/// matplotlib read) or as PNG (`png()`, what browsers, documents and notebooks show).
public struct GreyscaleImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Row-major, top row first.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height)
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public var pgm: [UInt8] {
        Array("P5\n\(width) \(height)\n255\n".utf8) + pixels
    }
}
