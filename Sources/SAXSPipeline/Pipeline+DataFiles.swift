import SAXSFrames
import SAXSIntegration
import SAXSLearning

/// The data files of a frame: the `.saxs.dat` of the main profile and of each sector, each saying in its comments
/// how it was made, and the cake.
extension Pipeline {
    /// Writes every data file of one frame, each atomically, before the `.saxs.json` that will name them. The
    /// profiles follow `[output] formats`; the cake is written whenever it was computed.
    func writeDataFiles(profile: Profile, anisotropy: AnisotropyResult, frame: Frame, path: String, frames count: Int,
                        index: Int?, location: SidecarLocation, phase: PhaseEstimate? = nil,
                        timing: inout [String: Double]) throws(SidecarError) -> DataFiles {
        var files = DataFiles(sectors: [String?](repeating: nil, count: anisotropy.sectors.count))
        if settings.writeDat {
            let started = Timestamp.monotonic()
            let name = location.name(frame: index, suffix: SidecarLocation.datSuffix)
            try AtomicFile.write(datFile(profile, frame: frame, path: path, frames: count, phase: phase).bytes(),
                                 to: "\(location.folder)/\(name)")
            files.profile = name
            for (offset, sectorProfile) in anisotropy.sectors.enumerated() {
                let name = location.name(frame: index, suffix: SidecarLocation.sectorSuffix(offset + 1))
                let dat = datFile(sectorProfile, frame: frame, path: path, frames: count,
                                  sector: settings.anisotropy.sectors[offset])
                try AtomicFile.write(dat.bytes(), to: "\(location.folder)/\(name)")
                files.sectors[offset] = name
            }
            timing["write_dat"] = (Timestamp.monotonic() - started) * 1000
        }
        if let cake = anisotropy.cake {
            let started = Timestamp.monotonic()
            let name = location.name(frame: index, suffix: SidecarLocation.cakeSuffix)
            try AtomicFile.write(CakeFile(cake: cake, spacing: settings.integration.spacing).bytes(),
                                 to: "\(location.folder)/\(name)")
            files.cake = name
            timing["write_cake"] = (Timestamp.monotonic() - started) * 1000
        }
        return files
    }

    /// The `.saxs.dat` content of a profile: its non-empty bins under comment lines that say where it came from
    /// and how it was made. `sector` names the sector of a sector profile; nil for the main profile, whose
    /// sector (if any) is the settings' azimuth range.
    public func datFile(_ profile: Profile, frame: Frame, path: String, frames count: Int,
                        sector: AzimuthRange? = nil, phase: PhaseEstimate? = nil) -> DatFile {
        let filled = profile.nonEmptyBins
        var comments = datComments(path: path, frame: frame, count: count, sector: sector)
        if let phase { comments.append(phaseComment(phase)) }
        return DatFile(comments: comments,
                       columns: "\(profile.unit.columnLabel) I sigma",
                       radial: filled.map { profile.radial[$0] },
                       intensity: filled.map { profile.intensity[$0] },
                       sigma: filled.map { profile.sigma[$0] })
    }

    private func datComments(path: String, frame: Frame, count: Int, sector: AzimuthRange?) -> [String] {
        let s = settings.integration
        let g = settings.geometry
        var lines = ["\(Software.name) \(Software.version) azimuthal integration",
                     "source: \(path)"]
        if count > 1 { lines.append("frame: \(frame.index) of \(count)") }
        lines.append("date: \(Timestamp.now(fractionDigits: 0))")
        if let exposure = frame.header.exposureTime { lines.append("exposure_time_s: \(exposure)") }
        lines.append("unit: \(s.unit.rawValue)")
        lines.append("geometry: \(g.summary)")
        if let poni = settings.poniPath { lines.append("poni: \(poni)") }
        var integration = "npt=\(s.npt) split=\(s.split.rawValue) error_model=\(s.errorModel.rawValue)"
        integration += " solid_angle=\(s.solidAngle) polarization=\(s.polarization.map { "\($0)" } ?? "none")"
        if s.polarization != nil, s.polarizationAxisOffset != 0 {
            integration += " polarization_axis_offset_deg=\(s.polarizationAxisOffset)"
        }
        if let dummy = s.dummy { integration += " dummy=\(dummy)" }
        integration += " spacing=\(s.spacing.rawValue)"
        if let range = s.radialRange { integration += " radial_range=\(range.lowerBound)...\(range.upperBound)" }
        lines.append("integration: \(integration)")
        if let sector = sector ?? s.azimuthRange {
            lines.append("sector: chi \(sector.lower)...\(sector.upper) deg")
        }
        if s.invalid.below != nil || s.invalid.atOrAbove != nil {
            let bounds = [s.invalid.below.map { "below \($0)" }, s.invalid.atOrAbove.map { "at or above \($0)" }]
            lines.append("invalid_pixels: \(bounds.compactMap { $0 }.joined(separator: ", "))")
        }
        if let mask = settings.maskPath { lines.append("mask: \(mask)") }
        if let dark = settings.darkPath { lines.append("dark: \(dark)") }
        if let flat = settings.flatPath { lines.append("flat: \(flat)") }
        if !s.normalization.isIdentity {
            // The header values of this frame, so the scale of the profile can be checked from the file alone.
            let divisors = ["\(s.normalization.factor)"] + s.normalization.headerKeys.map { key in
                "\(key)=\(frame.header[key].map { "\($0)" } ?? "?")"
            }
            lines.append("normalization: divided by \(divisors.joined(separator: " x "))")
        }
        lines.append("config_hash: \(settings.configHash)")
        return lines
    }
}
