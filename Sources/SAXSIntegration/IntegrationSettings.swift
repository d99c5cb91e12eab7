/// What an integration is asked to do, independent of the detector geometry.
/// Hashable so that a prepared integrator can be reused while the settings stay the same.
public struct IntegrationSettings: Sendable, Hashable, Codable {
    /// Number of radial bins.
    public var npt: Int
    public var unit: RadialUnit
    public var split: PixelSplitting
    public var solidAngle: Bool
    /// Power of the cosine of the incidence angle in the solid angle (pyFAI's `order`): 3 is the true solid
    /// angle of a flat pixel; some programs (Dioptas' older releases) used 4.
    public var solidAngleOrder: Int
    /// pyFAI's polarization factor (-1 ... 1); nil leaves intensities uncorrected for polarization.
    public var polarization: Double?
    /// Angle of the polarization plane from chi = 0, in degrees (pyFAI's axis offset).
    public var polarizationAxisOffset: Double
    public var errorModel: ErrorModel
    /// Pixels holding this value (within `deltaDummy`) are masked, like pyFAI's `dummy`.
    public var dummy: Double?
    public var deltaDummy: Double?
    /// Values the detector writes for pixels without a measurement.
    public var invalid: InvalidPixelValues
    /// Radial range of the bins in `unit`; nil spans the pixels, as pyFAI does.
    public var radialRange: ClosedRange<Double>?
    public var spacing: BinSpacing
    /// Azimuthal sector in degrees of pyFAI's chi (see `AzimuthRange`); nil is the whole ring.
    public var azimuthRange: AzimuthRange?
    /// Division of every intensity and sigma towards absolute scale.
    public var normalization: Normalization

    public init(
        npt: Int = 1000,
        unit: RadialUnit = .qNm,
        split: PixelSplitting = .bbox,
        solidAngle: Bool = true,
        polarization: Double? = 0.99,
        errorModel: ErrorModel = .poisson,
        dummy: Double? = nil,
        deltaDummy: Double? = nil,
        polarizationAxisOffset: Double = 0,
        invalid: InvalidPixelValues = InvalidPixelValues(),
        radialRange: ClosedRange<Double>? = nil,
        spacing: BinSpacing = .linear,
        azimuthRange: AzimuthRange? = nil,
        normalization: Normalization = Normalization(),
        solidAngleOrder: Int = 3
    ) {
        self.npt = npt
        self.unit = unit
        self.split = split
        self.solidAngle = solidAngle
        self.solidAngleOrder = solidAngleOrder
        self.polarization = polarization
        self.polarizationAxisOffset = polarizationAxisOffset
        self.errorModel = errorModel
        self.dummy = dummy
        self.deltaDummy = deltaDummy
        self.invalid = invalid
        self.radialRange = radialRange
        self.spacing = spacing
        self.azimuthRange = azimuthRange
        self.normalization = normalization
    }
}

/// The radial coordinate of a profile. Raw values are the names used in configuration files and on the
/// command line.
public enum RadialUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case qNm = "q_nm^-1"
    case qA = "q_A^-1"
    case twoThetaDeg = "2th_deg"
    case rMm = "r_mm"

    /// Column header used in `.saxs.dat` files.
    public var columnLabel: String {
        switch self {
        case .qNm: "q [1/nm]"
        case .qA: "q [1/A]"
        case .twoThetaDeg: "2theta [deg]"
        case .rMm: "r [mm]"
        }
    }
}

/// How a pixel's counts are shared between radial bins.
public enum PixelSplitting: String, Sendable, Hashable, Codable, CaseIterable {
    /// Each pixel goes whole into the bin of its centre (pyFAI's "no" splitting).
    case no
    /// Each pixel is spread over the bins its bounding box covers (pyFAI's "bbox").
    case bbox
    /// Each pixel is spread by the exact overlap of its quadrilateral (pyFAI's "full").
    case full
}

/// Where a bin's uncertainty comes from.
public enum ErrorModel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Counting statistics: variance = max(raw counts, 1) per pixel, before any dark is subtracted.
    case poisson
    /// The spread of the pixel values within each bin.
    case azimuthal
}

/// How bin edges are spaced along the radial axis.
public enum BinSpacing: String, Sendable, Hashable, Codable, CaseIterable {
    /// Equal widths, as pyFAI.
    case linear
    /// Equal ratios between successive edges: a SAXS curve spanning decades in q gets as many bins per decade
    /// at its low-q end as at its high-q end.
    case log
}

/// A sector of pyFAI's azimuth chi, in degrees. Chi is periodic, so `lower` may be any angle and the sector runs
/// counter-clockwise to `upper` (at most one turn further); 170...190 is the sector astride chi = ±180.
public struct AzimuthRange: Sendable, Hashable, Codable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// The whole ring starting at pyFAI's cut, chi = -180.
    public static let fullCircle = AzimuthRange(lower: -180, upper: 180)

    public var width: Double { upper - lower }
    public var isFullCircle: Bool { width >= 360 }
}

/// Pixel values that mean "no measurement" rather than a count. Pilatus detectors write -1 in the gaps between
/// modules and -2 for bad pixels; Eiger detectors write the largest value of their integer type (0xFFFF for
/// 16-bit frames, 0xFFFFFFFF for 32-bit ones). NaN and infinite values are always invalid.
public struct InvalidPixelValues: Sendable, Hashable, Codable {
    /// Values below this are invalid.
    public var below: Double?
    /// Values at or above this are invalid.
    public var atOrAbove: Double?

    public init(below: Double? = nil, atOrAbove: Double? = nil) {
        self.below = below
        self.atOrAbove = atOrAbove
    }

    /// What a detector of pyFAI's name marks as invalid. Eiger frames are taken as 32-bit, as data files of
    /// Eiger2 detectors store them; 16-bit Eiger frames need `atOrAbove = 65535` set explicitly.
    public static func forDetector(_ name: String) -> InvalidPixelValues {
        let family = KnownDetector.normalized(name)
        if family.hasPrefix("pilatus") { return InvalidPixelValues(below: 0) }
        if family.hasPrefix("eiger") { return InvalidPixelValues(atOrAbove: 4_294_967_295) }
        return InvalidPixelValues()
    }
}

/// A division of the integrated intensity towards absolute scale: by a constant, and by header values of each
/// frame such as the incident-beam monitor, the exposure time, the transmission or the sample thickness.
public struct Normalization: Sendable, Hashable, Codable {
    public var factor: Double
    /// Header keys whose values divide the intensity; a frame missing one of them is an error.
    public var headerKeys: [String]

    public init(factor: Double = 1, headerKeys: [String] = []) {
        self.factor = factor
        self.headerKeys = headerKeys
    }

    public var isIdentity: Bool { factor == 1 && headerKeys.isEmpty }
}
