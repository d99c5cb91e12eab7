/// The integration as a sparse matrix, pixel-major, with the pixels' normalization (solid angle × polarization ×
/// flat) folded into per-bin sums as MAX IV's azint does.
///
/// Pixel-major because a frame is then read once, front to back, while the bins it adds into (a few thousand)
/// stay in cache; a bin-major matrix instead gathers pixels from all over the frame, which costs a cache miss
/// per element. Most pixels feed a short run of consecutive bins, so each pixel gets a fixed-width *band*
/// starting at its first bin, and the loop over a band has no data-dependent branch. The few pixels whose bins
/// do not fit a band (near the beam with log bins, across azimuthal bin edges of a cake) are kept in a short
/// CSR list of their own.
struct IntegrationMatrix: Sendable {
    /// `firstBin` of a pixel that feeds no bin (masked, or outside the axes).
    static let unused = UInt32.max
    /// `firstBin` of a pixel kept in the irregular list.
    static let irregular = UInt32.max - 1

    let pixelCount: Int
    let binCount: Int
    /// Weights per pixel in the band; bins beyond a pixel's last get weight 0.
    let bandWidth: Int
    let firstBin: [UInt32]
    /// `bandWidth` weights per pixel, pixel-major.
    let band: [Float]
    /// Pixels in ascending order whose bins are in `irregularBins[irregularStart[k] ..< irregularStart[k + 1]]`.
    let irregularPixels: [UInt32]
    let irregularStart: [UInt32]
    let irregularBins: [UInt32]
    let irregularWeights: [Float]
    /// Solid angle × polarization × flat of every pixel.
    let normalization: [Double]
    /// Σ weight × normalization per bin over every pixel of the matrix: what a frame without invalid pixels
    /// divides by.
    let binNorm: [Double]
    /// Σ weight per bin: the number of pixels a bin averages.
    let binWeight: [Double]
    /// Number of (pixel, bin) pairs with a non-zero weight per bin, to tell an empty bin exactly.
    let binEntries: [Int32]

    /// Number of stored (pixel, bin) weights: the work done per frame.
    var elementCount: Int { band.count + irregularWeights.count }

    /// Calls `body(bin, weight)` for each bin of `pixel`, band padding included.
    @inline(__always)
    func forEachBin(of pixel: Int, _ body: (Int, Double) -> Void) {
        let first = firstBin[pixel]
        if first < Self.irregular {
            for k in 0..<bandWidth {
                body(Int(first) + k, Double(band[pixel * bandWidth + k]))
            }
        } else if first == Self.irregular, let index = irregularIndex(of: pixel) {
            for e in Int(irregularStart[index])..<Int(irregularStart[index + 1]) {
                body(Int(irregularBins[e]), Double(irregularWeights[e]))
            }
        }
    }

    private func irregularIndex(of pixel: Int) -> Int? {
        var low = 0, high = irregularPixels.count
        while low < high {
            let middle = (low + high) / 2
            if Int(irregularPixels[middle]) < pixel { low = middle + 1 } else { high = middle }
        }
        return low < irregularPixels.count && Int(irregularPixels[low]) == pixel ? low : nil
    }
}

