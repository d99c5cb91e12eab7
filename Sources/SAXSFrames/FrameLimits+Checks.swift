extension FrameLimits {
    /// A size a file declares beyond one of the limits. The message names the limit and the declared size, so an
    /// operator reading the error sidecar knows which setting refused the file and by how much.
    struct Violation: Error {
        var message: String

        /// The violation as the error a reader throws: a valid file, maybe, but not one saxsd agrees to hold.
        func frameError(path: String, frame: Int? = nil) -> FrameError {
            FrameError(.unsupported, path: path, frame: frame, message)
        }
    }

    /// The pixel count of one frame from the dimensions its header declares, by name (`[("Dim_1", 981),
    /// ("Dim_2", 1043)]`), checked against `maximumPixelsPerFrame`. Multiplied with overflow reported: a declared
    /// size near Int.max must give an error, not a trap. Callers refuse negative dimensions first.
    func pixelsPerFrame(_ dimensions: [(name: String, value: Int)]) throws(Violation) -> Int {
        var product = 1
        var overflow = false
        for dimension in dimensions where !overflow {
            (product, overflow) = product.multipliedReportingOverflow(by: dimension.value)
        }
        if overflow || product > maximumPixelsPerFrame {
            let names = dimensions.map(\.name).joined(separator: " x ")
            let values = dimensions.map { String($0.value) }.joined(separator: "x")
            let count = overflow ? "more than \(Int.max)" : "\(product)"
            throw Violation(message: "\(names) = \(values) declares \(count) pixels per frame, more than the limit of "
                + "\(maximumPixelsPerFrame) (FrameLimits.maximumPixelsPerFrame)")
        }
        return product
    }

    /// Checks a number of frames a file declares, or has reached while it is read.
    func checkFrames(_ count: Int, declaredBy what: String) throws(Violation) {
        if count > maximumFrames {
            throw Violation(message: "\(what) declares \(count) frames, more than the limit of \(maximumFrames) "
                + "(FrameLimits.maximumFrames)")
        }
    }

    /// Adds one more frame of `pixels` to `decodedBytes`, the bytes the file's frames so far take once decoded,
    /// and checks the total against `maximumDecodedBytes`.
    func addDecoded(pixels: Int, frames count: Int = 1, to decodedBytes: inout Int) throws(Violation) {
        let (frameBytes, frameOverflow) = pixels.multipliedReportingOverflow(by: Self.bytesPerDecodedPixel)
        let (allBytes, countOverflow) = frameBytes.multipliedReportingOverflow(by: count)
        let (total, totalOverflow) = decodedBytes.addingReportingOverflow(allBytes)
        if frameOverflow || countOverflow || totalOverflow || total > maximumDecodedBytes {
            let declared = frameOverflow || countOverflow || totalOverflow ? "more than \(Int.max)" : "\(total)"
            throw Violation(message: "the frames decode to \(declared) bytes (8 per pixel), more than the limit of "
                + "\(maximumDecodedBytes) per file (FrameLimits.maximumDecodedBytes)")
        }
        decodedBytes = total
    }

    /// Checks the length of one text header, declared or found.
    func checkHeaderBytes(_ bytes: Int, of what: String) throws(Violation) {
        if bytes > maximumHeaderBytes {
            throw Violation(message: "\(what) takes \(bytes) bytes, more than the limit of \(maximumHeaderBytes) "
                + "header bytes (FrameLimits.maximumHeaderBytes)")
        }
    }
}
