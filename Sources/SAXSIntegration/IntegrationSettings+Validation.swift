extension IntegrationSettings {
    /// Refuses settings that would give a meaningless profile rather than an error.
    public func validate() throws(IntegrationError) {
        guard (1...1_000_000).contains(npt) else {
            throw IntegrationError(.invalidSettings, "npt must lie in 1...1000000, got \(npt)", setting: "npt")
        }
        if let polarization, !(polarization.isFinite && (-1...1).contains(polarization)) {
            throw IntegrationError(.invalidSettings, "the polarization factor must lie in -1...1, got \(polarization)",
                                   setting: "polarization")
        }
        guard polarizationAxisOffset.isFinite else {
            throw IntegrationError(.invalidSettings, "the polarization axis offset must be a finite angle, got \(polarizationAxisOffset)",
                                   setting: "polarization_axis_offset")
        }
        if let dummy, !dummy.isFinite {
            throw IntegrationError(.invalidSettings, "dummy must be a finite number, got \(dummy)", setting: "dummy")
        }
        if let deltaDummy {
            guard dummy != nil else {
                throw IntegrationError(.invalidSettings, "deltaDummy is set but dummy is not", setting: "delta_dummy")
            }
            guard deltaDummy.isFinite, deltaDummy >= 0 else {
                throw IntegrationError(.invalidSettings, "deltaDummy must be a non-negative number, got \(deltaDummy)",
                                       setting: "delta_dummy")
            }
        }
        if let below = invalid.below, below.isNaN {
            throw IntegrationError(.invalidSettings, "the invalid-value bound 'below' is NaN", setting: "invalid_below")
        }
        if let above = invalid.atOrAbove, above.isNaN {
            throw IntegrationError(.invalidSettings, "the invalid-value bound 'at or above' is NaN",
                                   setting: "invalid_at_or_above")
        }
        if let radialRange {
            guard radialRange.lowerBound.isFinite, radialRange.upperBound.isFinite,
                  radialRange.lowerBound < radialRange.upperBound, radialRange.lowerBound >= 0 else {
                throw IntegrationError(.invalidSettings,
                                       "the radial range must be two finite values 0 <= low < high, got \(radialRange)",
                                       setting: "radial_range")
            }
            if spacing == .log, radialRange.lowerBound <= 0 {
                throw IntegrationError(.invalidSettings, "log-spaced bins need a radial range starting above 0, got \(radialRange)",
                                       setting: "radial_range")
            }
        }
        if let azimuthRange {
            guard azimuthRange.lower.isFinite, azimuthRange.upper.isFinite,
                  azimuthRange.lower < azimuthRange.upper, azimuthRange.width <= 360 else {
                throw IntegrationError(.invalidSettings,
                                       "the azimuth range must run from low to high degrees within one turn, got \(azimuthRange.lower)...\(azimuthRange.upper)",
                                       setting: "azimuth_range")
            }
        }
        guard normalization.factor.isFinite, normalization.factor > 0 else {
            throw IntegrationError(.invalidSettings, "the normalization factor must be positive, got \(normalization.factor)",
                                   setting: "normalization_factor")
        }
        if split == .full, spacing == .log || azimuthRange.map({ !$0.isFullCircle }) == true {
            throw IntegrationError(.unsupported,
                                   "full pixel splitting works on whole rings of linear bins; use bbox for log bins and sectors",
                                   setting: "split")
        }
    }

    /// The pixel values pyFAI's `dummy`/`delta_dummy` reject: exactly `dummy`, or within `deltaDummy` of it.
    var dummyRange: ClosedRange<Double>? {
        guard let dummy else { return nil }
        let delta = deltaDummy ?? 0
        return (dummy - delta)...(dummy + delta)
    }

    /// What shapes the integration matrix, in a fixed order: with the geometry, mask and flat field it keys the
    /// matrices cached on disk. Per-frame choices (error model, dummy, invalid values, normalization) stay out.
    var matrixFingerprint: String {
        let range = radialRange.map { "\($0.lowerBound)...\($0.upperBound)" } ?? "auto"
        let sector = azimuthRange.map { "\($0.lower)...\($0.upper)" } ?? "all"
        return "matrix/1 npt=\(npt) unit=\(unit.rawValue) split=\(split.rawValue) solid_angle=\(solidAngle) "
            + "polarization=\(polarization.map { "\($0)" } ?? "none") axis_offset=\(polarizationAxisOffset) "
            + "range=\(range) spacing=\(spacing.rawValue) azimuth=\(sector)"
            // Only when not pyFAI's default, so that existing caches and hashes stay valid.
            + (solidAngle && solidAngleOrder != 3 ? " solid_angle_order=\(solidAngleOrder)" : "")
    }

    /// Every field in a fixed order; with `Geometry.fingerprint` it keys cached integrators and results.
    public var fingerprint: String {
        let keys = normalization.headerKeys.joined(separator: ",")
        return "settings/2 \(matrixFingerprint) error_model=\(errorModel.rawValue) "
            + "dummy=\(dummy.map { "\($0)" } ?? "none") delta_dummy=\(deltaDummy.map { "\($0)" } ?? "none") "
            + "invalid_below=\(invalid.below.map { "\($0)" } ?? "none") "
            + "invalid_at_or_above=\(invalid.atOrAbove.map { "\($0)" } ?? "none") "
            + "normalization=\(normalization.factor) normalize_by=\(keys)"
    }
}
