import SAXSFrames

/// Where the detector sits relative to the sample and the beam, in pyFAI's PONI convention.
///
/// Lengths are in metres and angles in radians, as in a `.poni` file. `poni1`/`poni2` locate the point of
/// normal incidence on the detector along the slow (dim1) and fast (dim2) axes, measured from the corner of the
/// detector's first pixel in pyFAI's native orientation; `distance` is the sample to PONI distance along the
/// detector normal. The three rotations are pyFAI's, applied in the order rot1, rot2, rot3.
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
    /// pyFAI's detector orientation: how the stored frame is flipped relative to pyFAI's native layout.
    /// 3 (BottomRight, the default) is unflipped; 1 flips rows and columns, 2 only rows, 4 only columns.
    public var orientation: Int
    /// The sensor layer, as pyFAI's `Detector_config` describes it; needed for the parallax correction.
    public var sensor: DetectorSensor?
    /// Whether pixel positions are corrected for parallax (PONI version 3's `Parallax: True`).
    public var parallax: Bool

    /// `orientation` 0 is pyFAI's "unspecified", which it reads as 3.
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
        orientation: Int = 3,
        sensor: DetectorSensor? = nil,
        parallax: Bool = false
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
        self.orientation = orientation == 0 ? 3 : orientation
        self.sensor = sensor
        self.parallax = parallax
    }

    /// Checks what the pixel maps rely on. Keys are spelled as in a PONI file, so that the PONI reader can point
    /// at the line at fault; fields that live in `Detector_config` are reported under that key.
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
        // pyFAI numbers the ways a detector image can be flipped; 0 ("unspecified") means 3. 5 to 8 (transposed
        // images) are reserved by pyFAI and unsupported there too.
        guard (0...4).contains(orientation) else {
            throw GeometryError(key: "Detector_config",
                                reason: "detector orientation must be 1, 2, 3 or 4 (pyFAI; 0 means 3), got \(orientation)")
        }
        if let maxShape, maxShape.rows <= 0 || maxShape.columns <= 0 {
            throw GeometryError(key: "Detector_config", reason: "max_shape must hold two positive sizes, got \(maxShape)")
        }
        if let thickness = sensor?.thickness, !(thickness.isFinite && thickness > 0) {
            throw GeometryError(key: "Detector_config",
                                reason: "the sensor thickness must be a positive length in metres (leave it out for a thick sensor), got \(thickness)")
        }
        if parallax {
            _ = try ParallaxCorrection(self)
        }
    }

    /// Orientations 1 and 2 store the rows in the reverse of pyFAI's native order.
    var flipsRows: Bool { orientation == 1 || orientation == 2 }

    /// Orientations 1 and 4 store the columns in the reverse of pyFAI's native order.
    var flipsColumns: Bool { orientation == 1 || orientation == 4 }
}
