extension IntegrationSettings {
    /// Refuses settings that would give a meaningless profile rather than an error.
    public func validate() throws(IntegrationError) {
        guard (1...1_000_000).contains(npt) else {
            throw IntegrationError(.invalidSettings, "npt must lie in 1...1000000, got \(npt)")
        }
        if let polarization, !(polarization.isFinite && (-1...1).contains(polarization)) {
            throw IntegrationError(.invalidSettings, "the polarization factor must lie in -1...1, got \(polarization)")
        }
        if let dummy, !dummy.isFinite {
            throw IntegrationError(.invalidSettings, "dummy must be a finite number, got \(dummy)")
        }
        if let deltaDummy {
            guard dummy != nil else {
                throw IntegrationError(.invalidSettings, "deltaDummy is set but dummy is not")
            }
            guard deltaDummy.isFinite, deltaDummy >= 0 else {
                throw IntegrationError(.invalidSettings, "deltaDummy must be a non-negative number, got \(deltaDummy)")
            }
        }
    }

    /// The pixel values pyFAI's `dummy`/`delta_dummy` reject: exactly `dummy`, or within `deltaDummy` of it.
    var dummyRange: ClosedRange<Double>? {
        guard let dummy else { return nil }
        let delta = deltaDummy ?? 0
        return (dummy - delta)...(dummy + delta)
    }

    /// Every field in a fixed order; with `Geometry.fingerprint` it keys cached integrators and results.
    public var fingerprint: String {
        "settings/1 npt=\(npt) unit=\(unit.rawValue) split=\(split.rawValue) solid_angle=\(solidAngle) "
            + "polarization=\(polarization.map { "\($0)" } ?? "none") error_model=\(errorModel.rawValue) "
            + "dummy=\(dummy.map { "\($0)" } ?? "none") delta_dummy=\(deltaDummy.map { "\($0)" } ?? "none")"
    }
}
