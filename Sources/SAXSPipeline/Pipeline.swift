import Foundation
import SAXSFrames
import SAXSIntegration
import Synchronization

/// Frame file in, sidecars out: read, integrate, write `.saxs.dat` then `.saxs.json`.
///
/// The `.saxs.json` is written last because it is the ledger's "done" mark: whoever sees it can rely on the
/// `.saxs.dat` beside it being complete. Integrators are prepared once per frame shape and shared by all
/// workers.
public final class Pipeline: Sendable {
    public let settings: PipelineSettings
    private let reader: FrameFile
    private let integrators = Mutex<[FrameShape: Result<RadialIntegrator, IntegrationError>]>([:])

    public init(settings: PipelineSettings, reader: FrameFile = FrameFile()) {
        self.settings = settings
        self.reader = reader
    }

    /// Processes one raw file. Never throws: unreadable frames become error sidecars.
    public func process(path: String, root: String?) -> FileOutcome {
        let started = Timestamp.monotonic()
        guard let before = SourceStamp.of(path: path) else { return .vanished }
        let location = SidecarLocation(source: path, root: root, outputRoot: settings.outputRoot)

        let format: String
        let frames: [Frame]
        do {
            (format, frames) = try reader.read(path: path)
        } catch {
            guard SourceStamp.of(path: path) == before else { return .changedWhileReading }
            let failure = Sidecar.Failure(kind: error.kind.rawValue, message: error.message)
            let readMs = (Timestamp.monotonic() - started) * 1000
            return write(failureFor: path, stamp: before, location: location, failure: failure, readMs: readMs)
        }
        // A writer that rewrote the file while we read it would give a torn result: read again when quiet.
        guard SourceStamp.of(path: path) == before else { return .changedWhileReading }
        let readMs = (Timestamp.monotonic() - started) * 1000 / Double(max(1, frames.count))

        var outcomes: [FrameOutcome] = []
        for frame in frames {
            let index: Int? = frames.count > 1 ? frame.index : nil
            do {
                outcomes.append(try integrate(frame, count: frames.count, index: index, path: path, format: format,
                                              stamp: before, location: location, readMs: readMs))
            } catch {
                return .writeFailed(error)
            }
        }
        return .processed(outcomes)
    }

    /// The integrator for this frame shape, prepared on first use.
    public func integrator(for shape: FrameShape) -> Result<RadialIntegrator, IntegrationError> {
        if let ready = integrators.withLock({ $0[shape] }) { return ready }
        // Built outside the lock: preparing a large detector takes a while and other shapes need not wait.
        let built: Result<RadialIntegrator, IntegrationError>
        do {
            built = .success(try RadialIntegrator(geometry: settings.geometry, shape: shape, mask: settings.mask,
                                                  settings: settings.integration))
        } catch {
            built = .failure(error)
        }
        return integrators.withLock { cache in
            if let raced = cache[shape] { return raced }
            cache[shape] = built
            return built
        }
    }

    private func integrate(_ frame: Frame, count: Int, index: Int?, path: String, format: String, stamp: SourceStamp,
                           location: SidecarLocation, readMs: Double) throws(SidecarError) -> FrameOutcome {
        var source = sourceInfo(path: path, stamp: stamp)
        source.frame = frame.index
        source.frames = count
        source.format = format
        source.shape = [frame.shape.rows, frame.shape.columns]
        source.exposureTime = frame.header.exposureTime
        let jsonPath = location.path(frame: index, suffix: SidecarLocation.jsonSuffix)
        let datPath = location.path(frame: index, suffix: SidecarLocation.datSuffix)

        let integrator: RadialIntegrator
        switch self.integrator(for: frame.shape) {
        case .success(let ready): integrator = ready
        case .failure(let error):
            return try writeFailure(error, source: source, datPath: datPath, jsonPath: jsonPath, location: location,
                                    index: index, readMs: readMs)
        }

        let integrateStart = Timestamp.monotonic()
        let profile: Profile
        do {
            profile = try integrator.integrate(frame)
        } catch {
            return try writeFailure(error, source: source, datPath: datPath, jsonPath: jsonPath, location: location,
                                    index: index, readMs: readMs)
        }
        let integrateMs = (Timestamp.monotonic() - integrateStart) * 1000
        let filled = profile.nonEmptyBins

        var timing = ["read": readMs, "integrate": integrateMs]
        var datName: String?
        if settings.writeDat {
            let writeStart = Timestamp.monotonic()
            try AtomicFile.makeFolders(location.folder)
            try AtomicFile.write(datFile(profile, frame: frame, path: path, frames: count).bytes(), to: datPath)
            timing["write_dat"] = (Timestamp.monotonic() - writeStart) * 1000
            datName = location.name(frame: index, suffix: SidecarLocation.datSuffix)
        }
        let qRange = filled.first.map { profile.radial[$0]...profile.radial[filled.last!] }
        let pixels = filled.reduce(0.0) { $0 + profile.count[$1] }
        let summary = Sidecar.Profile(file: datName, unit: settings.integration.unit.rawValue, points: filled.count,
                                      qMin: qRange?.lowerBound, qMax: qRange?.upperBound, pixels: Int(pixels.rounded()))
        var sidecar = Sidecar(status: .ok, source: source, integration: integrationInfo(), profile: summary,
                              timingMs: timing, processedAt: Timestamp.now())
        sidecar.timingMs["total"] = readMs + (Timestamp.monotonic() - integrateStart) * 1000
        return try writeSidecar(sidecar, to: jsonPath, location: location, frame: index, points: filled.count, qRange: qRange)
    }

