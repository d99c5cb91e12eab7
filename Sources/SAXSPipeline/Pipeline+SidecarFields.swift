import SAXSIntegration

/// The `.saxs.json` fields made from the settings and from a frame's results.
extension Pipeline {
    /// How the frame was integrated: every setting that shaped its profiles. Optional settings appear only when
    /// they are in force.
    func integrationInfo() -> Sidecar.Integration {
        let s = settings.integration
        let g = settings.geometry
        let center = g.beamCentre.map { [$0.row, $0.column] }
        let geometry = Sidecar.GeometrySummary(
            poniFile: settings.poniPath, detector: g.detector, distanceM: g.distance, poni1M: g.poni1, poni2M: g.poni2,
            rot1Rad: g.rot1, rot2Rad: g.rot2, rot3Rad: g.rot3, wavelengthM: g.wavelength, pixel1M: g.pixel1,
            pixel2M: g.pixel2, beamCenterPx: center)
        var info = Sidecar.Integration(unit: s.unit.rawValue, npt: s.npt, split: s.split.rawValue,
                                       errorModel: s.errorModel.rawValue, solidAngle: s.solidAngle,
                                       polarization: s.polarization, dummy: s.dummy, deltaDummy: s.deltaDummy,
                                       mask: settings.maskPath, geometry: geometry, configHash: settings.configHash)
        info.spacing = s.spacing.rawValue
        info.solidAngleOrder = s.solidAngle && s.solidAngleOrder != 3 ? s.solidAngleOrder : nil
        info.radialRange = s.radialRange.map { [$0.lowerBound, $0.upperBound] }
        info.azimuthRangeDeg = s.azimuthRange.map { [$0.lower, $0.upper] }
        info.polarizationAxisOffsetDeg = s.polarization == nil ? nil : s.polarizationAxisOffset
        info.invalidBelow = s.invalid.below
        info.invalidAtOrAbove = s.invalid.atOrAbove
        info.dark = settings.darkPath
        info.flat = settings.flatPath
        if !s.normalization.isIdentity {
            info.normalization = Sidecar.NormalizationSummary(factor: s.normalization.factor,
                                                              headerKeys: s.normalization.headerKeys)
        }
        return info
    }

    /// The sectors, the azimuthal profile, the orientation and the cake, for what was computed.
    func addAnisotropy(_ result: AnisotropyResult, files: DataFiles, to sidecar: inout Sidecar) {
        if !result.sectors.isEmpty {
            sidecar.sectors = result.sectors.indices.map { offset in
                let sector = settings.anisotropy.sectors[offset]
                let part = profileSummary(result.sectors[offset], file: files.sectors[offset])
                return Sidecar.Sector(azimuthRangeDeg: [sector.lower, sector.upper], file: part.file, unit: part.unit,
                                      points: part.points, pixels: part.pixels, qMin: part.qMin, qMax: part.qMax)
            }
        }
        sidecar.azimuthalProfile = result.azimuthal.map(azimuthalSummary)
        sidecar.orientation = result.orientation.flatMap(orientationSummary)
        if let cake = result.cake, let file = files.cake {
            sidecar.cake = Sidecar.CakeSummary(file: file, unit: cake.unit.rawValue, radialBins: cake.radial.count,
                                               azimuthBins: cake.azimuth.count)
        }
    }

    /// Points, pixels and radial range of a profile's non-empty bins, as its `.dat` holds them.
    func profileSummary(_ profile: Profile, file: String?) -> Sidecar.Profile {
        let filled = profile.nonEmptyBins
        let pixels = filled.reduce(0.0) { $0 + profile.count[$1] }
        let range = profile.radialRange
        return Sidecar.Profile(file: file, unit: profile.unit.rawValue, points: filled.count, qMin: range?.lowerBound,
                               qMax: range?.upperBound, pixels: Int(pixels.rounded()))
    }

    /// JSON has no NaN or infinity: a bin without a finite value is left out like an empty one, rather than
    /// making the whole sidecar unwritable.
    func azimuthalSummary(_ profile: AzimuthalProfile) -> Sidecar.AzimuthalProfile {
        let filled = profile.count.indices.filter {
            profile.count[$0] > 0 && profile.intensity[$0].isFinite && profile.sigma[$0].isFinite
        }
        return Sidecar.AzimuthalProfile(band: [profile.band.lowerBound, profile.band.upperBound],
                                        unit: profile.unit.rawValue, chiDeg: filled.map { profile.azimuth[$0] },
                                        intensity: filled.map { profile.intensity[$0] },
                                        sigma: filled.map { profile.sigma[$0] })
    }

    /// Nil when a value is not finite (JSON cannot hold it): an orientation that cannot be stated is absent.
    func orientationSummary(_ orientation: OrientationParameter) -> Sidecar.Orientation? {
        let values = [orientation.p2, orientation.sigma, orientation.cos2, orientation.reference]
        guard values.allSatisfy(\.isFinite) else { return nil }
        return Sidecar.Orientation(p2: orientation.p2, sigma: orientation.sigma, cos2Mean: orientation.cos2,
                            referenceChiDeg: orientation.reference, referenceSource: orientation.referenceSource,
                            baseline: orientation.baseline, filledBins: orientation.filledBins)
    }
}
