extension SparseBinMatrix {
    /// pyFAI's ("bbox", "csr") integration: each pixel covers [x − Δx, x + Δx] around its centre x, where Δx is the
    /// largest distance from the centre to one of its four corners, and is shared among the bins that interval
    /// overlaps in proportion to the overlap.
    ///
    /// The range spans the intervals of the valid pixels, the upper end widened by one single-precision ulp.
    static func boundingBoxSplitting(_ pixels: PixelTable, geometry: Geometry, space: RadialUnit.Space,
                                     binCount: Int) throws(IntegrationError) -> (RadialBinning, SparseBinMatrix) {
        let halfWidth = cornerHalfWidths(pixels, geometry: geometry, space: space)
        var lowest = Double.infinity
        var highest = -Double.infinity
        for pixel in pixels.radial.indices where pixels.isValid[pixel] {
            // Every radial unit is non-negative, and pyFAI clips the interval there.
            lowest = min(lowest, max(pixels.radial[pixel] - halfWidth[pixel], 0))
            highest = max(highest, pixels.radial[pixel] + halfWidth[pixel])
        }
        let binning = try RadialBinning(lower: lowest, highest: highest, count: binCount)

        var builder = Builder(reservingCapacity: pixels.radial.count * 3)
        for pixel in pixels.radial.indices where pixels.isValid[pixel] {
            let start = binning.fractionalBin(max(pixels.radial[pixel] - halfWidth[pixel], 0))
            let end = binning.fractionalBin(pixels.radial[pixel] + halfWidth[pixel])
            let first = min(max(Int(start), 0), binCount - 1)
            let last = min(Int(end), binCount - 1)
            if first >= last {
                builder.add(bin: first, pixel: pixel, coefficient: 1)
                continue
            }
            let perBin = 1 / (end - start)
            builder.add(bin: first, pixel: pixel, coefficient: perBin * (Double(first + 1) - start))
            for bin in (first + 1)..<last {
                builder.add(bin: bin, pixel: pixel, coefficient: perBin)
            }
            builder.add(bin: last, pixel: pixel, coefficient: perBin * (end - Double(last)))
        }
        return (binning, builder.build(binCount: binCount, normalization: pixels.normalization))
    }

    /// Δx of every pixel. pyFAI keeps corner positions in single precision, so the corners are rounded to Float
    /// before the distance to the (double) centre is taken; that rounding sets the bin range to the last digit.
    static func cornerHalfWidths(_ pixels: PixelTable, geometry: Geometry, space: RadialUnit.Space) -> [Double] {
        let corners = radialCorners(pixels, geometry: geometry, space: space)
        let columns = pixels.shape.columns
        let stride = columns + 1
        var halfWidth = [Double](repeating: 0, count: pixels.radial.count)
        for row in 0..<pixels.shape.rows {
            for column in 0..<columns {
                let pixel = row * columns + column
                let centre = pixels.radial[pixel]
                let corner = row * stride + column
                halfWidth[pixel] = max(abs(corners[corner] - centre), abs(corners[corner + 1] - centre),
                                       abs(corners[corner + stride] - centre), abs(corners[corner + stride + 1] - centre))
            }
        }
        return halfWidth
    }

    /// The radial coordinate of every pixel corner, rounded to single precision as pyFAI stores corner arrays.
    static func radialCorners(_ pixels: PixelTable, geometry: Geometry, space: RadialUnit.Space) -> [Double] {
        let frame = LabFrame(geometry)
        return geometry.mapCorners(shape: pixels.shape) { p1, p2 in
            Double(Float(frame.radial(frame.lab(p1: p1, p2: p2), space: space)))
        }
    }
}
