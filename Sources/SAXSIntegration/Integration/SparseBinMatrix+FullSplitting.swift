extension SparseBinMatrix {
    /// pyFAI's ("full", "csr") integration: each pixel is the quadrilateral of its four corners in the
    /// (radial, chi) plane, and each bin receives the fraction of that area lying between its radial edges.
    ///
    /// The range spans the corners of the valid pixels (corners in single precision, as pyFAI stores them), the
    /// upper end widened by one single-precision ulp. Areas are computed in double precision; pyFAI computes
    /// them in single, which alone moves its coefficients by up to ~1e-4 of a pixel.
    static func fullSplitting(_ pixels: PixelTable, geometry: Geometry, space: RadialUnit.Space,
                              binCount: Int) throws(IntegrationError) -> (RadialBinning, SparseBinMatrix) {
        let radial = radialCorners(pixels, geometry: geometry, space: space)
        let frame = LabFrame(geometry)
        let chi = geometry.mapCorners(shape: pixels.shape) { p1, p2 in frame.chi(frame.lab(p1: p1, p2: p2)) }
        let columns = pixels.shape.columns
        let stride = columns + 1
        /// Grid indices of pixel (r, c)'s corners, going round it: (r, c), (r+1, c), (r+1, c+1), (r, c+1).
        func corners(_ pixel: Int) -> SIMD4<Int> {
            let corner = (pixel / columns) * stride + pixel % columns
            return SIMD4(corner, corner + stride, corner + stride + 1, corner + 1)
        }

        var lowest = Double.infinity
        var highest = -Double.infinity
        for pixel in pixels.radial.indices where pixels.isValid[pixel] {
            let grid = corners(pixel)
            for k in 0..<4 {
                lowest = min(lowest, radial[grid[k]])
                highest = max(highest, radial[grid[k]])
            }
        }
        let binning = try RadialBinning(lower: lowest, highest: highest, count: binCount)

        var builder = Builder(reservingCapacity: pixels.radial.count * 3)
        var areas: [Double] = []
        for pixel in pixels.radial.indices where pixels.isValid[pixel] {
            let grid = corners(pixel)
            let x = (SIMD4(radial[grid[0]], radial[grid[1]], radial[grid[2]], radial[grid[3]]) - binning.lower)
                / binning.width
            var y = SIMD4(chi[grid[0]], chi[grid[1]], chi[grid[2]], chi[grid[3]])
            // A pixel astride chi = ±π has corners on both sides of the cut; move them to one side.
            if y.max() - y.min() > .pi { y.replace(with: y + 2 * .pi, where: y .< 0) }
            let first = min(max(Int(x.min()), 0), binCount - 1)
            let last = min(max(Int(x.max()), first), binCount - 1)
            if first == last {
                builder.add(bin: first, pixel: pixel, coefficient: 1)
                continue
            }
            areas.removeAll(keepingCapacity: true)
            areas.append(contentsOf: repeatElement(0, count: last - first + 1))
            // Measuring chi from the pixel's lowest corner keeps the signed areas from cancelling large offsets.
            y -= y.min()
            // Only a pixel around the beam still spans more than π; it has no quadrilateral in (radial, chi).
            let surroundsBeam = y.max() > .pi
            if !surroundsBeam {
                for k in 0..<4 {
                    addArea(from: (x[k], y[k]), to: (x[(k + 1) % 4], y[(k + 1) % 4]), first: first, last: last, into: &areas)
                }
            }
            let total = areas.reduce(0, +)
            if surroundsBeam || !(total.isFinite && total != 0) {
                addEvenly(from: x.min(), to: x.max(), first: first, last: last, pixel: pixel, into: &builder)
                continue
            }
            for (offset, area) in areas.enumerated() {
                builder.add(bin: first + offset, pixel: pixel, coefficient: area / total)
            }
        }
        return (binning, builder.build(binCount: binCount, normalization: pixels.normalization))
    }

    /// Adds ∫ y dx along one edge to the bins it crosses, signed by its direction, so that going round the
    /// quadrilateral leaves in each bin the area of the part that lies there.
    private static func addArea(from start: (x: Double, y: Double), to end: (x: Double, y: Double),
                                first: Int, last: Int, into areas: inout [Double]) {
        guard start.x != end.x else { return }
        let slope = (end.y - start.y) / (end.x - start.x)
        let intercept = start.y - slope * start.x
        let (low, high, sign) = start.x < end.x ? (start.x, end.x, 1.0) : (end.x, start.x, -1.0)
        var from = low
        var bin = min(max(Int(low), first), last)
        while from < high {
            let to = min(Double(bin + 1), high)
            areas[bin - first] += sign * 0.5 * (to - from) * (slope * (to + from) + 2 * intercept)
            from = to
            bin = min(bin + 1, last)
        }
    }

    /// Spreads a pixel uniformly over [start, end] (in bins), as bounding-box splitting does.
    private static func addEvenly(from start: Double, to end: Double, first: Int, last: Int, pixel: Int,
                                  into builder: inout Builder) {
        let perBin = 1 / (end - start)
        builder.add(bin: first, pixel: pixel, coefficient: perBin * (Double(first + 1) - start))
        for bin in (first + 1)..<last {
            builder.add(bin: bin, pixel: pixel, coefficient: perBin)
        }
        builder.add(bin: last, pixel: pixel, coefficient: perBin * (end - Double(last)))
    }
}
