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

/// 64-bit FNV-1a: stable across runs and platforms (Swift's Hasher is seeded per process).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 { mix(byte) }
    }

    mutating func add(_ flags: [Bool]) {
        for flag in flags { mix(flag ? 1 : 0) }
    }

    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x0000_0100_0000_01b3
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - digits.count) + digits
    }
}
