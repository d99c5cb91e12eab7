import SAXSFrames

extension RadialIntegrator {
    /// Integrates one frame. Pixels that are NaN or infinite, or that hold the settings' dummy value, are left
    /// out of this frame only; the static mask is already in the matrix.
    public func integrate(_ frame: Frame) throws(IntegrationError) -> Profile {
        guard frame.shape == shape else {
            throw IntegrationError(.shapeMismatch,
                                   "the frame is \(frame.shape) (rows x columns) but the integrator was built for \(shape)")
        }
        let filter = PixelFilter(rejecting: settings.dummyRange)
        let sums = switch settings.errorModel {
        case .poisson: poissonSums(frame.pixels, filter: filter)
        case .azimuthal: azimuthalSums(frame.pixels, filter: filter)
        }
        var intensity = [Double](repeating: 0, count: sums.count)
        var sigma = [Double](repeating: 0, count: sums.count)
        var count = [Double](repeating: 0, count: sums.count)
        for (bin, sum) in sums.enumerated() where sum.count > 0 && sum.norm > 0 {
            intensity[bin] = sum.signal / sum.norm
            sigma[bin] = sum.variance.squareRoot() / sum.norm
            count[bin] = sum.count
        }
        return Profile(unit: settings.unit, radial: radialPositions, intensity: intensity, sigma: sigma, count: count)
    }

    /// Poisson statistics: variance Σ c²·max(raw, 1).
    private func poissonSums(_ frame: [Double], filter: PixelFilter) -> [BinSums] {
        // Two sets of accumulators let consecutive elements add without waiting on each other.
        sumBins(frame) { pixels, elements, range in
            var even = BinSums()
            var odd = BinSums()
            var j = range.lowerBound
            while j + 1 < range.upperBound {
                even.addPoisson(elements[j], pixels[Int(elements[j].pixel)], filter)
                odd.addPoisson(elements[j + 1], pixels[Int(elements[j + 1].pixel)], filter)
                j += 2
            }
            if j < range.upperBound {
                even.addPoisson(elements[j], pixels[Int(elements[j].pixel)], filter)
            }
            return even.merged(with: odd)
        }
    }

    /// pyFAI's "azimuthal" model: the variance comes from the spread of the normalized pixel values x = raw/norm
    /// around the bin's mean, accumulated as pyFAI does with the weighted incremental (West/Welford) update
    /// V += ω²·(x − mean_before)·(x − mean_after), ω = c·norm. The update is sequential, so one accumulator.
    private func azimuthalSums(_ frame: [Double], filter: PixelFilter) -> [BinSums] {
        sumBins(frame) { pixels, elements, range in
            var sum = BinSums()
            for j in range {
                let element = elements[j]
                let raw = pixels[Int(element.pixel)]
                guard filter.accepts(raw) else { continue }
                let c = element.coefficient
                let omega = element.weightedNorm
                let value = c * raw / omega
                if sum.norm == 0 {
                    sum.signal = c * raw
                    sum.norm = omega
                } else {
                    let before = sum.signal / sum.norm - value
                    sum.signal += c * raw
                    sum.norm += omega
                    let after = sum.signal / sum.norm - value
                    sum.variance += omega * omega * before * after
                }
                sum.count += c
            }
            return sum
        }
    }

    /// Runs `bin` over each bin's run of matrix elements. Unchecked buffers: the loops read about one element
    /// per pixel per frame, and bounds checks would double their cost.
    private func sumBins(
        _ frame: [Double],
        _ bin: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<SparseBinMatrix.Element>, Range<Int>) -> BinSums
    ) -> [BinSums] {
        var sums = [BinSums](repeating: BinSums(), count: matrix.binCount)
        frame.withUnsafeBufferPointer { pixels in
            matrix.elements.withUnsafeBufferPointer { elements in
                matrix.binStart.withUnsafeBufferPointer { binStart in
                    sums.withUnsafeMutableBufferPointer { out in
                        for index in 0..<out.count {
                            out[index] = bin(pixels, elements, binStart[index]..<binStart[index + 1])
                        }
                    }
                }
            }
        }
        return sums
    }
}

/// Running sums of one bin.
struct BinSums: Sendable {
    var signal = 0.0
    var norm = 0.0
    var variance = 0.0
    var count = 0.0

    /// Branch-free: a rejected pixel adds zeros, so a few NaN pixels do not cost mispredicted branches.
    @inline(__always)
    mutating func addPoisson(_ element: SparseBinMatrix.Element, _ raw: Double, _ filter: PixelFilter) {
        let accepted = filter.accepts(raw)
        let c = accepted ? element.coefficient : 0
        let value = accepted ? raw : 0
        signal += c * value
        norm += accepted ? element.weightedNorm : 0
        variance += c * c * max(value, 1)
        count += c
    }

    func merged(with other: BinSums) -> BinSums {
        BinSums(signal: signal + other.signal, norm: norm + other.norm,
                variance: variance + other.variance, count: count + other.count)
    }
}

/// Decides per frame which pixel values are invalid: NaN and ±∞ (an overflowed pixel must not poison its bin)
/// and pyFAI's dummy value.
struct PixelFilter: Sendable {
    private let dummyLower: Double
    private let dummyUpper: Double

    init(rejecting dummy: ClosedRange<Double>?) {
        // An empty interval when there is no dummy, so the test stays one comparison pair without an optional.
        dummyLower = dummy?.lowerBound ?? .infinity
        dummyUpper = dummy?.upperBound ?? -.infinity
    }

    @inline(__always)
    func accepts(_ raw: Double) -> Bool {
        raw.isFinite && !(raw >= dummyLower && raw <= dummyUpper)
    }
}