    /// A frame that cannot be integrated (other dimensions than the mask, every pixel masked).
    private func writeFailure(_ error: IntegrationError, source: Sidecar.Source, datPath: String, jsonPath: String,
                              location: SidecarLocation, index: Int?, readMs: Double) throws(SidecarError) -> FrameOutcome {
        let failure = Sidecar.Failure(kind: error.kind.rawValue, message: error.message)
        try removeStale(datPath)
        let sidecar = Sidecar(status: .error, error: failure, source: source, integration: integrationInfo(),
                              timingMs: ["read": readMs, "total": readMs], processedAt: Timestamp.now())
        return try writeSidecar(sidecar, to: jsonPath, location: location, frame: index, points: 0, qRange: nil)
    }

    private func write(failureFor path: String, stamp: SourceStamp, location: SidecarLocation,
                       failure: Sidecar.Failure, readMs: Double) -> FileOutcome {
        let jsonPath = location.path(frame: nil, suffix: SidecarLocation.jsonSuffix)
        let sidecar = Sidecar(status: .error, error: failure, source: sourceInfo(path: path, stamp: stamp),
                              timingMs: ["read": readMs, "total": readMs], processedAt: Timestamp.now())
        do {
            try removeStale(location.path(frame: nil, suffix: SidecarLocation.datSuffix))
            return .processed([try writeSidecar(sidecar, to: jsonPath, location: location, frame: nil, points: 0, qRange: nil)])
        } catch {
            return .writeFailed(error)
        }
    }

    private func writeSidecar(_ sidecar: Sidecar, to path: String, location: SidecarLocation, frame: Int?,
                              points: Int, qRange: ClosedRange<Double>?) throws(SidecarError) -> FrameOutcome {
        let bytes: [UInt8]
        do {
            bytes = try sidecar.jsonBytes()
        } catch {
            throw SidecarError(path: path, operation: "encode JSON (\(error))", errno: EINVAL)
        }
        try AtomicFile.makeFolders(location.folder)
        try AtomicFile.write(bytes, to: path)
        return FrameOutcome(source: sidecar.source.path, frame: frame, sidecar: path, status: sidecar.status,
                            error: sidecar.error, points: points, qRange: qRange, timingMs: sidecar.timingMs)
    }

    /// An error sidecar must not sit beside the profile of an older version of the file.
    private func removeStale(_ datPath: String) throws(SidecarError) {
        if unlink(datPath) != 0 && errno != ENOENT {
            throw SidecarError(path: datPath, operation: "remove the outdated profile", errno: errno)
        }
    }

    private func sourceInfo(path: String, stamp: SourceStamp) -> Sidecar.Source {
        Sidecar.Source(path: path, size: stamp.size, mtime: stamp.mtime)
    }

    private func integrationInfo() -> Sidecar.Integration {
        let s = settings.integration
        let g = settings.geometry
        let center = g.beamCentre.map { [$0.row, $0.column] }
        let geometry = Sidecar.GeometrySummary(
            poniFile: settings.poniPath, detector: g.detector, distanceM: g.distance, poni1M: g.poni1, poni2M: g.poni2,
            rot1Rad: g.rot1, rot2Rad: g.rot2, rot3Rad: g.rot3, wavelengthM: g.wavelength, pixel1M: g.pixel1,
            pixel2M: g.pixel2, beamCenterPx: center)
        return Sidecar.Integration(unit: s.unit.rawValue, npt: s.npt, split: s.split.rawValue,
                                   errorModel: s.errorModel.rawValue, solidAngle: s.solidAngle,
                                   polarization: s.polarization, dummy: s.dummy, deltaDummy: s.deltaDummy,
                                   mask: settings.maskPath, geometry: geometry, configHash: settings.configHash)
    }

    /// The `.saxs.dat` content of a profile: its non-empty bins under comment lines that say where it came
    /// from and how it was made.
    public func datFile(_ profile: Profile, frame: Frame, path: String, frames count: Int) -> DatFile {
        let filled = profile.nonEmptyBins
        return DatFile(comments: datComments(path: path, frame: frame, count: count),
                       columns: "\(settings.integration.unit.columnLabel) I sigma",
                       radial: filled.map { profile.radial[$0] },
                       intensity: filled.map { profile.intensity[$0] },
                       sigma: filled.map { profile.sigma[$0] })
    }

    private func datComments(path: String, frame: Frame, count: Int) -> [String] {
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
        if let dummy = s.dummy { integration += " dummy=\(dummy)" }
        lines.append("integration: \(integration)")
        if let mask = settings.maskPath { lines.append("mask: \(mask)") }
        lines.append("config_hash: \(settings.configHash)")
        return lines
    }
}
