import SAXSFrames

/// Per-pixel maps at pixel centres, row-major like `Frame.pixels`, computed as pyFAI does: in the frame order of
/// any of its four detector orientations, and with the parallax correction when the geometry asks for it.
extension Geometry {
    /// The radial coordinate of every pixel centre, in `unit`.
    public func radialMap(shape: FrameShape, unit: RadialUnit = .qNm,
                          precision: PositionPrecision = .double) throws(GeometryError) -> [Double] {
        try check(shape: shape)
        let frame = LabFrame(self)
        let space = unit.space
        let scale = unit.scale
        return mapCentres(shape: shape, precision: precision) { p1, p2 in
            frame.radial(frame.lab(p1: p1, p2: p2), space: space) * scale
        }
    }

    /// pyFAI's azimuth chi (rad, in (−π, π]) of every pixel centre.
    public func chiMap(shape: FrameShape, precision: PositionPrecision = .double) throws(GeometryError) -> [Double] {
        try check(shape: shape)
        let frame = LabFrame(self)
        return mapCentres(shape: shape, precision: precision) { p1, p2 in frame.chi(frame.lab(p1: p1, p2: p2)) }
    }

    /// pyFAI's relative solid angle of every pixel, cos³ of its incidence angle (1 at the PONI).
    public func solidAngleMap(shape: FrameShape) throws(GeometryError) -> [Double] {
        try check(shape: shape)
        let frame = LabFrame(self)
        return mapCentres(shape: shape, precision: .double) { p1, p2 in frame.solidAngle(p1: p1, p2: p2) }
    }

    /// pyFAI's polarization correction for polarization factor `factor` (−1...1) and axis offset 0.
    public func polarizationMap(shape: FrameShape, factor: Double) throws(GeometryError) -> [Double] {
        try check(shape: shape)
        guard factor.isFinite, (-1...1).contains(factor) else {
            throw GeometryError(key: "polarization", reason: "the polarization factor must lie in -1...1, got \(factor)")
        }
        let frame = LabFrame(self)
        return mapCentres(shape: shape, precision: .double) { p1, p2 in
            frame.polarization(frame.lab(p1: p1, p2: p2), factor: factor)
        }
    }

    /// A valid geometry whose detector, when known, has this frame size.
    func check(shape: FrameShape) throws(GeometryError) {
        try validate()
        guard shape.rows > 0, shape.columns > 0 else {
            throw GeometryError(key: "shape", reason: "the frame shape \(shape) is empty")
        }
        if let maxShape, maxShape != shape {
            throw GeometryError(key: "max_shape",
                                reason: "frames are \(shape) (rows x columns) but the detector \(detector) is \(maxShape)")
        }
    }

    /// Evaluates `value` at every pixel centre, given its position from the PONI along the slow and fast axes.
    /// The position is where pyFAI puts the pixel: for a flipped orientation, frame row r is physical row
    /// rows − 1 − r (likewise columns), so every map follows the orientation through this one place.
    func mapCentres(shape: FrameShape, precision: PositionPrecision,
                    _ value: @Sendable (_ p1: Double, _ p2: Double) -> Double) -> [Double] {
        let offsets1 = centreOffsets(count: shape.rows, pixel: pixel1, poni: poni1, precision: precision,
                                     flipped: flipsRows)
        let offsets2 = centreOffsets(count: shape.columns, pixel: pixel2, poni: poni2, precision: precision,
                                     flipped: flipsColumns)
        return Self.grid(offsets1, offsets2, value)
    }

    /// Distances of pixel centres from the PONI along one axis, in frame order.
    func centreOffsets(count: Int, pixel: Double, poni: Double, precision: PositionPrecision,
                       flipped: Bool) -> [Double] {
        let offsets: [Double]
        switch precision {
        case .double:
            offsets = (0..<count).map { (Double($0) + 0.5) * pixel - poni }
        case .single:
            // pyFAI's Detector computes and caches positions in single precision, then subtracts the PONI.
            let pixel32 = Float(pixel), poni32 = Float(poni)
            offsets = (0..<count).map { Double((Float($0) + 0.5) * pixel32 - poni32) }
        }
        return flipped ? offsets.reversed() : offsets
    }

    /// Evaluates `value` at every pixel corner: (rows + 1) × (columns + 1) values, row-major in frame order.
    /// Pixel (r, c) has its corners at grid points (r, c), (r + 1, c), (r + 1, c + 1) and (r, c + 1); with a
    /// flipped orientation grid line k lies at physical line rows − k, as in pyFAI.
    func mapCorners(shape: FrameShape, _ value: @Sendable (_ p1: Double, _ p2: Double) -> Double) -> [Double] {
        let offsets1 = cornerOffsets(count: shape.rows, pixel: pixel1, poni: poni1, flipped: flipsRows)
        let offsets2 = cornerOffsets(count: shape.columns, pixel: pixel2, poni: poni2, flipped: flipsColumns)
        return Self.grid(offsets1, offsets2, value)
    }

    /// `value` at every (row offset, column offset), row-major. Rows are shared among the cores: a map of a
    /// large detector takes millions of trigonometric evaluations, and each row is independent.
    private static func grid(_ offsets1: [Double], _ offsets2: [Double],
                             _ value: @Sendable (_ p1: Double, _ p2: Double) -> Double) -> [Double] {
        let columns = offsets2.count
        var map = [Double](repeating: 0, count: offsets1.count * columns)
        map.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            _ = Parallel.chunks(offsets1.count, minimumChunk: max(1, 8192 / max(columns, 1))) { rows in
                for row in rows {
                    let p1 = offsets1[row]
                    var index = row * columns
                    for p2 in offsets2 {
                        out[index] = value(p1, p2)
                        index += 1
                    }
                }
            }
        }
        return map
    }

    /// Distances of the `count + 1` pixel edges from the PONI along one axis, in frame order.
    private func cornerOffsets(count: Int, pixel: Double, poni: Double, flipped: Bool) -> [Double] {
        let offsets = (0...count).map { Double($0) * pixel - poni }
        return flipped ? offsets.reversed() : offsets
    }
}
