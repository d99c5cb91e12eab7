/// Per-bin sums of one frame: Σ c·signal, Σ c²·variance (Poisson) or the spread (azimuthal), Σ c·norm, Σ c.
struct BinTotals: Sendable {
    var signal: [Double]
    var variance: [Double]
    var norm: [Double]
    var weight: [Double]
    var entries: [Int32]
}

extension IntegrationMatrix {
    /// Poisson statistics in one pass over the frame: Σ c·(raw − dark) and Σ c²·max(raw, 1), pyFAI's
    /// definitions. The raw counts carry the dark current's noise already; a dark averaged over many frames adds
    /// little, and pyFAI 2026.9 adds none. The normalization sums come precomputed; the pixels this frame marks invalid are taken out
    /// of them afterwards, which costs nothing when there are none.
    func poissonTotals(_ frame: [Double], dark: [Double]?, filter: PixelFilter) -> BinTotals {
        // Signal and variance of a bin sit side by side, so that each weight costs one load and one store.
        var sums = [SIMD2<Double>](repeating: .zero, count: binCount + bandWidth)
        var invalid: [Int] = []
        frame.withUnsafeBufferPointer { pixels in
            firstBin.withUnsafeBufferPointer { first in
                band.withUnsafeBufferPointer { band in
                    sums.withUnsafeMutableBufferPointer { sums in
                        let target = sums.baseAddress!
                        // Literal widths and a literal nil dark let the compiler unroll the loop over a band and
                        // drop the dark subtraction from the common case.
                        switch (bandWidth, dark) {
                        case (1, nil):
                            Self.accumulateBands(width: 1, pixels: pixels, dark: nil, first: first, band: band,
                                                 sums: target, filter: filter, invalid: &invalid)
                        case (2, nil):
                            Self.accumulateBands(width: 2, pixels: pixels, dark: nil, first: first, band: band,
                                                 sums: target, filter: filter, invalid: &invalid)
                        case (3, nil):
                            Self.accumulateBands(width: 3, pixels: pixels, dark: nil, first: first, band: band,
                                                 sums: target, filter: filter, invalid: &invalid)
                        case (4, nil):
                            Self.accumulateBands(width: 4, pixels: pixels, dark: nil, first: first, band: band,
                                                 sums: target, filter: filter, invalid: &invalid)
                        case (let width, nil):
                            Self.accumulateBands(width: width, pixels: pixels, dark: nil, first: first, band: band,
                                                 sums: target, filter: filter, invalid: &invalid)
                        case (let width, let dark?):
                            dark.withUnsafeBufferPointer { dark in
                                Self.accumulateBands(width: width, pixels: pixels, dark: dark, first: first,
                                                     band: band, sums: target, filter: filter, invalid: &invalid)
                            }
                        }
                    }
                }
            }
        }
        for (index, pixel) in irregularPixels.enumerated() {
            let raw = frame[Int(pixel)]
            guard filter.accepts(raw) else {
                invalid.append(Int(pixel))
                continue
            }
            let darkValue = dark?[Int(pixel)] ?? 0
            let value = SIMD2(raw - darkValue, max(raw, 1))
            for e in Int(irregularStart[index])..<Int(irregularStart[index + 1]) {
                let c = Double(irregularWeights[e])
                sums[Int(irregularBins[e])] += SIMD2(c, c * c) * value
            }
        }

        var totals = BinTotals(signal: sums[..<binCount].map { $0.x }, variance: sums[..<binCount].map { $0.y },
                               norm: binNorm, weight: binWeight, entries: binEntries)
        for pixel in invalid {
            let norm = normalization[pixel]
            forEachBin(of: pixel) { bin, c in
                guard c > 0 else { return }
                totals.norm[bin] -= c * norm
                totals.weight[bin] -= c
                totals.entries[bin] -= 1
            }
        }
        return totals
    }

