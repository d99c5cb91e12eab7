import SAXSFrames

/// Where the detector sits relative to the sample and the beam, in pyFAI's PONI convention.
///
/// Lengths are in metres and angles in radians, as in a `.poni` file. `poni1`/`poni2` locate the point of
/// normal incidence on the detector along the slow (row, dim1) and fast (column, dim2) axes, measured from the
/// detector's first pixel corner; `distance` is the sample to PONI distance along the detector normal. The three
/// rotations are pyFAI's, applied in the order rot1, rot2, rot3.
public struct Geometry: Sendable, Hashable {
    public var distance: Double
    public var poni1: Double
    public var poni2: Double
    public var rot1: Double
    public var rot2: Double
    public var rot3: Double
    public var wavelength: Double
    /// Pixel size along the slow axis (rows).
    public var pixel1: Double
    /// Pixel size along the fast axis (columns).
    public var pixel2: Double
    /// pyFAI's detector name as written in the PONI file ("Pilatus1M"; "Detector" for a generic one).
    public var detector: String
    /// Full frame size of the detector when known; frames of another shape are refused.
    public var maxShape: FrameShape?
    /// pyFAI's detector orientation (1...4). Only 3, pyFAI's default, is supported by the pixel maps.
    public var orientation: Int

    public init(
        distance: Double,
        poni1: Double,
        poni2: Double,
        rot1: Double = 0,
        rot2: Double = 0,
        rot3: Double = 0,
        wavelength: Double,
        pixel1: Double,
        pixel2: Double,
        detector: String = "Detector",
        maxShape: FrameShape? = nil,
        orientation: Int = 3
    ) {
        self.distance = distance
        self.poni1 = poni1
        self.poni2 = poni2
        self.rot1 = rot1
        self.rot2 = rot2
        self.rot3 = rot3
        self.wavelength = wavelength
        self.pixel1 = pixel1
        self.pixel2 = pixel2
        self.detector = detector
        self.maxShape = maxShape
        self.orientation = orientation
    }

    /// Checks what the pixel maps rely on. PONI parsing already guarantees it; values built in code may not.
    public func validate() throws(GeometryError) {
        func positive(_ value: Double, _ key: String) throws(GeometryError) {
            guard value.isFinite, value > 0 else {
                throw GeometryError(key: key, reason: "must be a positive finite number, got \(value)")
            }
        }
        func finite(_ value: Double, _ key: String) throws(GeometryError) {
            guard value.isFinite else { throw GeometryError(key: key, reason: "must be a finite number, got \(value)") }
        }
        try positive(distance, "Distance")
        try positive(wavelength, "Wavelength")
        try positive(pixel1, "pixel1")
        try positive(pixel2, "pixel2")
        try finite(poni1, "Poni1")
        try finite(poni2, "Poni2")
        try finite(rot1, "Rot1")
        try finite(rot2, "Rot2")
        try finite(rot3, "Rot3")
        try Self.checkOrientation(orientation, key: "orientation")
        if let maxShape, maxShape.rows <= 0 || maxShape.columns <= 0 {
            throw GeometryError(key: "max_shape", reason: "must hold two positive sizes, got \(maxShape)")
        }
    }

    /// pyFAI numbers the four ways a detector image can be flipped; 3 (BottomRight) is the one its geometry
    /// formulas assume without any flip, and 0 ("unspecified") means the same in older files.
    static func checkOrientation(_ orientation: Int, key: String, line: Int? = nil, path: String? = nil) throws(GeometryError) {
        switch orientation {
        case 0, 3:
            return
        case 1, 2, 4:
            throw GeometryError(path: path, line: line, key: key,
                                reason: "detector orientation \(orientation) is not supported yet; only 3 (pyFAI's default, BottomRight) is")
        default:
            throw GeometryError(path: path, line: line, key: key,
                                reason: "detector orientation must be 1, 2, 3 or 4 (pyFAI), got \(orientation)")
        }
    }
}
