import SAXSFrames

/// Which header keys hold each format's metadata, and how far the frame's own wavelength and distance may be
/// from the geometry's before the sidecar warns.
public struct MetadataSettings: Sendable, Hashable {
    /// By `FrameReader.format`; a format not listed uses `MetadataKeys.defaults(format:)`.
    public var keys: [String: MetadataKeys]
    /// Relative difference, e.g. 0.01 for 1 %.
    public var tolerance: Double

    public init(keys: [String: MetadataKeys] = [:], tolerance: Double = 0.01) {
        self.keys = keys
        self.tolerance = tolerance
    }

    public func keys(format: String) -> MetadataKeys {
        keys[format] ?? MetadataKeys.defaults(format: format)
    }
}
