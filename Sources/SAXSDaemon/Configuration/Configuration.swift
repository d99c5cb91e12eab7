import SAXSIntegration

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
        public init() {}
    }

    public struct Integration: Sendable, Hashable {
        public var poni: String? = "/etc/saxsd/detector.poni"
        public var mask: String?
        public var settings = IntegrationSettings()
        public init() {}
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
    public var integration = Integration()
    public var analysis = Analysis()
    public var output = Output()
    public var service = Service()
    /// Lines of the keys in the file, to locate errors found after parsing (a PONI file that is missing).
    var lineIndex: TOMLLineIndex?

    public init() {}
}
