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
                // Bins ascending within a pixel, so that a run is first...last.
                let start = piece.start.last!
                if piece.bins.count - start > 1 {
                    let sorted = zip(piece.bins[start...], piece.weights[start...]).sorted { $0.0 < $1.0 }
                    for (offset, pair) in sorted.enumerated() {
                        piece.bins[start + offset] = pair.0
                        piece.weights[start + offset] = pair.1
                    }
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
        var width = 1
        var within = spans[1]
        while width < 16, Double(within) < 0.995 * Double(used) {
            width += 1
            within += spans[width]
        }

        var firstBin = [UInt32](repeating: Self.unused, count: pixelCount)
        var band = [Float](repeating: 0, count: pixelCount * width)
        var irregularPixels: [UInt32] = []
        var irregularStart: [UInt32] = [0]
        var irregularBins: [UInt32] = []
        var irregularWeights: [Float] = []
        var binNorm = [Double](repeating: 0, count: binCount)
        var binWeight = [Double](repeating: 0, count: binCount)
        var binEntries = [Int32](repeating: 0, count: binCount)
        var pixel = 0
        for piece in pieces {
            for k in 0..<(piece.start.count - 1) {
                defer { pixel += 1 }
                let run = piece.start[k]..<piece.start[k + 1]
                guard !run.isEmpty else { continue }
                let norm = table.normalization[pixel]
                for e in run {
                    let bin = Int(piece.bins[e])
                    let weight = Double(piece.weights[e])
                    binNorm[bin] += weight * norm
                    binWeight[bin] += weight
                    binEntries[bin] += 1
                }
                let first = piece.bins[run.lowerBound]
                if Int(piece.bins[run.upperBound - 1] - first) < width {
                    firstBin[pixel] = first
                    for e in run {
                        band[pixel * width + Int(piece.bins[e] - first)] = piece.weights[e]
                    }
                } else {
                    firstBin[pixel] = Self.irregular
                    irregularPixels.append(UInt32(pixel))
                    irregularBins.append(contentsOf: piece.bins[run])
                    irregularWeights.append(contentsOf: piece.weights[run])
                    irregularStart.append(UInt32(irregularBins.count))
                }
            }
        }
        self.init(pixelCount: pixelCount, binCount: binCount, bandWidth: width, firstBin: firstBin, band: band,
                  irregularPixels: irregularPixels, irregularStart: irregularStart, irregularBins: irregularBins,
                  irregularWeights: irregularWeights, normalization: table.normalization, binNorm: binNorm,
                  binWeight: binWeight, binEntries: binEntries)
    }
}
