extension PixelBins {
    /// pyFAI's "full" splitting: the pixel is the quadrilateral of its four corners in the (radial, chi) plane,
    /// and each bin receives the fraction of that area lying between its radial edges.
    ///
    /// Corners are in single precision along the radial axis, as pyFAI stores them; areas are computed in
    /// double precision (pyFAI computes them in single, which alone moves its coefficients by up to ~1e-4 of a
    /// pixel). Only linear bins over whole rings come here (the settings' validation sees to it).
    func fullSplit(_ pixel: Int, into entries: inout AxisEntries, areas: inout [Double]) {
        entries.removeAll()
        let columns = table.shape.columns
        let stride = columns + 1
        let corner = (pixel / columns) * stride + pixel % columns
        // Going round the pixel: (r, c), (r+1, c), (r+1, c+1), (r, c+1).
        let grid = SIMD4(corner, corner + stride, corner + stride + 1, corner + 1)
        let x = (SIMD4(table.radialCorners[grid[0]], table.radialCorners[grid[1]], table.radialCorners[grid[2]],
                       table.radialCorners[grid[3]]) - radial.lower) / radial.width
        var y = SIMD4(table.chiCorners[grid[0]], table.chiCorners[grid[1]], table.chiCorners[grid[2]],
                      table.chiCorners[grid[3]])
        // A pixel astride chi = ±π has corners on both sides of the cut; move them to one side.
        if y.max() - y.min() > .pi { y.replace(with: y + 2 * .pi, where: y .< 0) }
        let count = radial.count
        guard x.max() >= 0, x.min() < Double(count) else { return }
        let first = min(max(Int(x.min()), 0), count - 1)
        let last = min(max(Int(x.max()), first), count - 1)
        if first == last {
            entries.append(first, 1)
            return
        }
        areas.removeAll(keepingCapacity: true)
        areas.append(contentsOf: repeatElement(0, count: last - first + 1))
        // Measuring chi from the pixel's lowest corner keeps the signed areas from cancelling large offsets.
        y -= y.min()
        // Only a pixel around the beam still spans more than π; it has no quadrilateral in (radial, chi).
        let surroundsBeam = y.max() > .pi
        if !surroundsBeam {
            for k in 0..<4 {
                Self.addArea(from: (x[k], y[k]), to: (x[(k + 1) % 4], y[(k + 1) % 4]), first: first, last: last,
                             into: &areas)
            }
        }
        let total = areas.reduce(0, +)
        if surroundsBeam || !(total.isFinite && total != 0) {
            // As bounding-box splitting does: evenly over the pixel's radial extent.
            let start = max(x.min(), Double(first)), end = min(x.max(), Double(last + 1))
            let perBin = 1 / (end - start)
            entries.append(first, perBin * (Double(first + 1) - start))
            for bin in (first + 1)..<last {
                entries.append(bin, perBin)
            }
            entries.append(last, perBin * (end - Double(last)))
            return
        }
        for (offset, area) in areas.enumerated() {
            entries.append(first + offset, area / total)
        }
    }

    /// Adds ∫ y dx along one edge to the bins it crosses, signed by its direction, so that going round the
    /// quadrilateral leaves in each bin the area of the part that lies there.
    private static func addArea(from start: (x: Double, y: Double), to end: (x: Double, y: Double),
                                first: Int, last: Int, into areas: inout [Double]) {
        guard start.x != end.x else { return }
        let slope = (end.y - start.y) / (end.x - start.x)
        let intercept = start.y - slope * start.x
        let (lowest, highest, sign) = start.x < end.x ? (start.x, end.x, 1.0) : (end.x, start.x, -1.0)
        // Only the part of the pixel on the axis counts; with a radial range the rest is cut off, and the part
        // inside then takes the whole pixel, as with bounding boxes.
        let low = max(lowest, Double(first))
        let high = min(highest, Double(last + 1))
        var from = low
        var bin = min(max(Int(low), first), last)
        while from < high {
            let to = min(Double(bin + 1), high)
            areas[bin - first] += sign * 0.5 * (to - from) * (slope * (to + from) + 2 * intercept)
            from = to
            bin = min(bin + 1, last)
        }
    }
}
