extension FormFactor {
    /// A sweep's sums from one form-factor evaluation per size.
    func pointwiseSweep(_ sweep: SizeSweep, q: [Double], shape: [Double], gradient: Bool,
                        into sums: inout SizeSweepSums) {
        let n = q.count, m = shape.count, swept = sweep.parameter
        sums = SizeSweepSums(count: n, shapeCount: m, gradient: gradient)
        var shape = shape
        var p = [Double](repeating: 0, count: n)
        var pGradient = [Double](repeating: 0, count: gradient ? n * m : 0)
        for k in sweep.sizes.indices {
            let w = sweep.weights[k]
            // sasmodels skips weights that are not > 0 (its cutoff); they add nothing and may be underflowed.
            guard w > 0 else { continue }
            shape[swept] = sweep.sizes[k]
            guard gradient else {
                squaredAmplitude(q: q, shape: shape, into: &p)
                for i in 0..<n { sums.amplitude[i] += w * p[i] }
                continue
            }
            squaredAmplitude(q: q, shape: shape, into: &p, gradient: &pGradient)
            let byWidth = sweep.widthWeights[k], byOffset = sweep.offsetWeights[k]
            // Once per size over every q and parameter; raw buffers keep it a fraction of the form factor's cost.
            p.withUnsafeBufferPointer { p in
                pGradient.withUnsafeBufferPointer { dP in
                    sums.amplitude.withUnsafeMutableBufferPointer { amplitude in
                        sums.amplitudeByWidth.withUnsafeMutableBufferPointer { amplitudeByWidth in
                            sums.gradient.withUnsafeMutableBufferPointer { sum in
                                sums.offsetGradient.withUnsafeMutableBufferPointer { offset in
                                    for i in 0..<n {
                                        amplitude[i] += w * p[i]
                                        amplitudeByWidth[i] += byWidth * p[i]
                                        for j in 0..<m { sum[i * m + j] += w * dP[i * m + j] }
                                        offset[i] += byOffset * dP[i * m + swept]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
