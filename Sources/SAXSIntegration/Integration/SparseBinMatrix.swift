/// The integration as a sparse matrix in CSR layout: for each radial bin, the pixels that feed it and with what
/// weight, plus the pixel's normalization (solid angle × polarization) already multiplied in, as MAX IV's azint
/// does. Integrating a frame is then a single pass over the elements.
///
/// Within a bin, elements keep ascending pixel order: the azimuthal error model is an incremental algorithm
/// whose rounding depends on the order, and pyFAI's CSR engines use this one.
struct SparseBinMatrix: Sendable {
    struct Element: Sendable {
        var pixel: Int32
        /// The fraction of the pixel that falls into the bin (1 without pixel splitting).
        var coefficient: Double
        /// coefficient × the pixel's normalization.
        var weightedNorm: Double
    }

    /// Elements of bin b are `elements[binStart[b] ..< binStart[b + 1]]`.
    let binStart: [Int]
    let elements: [Element]

    var binCount: Int { binStart.count - 1 }

    /// Collects (bin, pixel, coefficient) in pixel order and sorts them into bins.
    struct Builder {
        private var bins: [Int32] = []
        private var pixels: [Int32] = []
        private var coefficients: [Double] = []

        init(reservingCapacity capacity: Int) {
            bins.reserveCapacity(capacity)
            pixels.reserveCapacity(capacity)
            coefficients.reserveCapacity(capacity)
        }

        /// Pixels must be added in ascending order. A zero coefficient carries nothing and is dropped.
        mutating func add(bin: Int, pixel: Int, coefficient: Double) {
            guard coefficient > 0 else { return }
            bins.append(Int32(bin))
            pixels.append(Int32(pixel))
            coefficients.append(coefficient)
        }

        /// A stable counting sort by bin, which keeps the pixel order within each bin.
        func build(binCount: Int, normalization: [Double]) -> SparseBinMatrix {
            var binStart = [Int](repeating: 0, count: binCount + 1)
            for bin in bins { binStart[Int(bin) + 1] += 1 }
            for bin in 0..<binCount { binStart[bin + 1] += binStart[bin] }
            var next = binStart
            let placeholder = Element(pixel: 0, coefficient: 0, weightedNorm: 0)
            var elements = [Element](repeating: placeholder, count: bins.count)
            for k in bins.indices {
                let bin = Int(bins[k])
                let pixel = Int(pixels[k])
                elements[next[bin]] = Element(pixel: pixels[k], coefficient: coefficients[k],
                                              weightedNorm: coefficients[k] * normalization[pixel])
                next[bin] += 1
            }
            return SparseBinMatrix(binStart: binStart, elements: elements)
        }
    }
}
