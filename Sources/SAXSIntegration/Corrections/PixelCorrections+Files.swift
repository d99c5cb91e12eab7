import SAXSFrames

extension PixelCorrections {
    /// Reads a dark and a flat field from image files of any format `FrameFile` reads. A file with several
    /// frames (a series of darks) is averaged pixel by pixel.
    public static func load(darkPath: String?, flatPath: String?, expectedShape: FrameShape? = nil,
                            reader: FrameFile = FrameFile()) throws(IntegrationError) -> PixelCorrections {
        var corrections = PixelCorrections()
        if let darkPath { corrections.dark = try average(darkPath, name: "dark", expectedShape: expectedShape, reader: reader) }
        if let flatPath { corrections.flat = try average(flatPath, name: "flat", expectedShape: expectedShape, reader: reader) }
        return corrections
    }

    private static func average(_ path: String, name: String, expectedShape: FrameShape?,
                                reader: FrameFile) throws(IntegrationError) -> [Double] {
        let frames: [Frame]
        do {
            frames = try reader.readFrames(path: path)
        } catch {
            throw IntegrationError(.corrections, "\(path): cannot read the \(name) field: \(error.message)")
        }
        guard let shape = frames.first?.shape else {
            throw IntegrationError(.corrections, "\(path): the \(name) file holds no image")
        }
        if let expectedShape, shape != expectedShape {
            throw IntegrationError(.corrections, "\(path): the \(name) field is \(shape) but frames are \(expectedShape)")
        }
        var sum = [Double](repeating: 0, count: shape.pixelCount)
        for frame in frames {
            guard frame.shape == shape else {
                throw IntegrationError(.corrections, "\(path): frame \(frame.index) of the \(name) series is \(frame.shape), not \(shape)")
            }
            for pixel in sum.indices { sum[pixel] += frame.pixels[pixel] }
        }
        let scale = 1 / Double(frames.count)
        return sum.map { $0 * scale }
    }
}
