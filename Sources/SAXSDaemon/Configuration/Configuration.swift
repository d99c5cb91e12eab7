import Foundation
import SAXSIntegration
import SAXSPipeline

/// Everything saxsd reads from `saxsd.toml`, with the defaults DESIGN.md fixes.
/// Paths are absolute once loaded: relative ones are resolved against the configuration file's folder.
public struct Configuration: Sendable, Hashable {
    public struct Watch: Sendable, Hashable {
        public var roots: [String] = ["/data/beamtime"]
        public var include: [String] = ["*.fits", "*.fit", "*.fts", "*.tif", "*.tiff", "*.cbf", "*.edf", "*.h5"]
        public var recursive = true
        /// Quiet time after a close-after-write before the file is read.
        public var settleMilliseconds = 50
        /// Above zero, the roots are also rescanned this often: network file systems send no inotify events.
        public var pollIntervalSeconds = 0.0
        /// How long a file shorter than its own headers announce is waited for (its writer may be slow)
        /// before it gets an error sidecar of kind `incomplete`.
        public var incompleteTimeoutSeconds = 30.0
        public init() {}
    }

    public struct Integration: Sendable, Hashable {
        /// Either this PONI file or `fit2d` gives the geometry.
        public var poni: String? = "/etc/saxsd/detector.poni"
        /// `[integration.fit2d]`: the geometry in Fit2D's parameters instead of a PONI file.
        public var fit2d: Fit2DGeometry?
        public var mask: String?
        public var dark: String?
        public var flat: String?
        /// Folder of cached integration matrices; nil for none. By default systemd's `CacheDirectory=`, which
        /// it passes as `$CACHE_DIRECTORY` (several folders are separated by colons: the first is used).
        public var cache: String?
        /// Resolved against the geometry's detector when the pipeline settings are made; `settings.invalid`
        /// is replaced then.
        public var invalidBelow = InvalidBound.detectorDefault
        public var invalidAtOrAbove = InvalidBound.detectorDefault
        public var settings = IntegrationSettings()

        public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
            cache = environment["CACHE_DIRECTORY"]?.split(separator: ":").first.map(String.init)
        }
    }

    /// One bound of the pixel values a detector writes for "no measurement" (see `InvalidPixelValues`).
    public enum InvalidBound: Sendable, Hashable {
        /// What `InvalidPixelValues.forDetector` gives for the geometry's detector name.
        case detectorDefault
        /// No bound: every value counts.
        case none
        case value(Double)
    }

    public struct Analysis: Sendable, Hashable {
        public var models = "models"
        public var minProbability = 0.5
        public var refine = true
        public init() {}
    }

    public enum OutputFormat: String, Sendable, Hashable, CaseIterable {
        case dat, json
    }

    public struct Output: Sendable, Hashable {
        /// Empty: sidecars beside the raw data; otherwise a mirror of each watched root under this folder.
        public var root = ""
        public var formats: [OutputFormat] = [.dat, .json]
        public init() {}
    }

    public struct Service: Sendable, Hashable {
        public var workers = 2
        public var queue = 1024
        public init() {}
    }

    public static let defaultPath = "/etc/saxsd/saxsd.toml"

    /// The file this configuration came from; nil for built-in defaults.
    public var path: String?
    public var watch = Watch()
    public var integration: Integration
    public var analysis = Analysis()
    public var anisotropy = AnisotropySettings()
    public var metadata = MetadataSettings()
    public var output = Output()
    public var service = Service()
    /// Lines of the keys in the file, to locate errors found after parsing (a PONI file that is missing).
    var lineIndex: TOMLLineIndex?

    /// The built-in defaults; `environment` supplies systemd's `CACHE_DIRECTORY`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        integration = Integration(environment: environment)
    }
}