extension IntegrationMatrix {
    /// Packs the bins of every pixel. The pixels' bins are computed concurrently; the packing and the per-bin
    /// sums run in pixel order, so the matrix is the same whatever the number of cores.
    init(_ bins: PixelBins) {
        let table = bins.table
        let pixelCount = table.radial.count
        let binCount = bins.binCount
        struct Piece {
            var start: [Int] = [0]
            var bins: [UInt32] = []
            var weights: [Float] = []
        }
        let pieces = Parallel.chunks(pixelCount) { pixels in
            var piece = Piece()
            piece.start.reserveCapacity(pixels.count + 1)
            piece.bins.reserveCapacity(pixels.count * 3)
            piece.weights.reserveCapacity(pixels.count * 3)
            var entries = AxisEntries()
            var scratch = PixelBins.Scratch()
            for pixel in pixels {
                bins.entries(of: pixel, into: &entries, scratch: &scratch)
                for k in 0..<entries.count {
                    // Single precision halves the bytes read per frame; the same rounded weights go into the
                    // signal and its normalization, so the weighted mean stays a mean.
                    let weight = Float(entries.weights[k])
                    guard weight > 0 else { continue }
                    piece.bins.append(UInt32(entries.bins[k]))
                    piece.weights.append(weight)
                }
                // Bins ascending within a pixel, so that a run is first...last. Only an arc wrapping round the
                // azimuthal axis comes out of order; an insertion sort of a few entries needs no allocation.
                let start = piece.start.last!
                var k = start + 1
                while k < piece.bins.count {
                    var j = k
                    while j > start, piece.bins[j - 1] > piece.bins[j] {
                        piece.bins.swapAt(j - 1, j)
                        piece.weights.swapAt(j - 1, j)
                        j -= 1
                    }
                    k += 1
                }
                piece.start.append(piece.bins.count)
            }
            return piece
        }

        // The band is as wide as the runs of 99.5 % of the pixels, so a few long runs do not widen every pixel.
        var spans = [Int](repeating: 0, count: 18)
        var used = 0
        for piece in pieces {
            for k in 0..<(piece.start.count - 1) where piece.start[k + 1] > piece.start[k] {
                let span = Int(piece.bins[piece.start[k + 1] - 1] - piece.bins[piece.start[k]]) + 1
                spans[min(span, 17)] += 1
                used += 1
            }
        }
        var bandWidth = 1
        var within = spans[1]
        while bandWidth < 16, Double(within) < 0.995 * Double(used) {
            bandWidth += 1
            within += spans[bandWidth]
        }

        // Pieces cover consecutive pixels, so each fills its own part of the band concurrently.
        var starts = [0]
        for piece in pieces { starts.append(starts.last! + piece.start.count - 1) }
        let firstPixel = starts
        let width = bandWidth
        var firstBin = [UInt32](repeating: Self.unused, count: pixelCount)
        var band = [Float](repeating: 0, count: pixelCount * width)
        let irregular = firstBin.withUnsafeMutableBufferPointer { firstBuffer in
            band.withUnsafeMutableBufferPointer { bandBuffer in
                nonisolated(unsafe) let firstOut = firstBuffer
                nonisolated(unsafe) let bandOut = bandBuffer
                return Parallel.chunks(pieces.count, minimumChunk: 1) { range in
                    var irregular = Piece(start: [0], bins: [], weights: [])
                    var pixels: [UInt32] = []
                    for index in range {
                        let piece = pieces[index]
                        for k in 0..<(piece.start.count - 1) where piece.start[k + 1] > piece.start[k] {
                            let pixel = firstPixel[index] + k
                            let run = piece.start[k]..<piece.start[k + 1]
                            let first = piece.bins[run.lowerBound]
                            if Int(piece.bins[run.upperBound - 1] - first) < width {
                                firstOut[pixel] = first
                                for e in run {
                                    bandOut[pixel * width + Int(piece.bins[e] - first)] = piece.weights[e]
                                }
                            } else {
                                firstOut[pixel] = Self.irregular
                                pixels.append(UInt32(pixel))
                                irregular.bins.append(contentsOf: piece.bins[run])
                                irregular.weights.append(contentsOf: piece.weights[run])
                                irregular.start.append(irregular.bins.count)
                            }
                        }
                    }
                    return (pixels, irregular)
                }
            }
        }
        var irregularPixels: [UInt32] = []
        var irregularStart: [UInt32] = [0]
        var irregularBins: [UInt32] = []
        var irregularWeights: [Float] = []
        for (pixels, piece) in irregular {
            irregularPixels += pixels
            let offset = UInt32(irregularBins.count)
            irregularStart += piece.start.dropFirst().map { offset + UInt32($0) }
            irregularBins += piece.bins
            irregularWeights += piece.weights
        }

        // The per-bin sums run in pixel order on one core, so they round the same on every machine.
        var binNorm = [Double](repeating: 0, count: binCount)
        var binWeight = [Double](repeating: 0, count: binCount)
        var binEntries = [Int32](repeating: 0, count: binCount)
        binNorm.withUnsafeMutableBufferPointer { norms in
            binWeight.withUnsafeMutableBufferPointer { weights in
                binEntries.withUnsafeMutableBufferPointer { entries in
                    table.normalization.withUnsafeBufferPointer { normalization in
                        for (index, piece) in pieces.enumerated() {
                            piece.bins.withUnsafeBufferPointer { bins in
                                piece.weights.withUnsafeBufferPointer { pieceWeights in
                                    for k in 0..<(piece.start.count - 1) {
                                        let norm = normalization[firstPixel[index] + k]
                                        for e in piece.start[k]..<piece.start[k + 1] {
                                            let bin = Int(bins[e])
                                            let weight = Double(pieceWeights[e])
                                            norms[bin] += weight * norm
                                            weights[bin] += weight
                                            entries[bin] += 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.init(pixelCount: pixelCount, binCount: binCount, bandWidth: width, firstBin: firstBin, band: band,
                  irregularPixels: irregularPixels, irregularStart: irregularStart, irregularBins: irregularBins,
                  irregularWeights: irregularWeights, normalization: table.normalization, binNorm: binNorm,
                  binWeight: binWeight, binEntries: binEntries)
    }
}