    /// The hot loop: every pixel of the frame in order, each adding into the run of bins its band covers.
    ///
    /// Unchecked buffers and one plain pass: the loop is bound by instructions, not by memory (24 MB per Pilatus
    /// 1M frame in 2.5 ms is half the bandwidth). Walking four or eight parts of the frame in step, so that
    /// additions into the same bin overlap, measured slower: the processor already overlaps them, and the extra
    /// pointers spill registers.
    @inline(__always)
    private static func accumulateBands(width: Int, pixels: UnsafeBufferPointer<Double>,
                                        dark: UnsafeBufferPointer<Double>?, first: UnsafeBufferPointer<UInt32>,
                                        band: UnsafeBufferPointer<Float>, sums: UnsafeMutablePointer<SIMD2<Double>>,
                                        filter: PixelFilter, invalid: inout [Int]) {
        let weights = band.baseAddress!
        @inline(__always) func add(_ pixel: Int) {
            let bin = first[pixel]
            guard bin < irregular else { return }
            let raw = pixels[pixel]
            guard filter.accepts(raw) else {
                invalid.append(pixel)
                return
            }
            let darkValue = dark?[pixel] ?? 0
            let value = SIMD2(raw - darkValue, max(raw, 1))
            let target = sums + Int(bin)
            let run = weights + pixel * width
            for k in 0..<width {
                let c = Double(run[k])
                target[k] += SIMD2(c, c * c) * value
            }
        }
        for pixel in 0..<pixels.count {
            add(pixel)
        }
    }

    /// pyFAI's "azimuthal" model: the variance comes from the spread of the normalized pixel values x = s/norm
    /// around the bin's mean, accumulated as pyFAI does with the weighted incremental (West/Welford) update
    /// V += ω²·(x − mean_before)·(x − mean_after), ω = c·norm. The update is sequential, so pixels go in order.
    func azimuthalTotals(_ frame: [Double], dark: [Double]?, filter: PixelFilter) -> BinTotals {
        var totals = BinTotals(signal: [Double](repeating: 0, count: binCount),
                               variance: [Double](repeating: 0, count: binCount),
                               norm: [Double](repeating: 0, count: binCount),
                               weight: [Double](repeating: 0, count: binCount),
                               entries: [Int32](repeating: 0, count: binCount))
        for pixel in 0..<pixelCount where firstBin[pixel] != Self.unused {
            let raw = frame[pixel]
            guard filter.accepts(raw) else { continue }
            let signal = raw - (dark?[pixel] ?? 0)
            let norm = normalization[pixel]
            let value = signal / norm
            forEachBin(of: pixel) { bin, c in
                guard c > 0 else { return }
                let omega = c * norm
                if totals.norm[bin] == 0 {
                    totals.signal[bin] = c * signal
                    totals.norm[bin] = omega
                } else {
                    let before = totals.signal[bin] / totals.norm[bin] - value
                    totals.signal[bin] += c * signal
                    totals.norm[bin] += omega
                    let after = totals.signal[bin] / totals.norm[bin] - value
                    totals.variance[bin] += omega * omega * before * after
                }
                totals.weight[bin] += c
                totals.entries[bin] += 1
            }
        }
        return totals
    }
}

/// Decides per frame which pixel values are invalid: NaN and ±∞ (an overflowed pixel must not poison its bin),
/// the detector's invalid values and pyFAI's dummy value.
struct PixelFilter: Sendable {
    private let lowest: Double
    private let limit: Double
    private let dummyLower: Double
    private let dummyUpper: Double

    init(invalid: InvalidPixelValues, dummy: ClosedRange<Double>?) {
        lowest = invalid.below ?? -.greatestFiniteMagnitude
        limit = invalid.atOrAbove ?? .infinity
        // An empty interval when there is no dummy, so the test stays one comparison pair without an optional.
        dummyLower = dummy?.lowerBound ?? .infinity
        dummyUpper = dummy?.upperBound ?? -.infinity
    }

    /// Comparisons with NaN are false, so NaN fails the first test; so do -∞ (below the lowest finite value)
    /// and +∞ (not below the limit).
    /// The tests are combined without short-circuits: invalid pixels are rare, so one well-predicted branch on
    /// the result costs less than a branch per test.
    @inline(__always)
    func accepts(_ raw: Double) -> Bool {
        let inRange = (raw >= lowest ? 1 : 0) & (raw < limit ? 1 : 0)
        let dummy = (raw >= dummyLower ? 1 : 0) & (raw <= dummyUpper ? 1 : 0)
        return inRange & ~dummy & 1 != 0
    }
}
