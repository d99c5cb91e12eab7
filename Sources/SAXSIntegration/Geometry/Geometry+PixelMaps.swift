import SAXSFrames

/// Per-pixel maps at pixel centres, row-major like `Frame.pixels`, computed as pyFAI does.
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
    func mapCentres(shape: FrameShape, precision: PositionPrecision,
                    _ value: (_ p1: Double, _ p2: Double) -> Double) -> [Double] {
        let offsets1 = centreOffsets(count: shape.rows, pixel: pixel1, poni: poni1, precision: precision)
        let offsets2 = centreOffsets(count: shape.columns, pixel: pixel2, poni: poni2, precision: precision)
        var map = [Double](repeating: 0, count: shape.pixelCount)
        map.withUnsafeMutableBufferPointer { out in
            var index = 0
            for p1 in offsets1 {
                for p2 in offsets2 {
                    out[index] = value(p1, p2)
                    index += 1
                }
            }
        }
        return map
    }

    /// Distances of pixel centres from the PONI along one axis.
    func centreOffsets(count: Int, pixel: Double, poni: Double, precision: PositionPrecision) -> [Double] {
        switch precision {
        case .double:
            return (0..<count).map { (Double($0) + 0.5) * pixel - poni }
        case .single:
            // pyFAI's Detector computes and caches positions in single precision, then subtracts the PONI.
            let pixel32 = Float(pixel), poni32 = Float(poni)
            return (0..<count).map { Double((Float($0) + 0.5) * pixel32 - poni32) }
        }
    }

    /// Evaluates `value` at every pixel corner: (rows + 1) × (columns + 1) values, row-major. Pixel (r, c) has
    /// its corners at grid points (r, c), (r + 1, c), (r + 1, c + 1) and (r, c + 1).
    func mapCorners(shape: FrameShape, _ value: (_ p1: Double, _ p2: Double) -> Double) -> [Double] {
        let offsets1 = (0...shape.rows).map { Double($0) * pixel1 - poni1 }
        let offsets2 = (0...shape.columns).map { Double($0) * pixel2 - poni2 }
        var map = [Double]()
        map.reserveCapacity(offsets1.count * offsets2.count)
        for p1 in offsets1 {
            for p2 in offsets2 {
                map.append(value(p1, p2))
            }
        }
        return map
    }
}
