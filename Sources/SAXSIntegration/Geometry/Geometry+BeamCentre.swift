import SAXSFrames

extension Geometry {
    /// Where the direct beam hits the detector, in pixels along the frame's rows and columns, in pyFAI's and
    /// Fit2D's convention: pixel i covers [i, i+1), so the centre of the first pixel is 0.5. The frame size comes
    /// from `maxShape`; nil when the beam misses the detector plane, or when the orientation flips an axis and
    /// the detector's size is unknown (then use `beamCentre(shape:)`).
    public var beamCentre: (row: Double, column: Double)? {
        if let maxShape { return beamCentre(shape: maxShape) }
        guard !flipsRows, !flipsColumns, let centre = nativeBeamCentre else { return nil }
        return (centre.dim1, centre.dim2)
    }

    /// The direct beam's position in the frames of this shape (see `beamCentre`). For orientation 3 it is
    /// (centerY, centerX) of `fit2d`; a flipped axis counts from the other end of the frame.
    public func beamCentre(shape: FrameShape) -> (row: Double, column: Double)? {
        guard let centre = nativeBeamCentre else { return nil }
        return (flipsRows ? Double(shape.rows) - centre.dim1 : centre.dim1,
                flipsColumns ? Double(shape.columns) - centre.dim2 : centre.dim2)
    }

    /// The direct beam in pyFAI's native pixel coordinates, which its Fit2D centre uses whatever the orientation.
    var nativeBeamCentre: (dim1: Double, dim2: Double)? {
        // The beam centre is pure geometry: pyFAI ignores parallax for it, and the summary must not depend on a
        // valid sensor description.
        var geometry = self
        geometry.parallax = false
        guard let beam = LabFrame(geometry).directBeam else { return nil }
        return ((beam.p1 + poni1) / pixel1, (beam.p2 + poni2) / pixel2)
    }
}
