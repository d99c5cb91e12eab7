/// The `.saxs.json` document: what was processed, how, and what came out. `docs/sidecar.md` describes each
/// field and `docs/sidecar.schema.json` validates it. Optional fields are left out when not computed, never
/// filled with placeholders.
public struct Sidecar: Codable, Sendable, Equatable {
    public static let schemaIdentifier = "saxsd.sidecar/1"

    public enum Status: String, Codable, Sendable {
        case ok, error
    }

    public struct Failure: Codable, Sendable, Equatable {
        public var kind: String
        public var message: String

        public init(kind: String, message: String) {
            self.kind = kind
            self.message = message
        }
    }

    public struct Source: Codable, Sendable, Equatable {
        public var path: String
        public var size: Int64
        /// ISO 8601 UTC with nanoseconds, exactly as stat(2) reported it.
        public var mtime: String
        /// Index of this frame in its file (0 for a single frame); absent when the file could not be read.
        public var frame: Int?
        /// Number of frames in the file; absent when the file could not be read.
        public var frames: Int?
        public var format: String?
        /// [rows, columns]
        public var shape: [Int]?
        /// Seconds, from the header keys configured for the format (`[metadata.FORMAT]`).
        public var exposureTime: Double?
        public var monitor: Double?
        public var transmission: Double?
        public var wavelengthM: Double?
        public var distanceM: Double?

        enum CodingKeys: String, CodingKey {
            case path, size, mtime, frame, frames, format, shape, monitor, transmission
            case exposureTime = "exposure_time", wavelengthM = "wavelength_m", distanceM = "distance_m"
        }

        public init(path: String, size: Int64, mtime: String, frame: Int? = nil, frames: Int? = nil) {
            self.path = path
            self.size = size
            self.mtime = mtime
            self.frame = frame
            self.frames = frames
        }
    }

    /// Something the frame was processed despite, worth an operator's look.
    public struct Warning: Codable, Sendable, Equatable {
        public var kind: String
        public var message: String

        public init(kind: String, message: String) {
            self.kind = kind
            self.message = message
        }
    }

    public struct GeometrySummary: Codable, Sendable, Equatable {
        public var poniFile: String?
        public var detector: String?
        public var distanceM: Double
        public var poni1M: Double
        public var poni2M: Double
        public var rot1Rad: Double
        public var rot2Rad: Double
        public var rot3Rad: Double
        public var wavelengthM: Double
        public var pixel1M: Double
        public var pixel2M: Double
        /// Where the direct beam meets the detector, in pixels [row, column]; absent when it misses the plane.
        public var beamCenterPx: [Double]?

        enum CodingKeys: String, CodingKey {
            case poniFile = "poni_file", detector
            case distanceM = "distance_m", poni1M = "poni1_m", poni2M = "poni2_m"
            case rot1Rad = "rot1_rad", rot2Rad = "rot2_rad", rot3Rad = "rot3_rad"
            case wavelengthM = "wavelength_m", pixel1M = "pixel1_m", pixel2M = "pixel2_m"
            case beamCenterPx = "beam_center_px"
        }
    }

    public struct Integration: Codable, Sendable, Equatable {
        public var unit: String
        public var npt: Int
        public var split: String
        public var errorModel: String
        public var solidAngle: Bool
        /// Absent for pyFAI's cos³.
        public var solidAngleOrder: Int?
        public var polarization: Double?
        public var dummy: Double?
        public var deltaDummy: Double?
        public var mask: String?
        public var geometry: GeometrySummary
        public var configHash: String
        /// `linear` or `log`.
        public var spacing: String?
        /// [low, high] of the bins in `unit`; absent when the bins span the pixels.
        public var radialRange: [Double]?
        /// [low, high] degrees of chi of the main profile; absent for the whole ring.
        public var azimuthRangeDeg: [Double]?
        /// Angle of the polarization plane; absent without polarization correction.
        public var polarizationAxisOffsetDeg: Double?
        public var invalidBelow: Double?
        public var invalidAtOrAbove: Double?
        public var dark: String?
        public var flat: String?
        /// Absent when intensities are not divided by anything.
        public var normalization: NormalizationSummary?

        enum CodingKeys: String, CodingKey {
            case unit, npt, split, solidAngle = "solid_angle", polarization, dummy, mask, geometry
            case solidAngleOrder = "solid_angle_order"
            case errorModel = "error_model", deltaDummy = "delta_dummy", configHash = "config_hash"
            case spacing, radialRange = "radial_range", azimuthRangeDeg = "azimuth_range_deg"
            case polarizationAxisOffsetDeg = "polarization_axis_offset_deg"
            case invalidBelow = "invalid_below", invalidAtOrAbove = "invalid_at_or_above", dark, flat, normalization
        }
    }

    public struct NormalizationSummary: Codable, Sendable, Equatable {
        public var factor: Double
        /// Frame header keys whose values also divide the intensity.
        public var headerKeys: [String]

        enum CodingKeys: String, CodingKey {
            case factor, headerKeys = "header_keys"
        }
    }

    public struct Profile: Codable, Sendable, Equatable {
        /// Name of the `.saxs.dat` file beside this one; absent when that format is not written.
        public var file: String?
        public var unit: String
        public var points: Int
        public var qMin: Double?
        public var qMax: Double?
        /// Pixels that took part (valid, unmasked, inside the radial range).
        public var pixels: Int

        enum CodingKeys: String, CodingKey {
            case file, unit, points, pixels
            case qMin = "q_min", qMax = "q_max"
        }
    }

    public struct SoftwareInfo: Codable, Sendable, Equatable {
        public var name: String
        public var version: String
    }

    public var schema = Sidecar.schemaIdentifier
    public var status: Status
    public var error: Failure?
    public var source: Source
    /// Absent when there is nothing to warn about.
    public var warnings: [Warning]?
    public var integration: Integration?
    public var profile: Profile?
    /// One per `[anisotropy] sectors` entry, in order.
    public var sectors: [Sector]?
    public var azimuthalProfile: AzimuthalProfile?
    public var orientation: Orientation?
    public var cake: CakeSummary?
    /// Absent when no model set is configured or the profile has no features (a 2θ profile).
    public var phase: Phase?
    /// By name; the phase's parameters as estimated, absent with `phase` or when the label is "unknown".
    public var parameters: [String: Parameter]?
    /// Milliseconds per stage: `read`, `integrate`, `anisotropy`, `phase`, `write_dat`, `write_cake`, `total`.
    public var timingMs: [String: Double]
    public var software = SoftwareInfo(name: Software.name, version: Software.version)
    public var processedAt: String

    public init(status: Status, error: Failure? = nil, source: Source, integration: Integration? = nil,
                profile: Profile? = nil, timingMs: [String: Double], processedAt: String) {
        self.status = status
        self.error = error
        self.source = source
        self.integration = integration
        self.profile = profile
        self.timingMs = timingMs
        self.processedAt = processedAt
    }

    enum CodingKeys: String, CodingKey {
        case schema, status, error, source, warnings, integration, profile, sectors, orientation, cake, phase
        case parameters, software
        case azimuthalProfile = "azimuthal_profile"
        case timingMs = "timing_ms", processedAt = "processed_at"
    }
}
