import SAXSFrames
import SAXSIntegration

/// Everything the pipeline needs that stays fixed between configuration reloads: geometry and mask already
/// loaded, integration settings, and where sidecars go.
public struct PipelineSettings: Sendable {
    public var geometry: Geometry
    /// Path of the PONI file the geometry came from, recorded in sidecars.
    public var poniPath: String?
    public var mask: DetectorMask?
    public var maskPath: String?
    public var integration: IntegrationSettings
    /// Empty: sidecars beside the raw data.
    public var outputRoot: String
    public var writeDat: Bool
    /// Identifies geometry, mask and integration settings together, so results made under different
    /// configurations can be told apart.
    public var configHash: String

    public init(geometry: Geometry, poniPath: String? = nil, mask: DetectorMask? = nil, maskPath: String? = nil,
                integration: IntegrationSettings, outputRoot: String = "", writeDat: Bool = true) {
        self.geometry = geometry
        self.poniPath = poniPath
        self.mask = mask
        self.maskPath = maskPath
        self.integration = integration
        self.outputRoot = outputRoot
        self.writeDat = writeDat
        var hash = FNV1a()
        hash.add(geometry.fingerprint)
        hash.add(integration.fingerprint)
        if let mask { hash.add(mask.isMasked) }
        self.configHash = hash.hex
    }
}
