import SAXSFrames
import Synchronization

/// One detector set-up — geometry, frame shape, mask and corrections — from which several integrators are built
/// (the main profile, sectors, an azimuthal profile, a cake). Its checks run once, and the per-pixel maps and the
/// hash that keys cached matrices are computed on first use and shared, instead of once per integrator.
public final class DetectorSetup: Sendable {
    public let geometry: Geometry
    public let shape: FrameShape
    public let mask: DetectorMask?
    public let corrections: PixelCorrections
    /// Every table carries chi: integrators with azimuthal bins will be built from this set-up, and one table
    /// then serves them and the plain profiles alike.
    public let withChi: Bool

    /// What a pixel table depends on besides the set-up: integrators differing only in their bins share one.
    private struct TableKey: Hashable {
        var space: RadialUnit.Space
        var split: PixelSplitting
        var solidAngle: Bool
        var solidAngleOrder: Int
        var polarization: Double?
        var polarizationAxisOffset: Double
    }

    private let tables = Mutex<[TableKey: PixelTable]>([:])
    private let hashed = Mutex<String?>(nil)

    public init(geometry: Geometry, shape: FrameShape, mask: DetectorMask? = nil,
                corrections: PixelCorrections = PixelCorrections(), withChi: Bool = false) throws(IntegrationError) {
        do {
            try geometry.validate()
        } catch {
            throw IntegrationError(.geometry, error.description)
        }
        if let maxShape = geometry.maxShape, maxShape != shape {
            throw IntegrationError(.shapeMismatch,
                                   "frames are \(shape) (rows x columns) but the detector \(geometry.detector) is \(maxShape)")
        }
        guard shape.rows > 0, shape.columns > 0 else {
            throw IntegrationError(.shapeMismatch, "the frame shape \(shape) is empty")
        }
        guard shape.pixelCount < Int(UInt32.max - 2) else {
            throw IntegrationError(.unsupported, "frames of \(shape.pixelCount) pixels are beyond the integrator's 2^32 limit")
        }
        if let mask {
            do {
                try mask.check(shape: shape)
            } catch {
                throw IntegrationError(.shapeMismatch, error.description)
            }
        }
        try corrections.check(shape: shape)
        self.geometry = geometry
        self.shape = shape
        self.mask = mask
        self.corrections = corrections
        self.withChi = withChi
    }

    /// The pixel maps `settings` needs. A table with chi serves integrators without azimuthal bins too.
    func table(_ settings: IntegrationSettings, azimuthal needsChi: Bool) -> PixelTable {
        let azimuthal = needsChi || withChi
        let key = TableKey(space: settings.unit.space, split: settings.split, solidAngle: settings.solidAngle,
                           solidAngleOrder: settings.solidAngleOrder,
                           polarization: settings.polarization, polarizationAxisOffset: settings.polarizationAxisOffset)
        return tables.withLock { tables in
            if let table = tables[key], table.hasChi || !azimuthal { return table }
            let table = PixelTable(geometry: geometry, shape: shape, mask: mask, settings: settings,
                                   corrections: corrections, azimuthal: azimuthal)
            tables[key] = table
            return table
        }
    }

    /// Geometry, frame shape, mask and what of the corrections shapes a matrix, for cache keys. Hashing a mask
    /// or a flat field of millions of pixels is paid once per set-up.
    var fingerprint: String {
        hashed.withLock { hashed in
            if let hashed { return hashed }
            let text = Self.fingerprint(geometry: geometry, shape: shape, mask: mask, corrections: corrections)
            hashed = text
            return text
        }
    }

    static func fingerprint(geometry: Geometry, shape: FrameShape, mask: DetectorMask?,
                            corrections: PixelCorrections) -> String {
        var maskHash = FNV1a()
        if let mask { maskHash.add(mask.isMasked) }
        return "\(geometry.fingerprint) frame=\(shape) mask=\(mask == nil ? "none" : maskHash.hex) "
            + corrections.matrixFingerprint
    }
}
