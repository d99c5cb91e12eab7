/// What a 1-D integration is asked to do, independent of the detector geometry.
/// Hashable so that a prepared integrator can be reused while the settings stay the same.
public struct IntegrationSettings: Sendable, Hashable, Codable {
    public var npt: Int
    public var unit: RadialUnit
    public var split: PixelSplitting
    public var solidAngle: Bool
    /// pyFAI's polarization factor (-1 ... 1); nil leaves intensities uncorrected for polarization.
    public var polarization: Double?
    public var errorModel: ErrorModel
    /// Pixels holding this value (within `deltaDummy`) are masked, like pyFAI's `dummy`.
    public var dummy: Double?
    public var deltaDummy: Double?

    public init(
        npt: Int = 1000,
        unit: RadialUnit = .qNm,
        split: PixelSplitting = .bbox,
        solidAngle: Bool = true,
        polarization: Double? = 0.99,
        errorModel: ErrorModel = .poisson,
        dummy: Double? = nil,
        deltaDummy: Double? = nil
    ) {
        self.npt = npt
        self.unit = unit
        self.split = split
        self.solidAngle = solidAngle
        self.polarization = polarization
        self.errorModel = errorModel
        self.dummy = dummy
        self.deltaDummy = deltaDummy
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
    /// Counting statistics: variance = max(counts, 1) per pixel.
    case poisson
    /// The spread of the pixel values within each bin.
    case azimuthal
}
