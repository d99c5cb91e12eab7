import Foundation
import SAXSIntegration
import TOMLKit

/// `[integration]` and its `[integration.fit2d]` table.
extension TableReader {
    static let integrationKeys = [
        "poni", "fit2d", "mask", "dark", "flat", "cache", "npt", "unit", "split", "solid_angle", "solid_angle_order", "polarization",
        "polarization_axis_offset", "error_model", "dummy", "delta_dummy", "invalid_below", "invalid_at_or_above",
        "radial_range", "spacing", "azimuth_range", "normalization_factor", "normalize_by",
    ]

    static let fit2dKeys = [
        "direct_distance_mm", "centre_x", "centre_y", "tilt_deg", "tilt_plane_rotation_deg", "pixel_x_um",
        "pixel_y_um", "wavelength_A", "detector",
    ]

    func readIntegration(_ section: TOMLTable, into integration: inout Configuration.Integration) throws(ConfigurationError) {
        var settings = integration.settings
        let poni = try string(section, "integration.poni")
        if let poni { integration.poni = poni.isEmpty ? nil : absolute(poni) }
        if let table = try self.section(section, "integration.fit2d", keys: Self.fit2dKeys) {
            if let poni, !poni.isEmpty {
                let line = lines.line(of: "integration.poni").map { " on line \($0)" } ?? ""
                throw fail("integration.fit2d", "the geometry is given twice: remove poni\(line) or [integration.fit2d]")
            }
            integration.fit2d = try readFit2D(table)
            // The built-in PONI path is a default, not a second geometry.
            integration.poni = nil
        }
        for (key, keyPath) in [("mask", \Configuration.Integration.mask), ("dark", \.dark), ("flat", \.flat), ("cache", \.cache)] {
            if let path = try string(section, "integration.\(key)") {
                integration[keyPath: keyPath] = path.isEmpty ? nil : absolute(path)
            }
        }
        if let npt = try integer(section, "integration.npt", in: 1...1_000_000) { settings.npt = npt }
        if let unit: RadialUnit = try choice(section, "integration.unit") { settings.unit = unit }
        if let split: PixelSplitting = try choice(section, "integration.split") { settings.split = split }
        if let solid = try bool(section, "integration.solid_angle") { settings.solidAngle = solid }
        if let order = try integer(section, "integration.solid_angle_order", in: 1...8) {
            guard settings.solidAngle else {
                throw fail("integration.solid_angle_order", "has no effect with solid_angle = false")
            }
            settings.solidAngleOrder = order
        }
        // Leaving the key out means no polarization correction, as the sample file explains.
        settings.polarization = try number(section, "integration.polarization", in: -1...1)
        if let offset = try number(section, "integration.polarization_axis_offset", in: -360...360) {
            settings.polarizationAxisOffset = offset
        }
        if let model: ErrorModel = try choice(section, "integration.error_model") { settings.errorModel = model }
        settings.dummy = try number(section, "integration.dummy", in: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude)
        settings.deltaDummy = try number(section, "integration.delta_dummy", in: 0...Double.greatestFiniteMagnitude)
        if let bound = try invalidBound(section, "integration.invalid_below") { integration.invalidBelow = bound }
        if let bound = try invalidBound(section, "integration.invalid_at_or_above") { integration.invalidAtOrAbove = bound }
        if let spacing: BinSpacing = try choice(section, "integration.spacing") { settings.spacing = spacing }
        if let range = try range(section, "integration.radial_range") { settings.radialRange = range }
        if let range = try range(section, "integration.azimuth_range") {
            settings.azimuthRange = AzimuthRange(lower: range.lowerBound, upper: range.upperBound)
        }
        if let factor = try positive(section, "integration.normalization_factor") { settings.normalization.factor = factor }
        if let keys = try strings(section, "integration.normalize_by") {
            if let blank = keys.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw fail("integration.normalize_by", "entry \(blank + 1) is empty: name frame header keys such as \"EXPTIME\"")
            }
            settings.normalization.headerKeys = keys
        }
        // The integrator's own rules decide which combinations are valid; its error names the key at fault, so a
        // rule added to the integrator later is located here too rather than found on the first frame.
        do {
            try settings.validate()
        } catch {
            throw fail(error.setting.map { "integration.\($0)" } ?? "integration", error.message)
        }
        integration.settings = settings
    }

    /// A number, or `false` for no bound at all; absent keeps the detector's default.
    private func invalidBound(_ table: TOMLTable, _ key: String) throws(ConfigurationError) -> Configuration.InvalidBound? {
        guard let value = table[leaf(key)] else { return nil }
        if value.type == .bool {
            guard value.bool == false else {
                throw fail(key, "must be a number, or false for no bound (leave it out for the detector's default)")
            }
            return Configuration.InvalidBound.none
        }
        guard let number = try number(table, key, in: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) else {
            return nil
        }
        return .value(number)
    }

    /// Fit2D's parameters, checked one by one so that each problem names its key; the conversion to a PONI
    /// geometry is checked here too, so `check-config` finds what the first frame would.
    private func readFit2D(_ table: TOMLTable) throws(ConfigurationError) -> Fit2DGeometry {
        func required(_ value: Double?, _ key: String) throws(ConfigurationError) -> Double {
            guard let value else { throw fail("integration.fit2d.\(key)", "is required in [integration.fit2d]") }
            return value
        }
        let any = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
        let distance = try required(try positive(table, "integration.fit2d.direct_distance_mm"), "direct_distance_mm")
        let centreX = try required(try number(table, "integration.fit2d.centre_x", in: any), "centre_x")
        let centreY = try required(try number(table, "integration.fit2d.centre_y", in: any), "centre_y")
        let tilt = try number(table, "integration.fit2d.tilt_deg", in: -90...90) ?? 0
        guard abs(tilt) < 90 else { throw fail("integration.fit2d.tilt_deg", "must lie strictly between -90 and 90 degrees") }
        let rotation = try number(table, "integration.fit2d.tilt_plane_rotation_deg", in: -360...360) ?? 0
        let pixelX = try required(try positive(table, "integration.fit2d.pixel_x_um"), "pixel_x_um")
        let pixelY = try required(try positive(table, "integration.fit2d.pixel_y_um"), "pixel_y_um")
        let wavelength = try required(try positive(table, "integration.fit2d.wavelength_A"), "wavelength_A")
        let detector = try string(table, "integration.fit2d.detector") ?? "Detector"
        let fit2d = Fit2DGeometry(directDist: distance, centerX: centreX, centerY: centreY, tilt: tilt,
                                  tiltPlanRotation: rotation, pixelX: pixelX, pixelY: pixelY, wavelength: wavelength,
                                  detector: detector)
        do {
            _ = try Geometry(fit2d: fit2d)
        } catch {
            throw fail(Self.fit2dKey(error), error.reason)
        }
        return fit2d
    }

    /// The configuration key of a Fit2D parameter `GeometryError` names; the table itself for the PONI values
    /// the conversion derives.
    static func fit2dKey(_ error: GeometryError) -> String {
        let keys = ["directDist": "direct_distance_mm", "centerX": "centre_x", "centerY": "centre_y", "tilt": "tilt_deg",
                    "tiltPlanRotation": "tilt_plane_rotation_deg", "pixelX": "pixel_x_um", "pixelY": "pixel_y_um",
                    "wavelength": "wavelength_A"]
        return error.key.flatMap { keys[$0] }.map { "integration.fit2d.\($0)" } ?? "integration.fit2d"
    }
}
