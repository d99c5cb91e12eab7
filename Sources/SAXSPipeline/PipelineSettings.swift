import SAXSFrames
import SAXSIntegration

/// Everything the pipeline needs that stays fixed between configuration reloads: geometry, mask, dark and flat
/// already loaded, integration and anisotropy settings, and where sidecars and cached matrices go.
public struct PipelineSettings: Sendable {
    public var geometry: Geometry
    /// Path of the PONI file the geometry came from, recorded in sidecars; nil for a Fit2D geometry.
    public var poniPath: String?
    public var mask: DetectorMask?
    public var maskPath: String?
    public var integration: IntegrationSettings
    public var corrections: PixelCorrections
    /// The files of `corrections`, recorded in sidecars.
    public var darkPath: String?
    public var flatPath: String?
    /// Where integration matrices are kept between runs; nil to build them on every start.
    public var cache: MatrixCache?
    public var anisotropy: AnisotropySettings
    public var metadata: MetadataSettings
    /// Empty: sidecars beside the raw data.
    public var outputRoot: String
    public var writeDat: Bool
    /// nil: frames get no phase or parameters.
    public var phases: PhaseSettings?
    /// Identifies geometry, mask, dark and flat fields and integration settings together, so results made under
    /// different configurations can be told apart. The anisotropy settings add files but change no profile, so
    /// they stay out.
    public var configHash: String

    public init(geometry: Geometry, poniPath: String? = nil, mask: DetectorMask? = nil, maskPath: String? = nil,
                integration: IntegrationSettings, corrections: PixelCorrections = PixelCorrections(),
                darkPath: String? = nil, flatPath: String? = nil, cache: MatrixCache? = nil,
                anisotropy: AnisotropySettings = AnisotropySettings(),
                metadata: MetadataSettings = MetadataSettings(), outputRoot: String = "", writeDat: Bool = true,
                phases: PhaseSettings? = nil) {
        self.geometry = geometry
        self.poniPath = poniPath
        self.mask = mask
        self.maskPath = maskPath
        self.integration = integration
        self.corrections = corrections
        self.darkPath = darkPath
        self.flatPath = flatPath
        self.cache = cache
        self.anisotropy = anisotropy
        self.metadata = metadata
        self.outputRoot = outputRoot
        self.writeDat = writeDat
        self.phases = phases
        var hash = FNV1a()
        hash.add(geometry.fingerprint)
        hash.add(integration.fingerprint)
        if let mask { hash.add(mask.isMasked) }
        // Added only when present, so that configurations without them keep the hashes they had before.
        if let dark = corrections.dark {
            hash.add("dark")
            hash.add(bitPatterns: dark)
        }
        if let flat = corrections.flat {
            hash.add("flat")
            hash.add(bitPatterns: flat)
        }
        self.configHash = hash.hex
    }
}
