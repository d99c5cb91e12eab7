import Foundation
import SAXSFrames
import SAXSIntegration
import SAXSLearning
import Synchronization

/// Frame file in, sidecars out: read, integrate, write the data files (`.saxs.dat`, the sector profiles, the
/// cake) then `.saxs.json`.
///
/// The `.saxs.json` is written last because it is the ledger's "done" mark: whoever sees it can rely on every
/// file it names being complete. Integrators are prepared once per frame shape and shared by all workers.
public final class Pipeline: Sendable {
    public let settings: PipelineSettings
    private let reader: FrameFile
    private let integrators = Mutex<[FrameShape: Result<FrameIntegrators, IntegrationError>]>([:])

    public init(settings: PipelineSettings, reader: FrameFile = FrameFile()) {
        self.settings = settings
        self.reader = reader
    }

    /// Processes one raw file. Never throws: unreadable frames become error sidecars.
    ///
    /// - Parameters:
    ///   - waitForWriter: a file shorter than its own headers announce is left alone (`.incomplete`) for the
    ///     caller to try again later; false gives it an error sidecar of kind `incomplete` at once.
    ///   - resume: a stack whose earlier frames already have sidecars of an earlier, shorter version of the
    ///     file (frames appended since) gets the new frames only. False processes every frame (`--force`).
    public func process(path: String, root: String?, waitForWriter: Bool = false, resume: Bool = true) -> FileOutcome {
        let started = Timestamp.monotonic()
        guard let before = SourceStamp.of(path: path) else { return .vanished }
        let location = SidecarLocation(source: path, root: root, outputRoot: settings.outputRoot)
        let attempt = Attempt(path: path, stamp: before, location: location, started: started)
        let abandoned = resume ? ReadingMark.abandoned(at: location) : nil
        let deaths = abandoned?.stamp == before ? abandoned?.deaths ?? 0 : 0
        if deaths >= ReadingMark.crashesToGiveUp {
            return fail(attempt, "reader_crashed",
                        "saxsd stopped \(deaths) times while reading this version of the file (its reader crashes on "
                        + "it); it is read again once the file changes, or with saxsd process --force")
        }
        let mark = ReadingMark.place(at: location, stamp: before, deaths: deaths)
        defer { mark?.remove() }

        let format: String
        var frames: [Frame]
        do {
            let frameReader = try reader.reader(path: path)
            format = frameReader.format
            if frameReader.isComplete(path: path) == false {
                if waitForWriter { return .incomplete }
                return fail(attempt, FrameError.Kind.incomplete.rawValue,
                            "holds fewer bytes than its own headers announce (cut short, or its writer stalled)")
            }
            if frameReader.readsFramesSeparately {
                return processStack(attempt, reader: frameReader, waitForWriter: waitForWriter, resume: resume)
            }
            // These readers read a file whole to count its frames, so it is read once and its frames already
            // done are dropped after.
            frames = try frameReader.readFrames(path: path)
        } catch {
            return fail(attempt, error.kind.rawValue, error.message)
        }
        // A writer that rewrote the file while we read it would give a torn result: read again when quiet.
        guard SourceStamp.of(path: path) == before else { return .changedWhileReading }
        let readMs = (Timestamp.monotonic() - started) * 1000 / Double(max(1, frames.count))
        let count = frames.count
        // Frames appended since the last pass are integrated alone. A file with as many frames as before that
        // changed anyway was rewritten (such formats rewrite their headers when they grow): all of it again.
        if resume, let first = framesDone(attempt, count: count), first < count {
            frames.removeFirst(first)
        }
        return integrate(frames, of: count, numbered: count > 1, attempt: attempt, format: format, readMs: readMs,
                         previous: [])
    }

    /// What `process` is working on: the file as it was when it started.
    struct Attempt {
        var path: String
        var stamp: SourceStamp
        var location: SidecarLocation
        var started: Double
    }

    /// The error sidecar of a file that could not be read, unless it changed meanwhile (then read again).
    func fail(_ attempt: Attempt, _ kind: String, _ message: String) -> FileOutcome {
        guard SourceStamp.of(path: attempt.path) == attempt.stamp else { return .changedWhileReading }
        let readMs = (Timestamp.monotonic() - attempt.started) * 1000
        return write(failureFor: attempt.path, stamp: attempt.stamp, location: attempt.location,
                     failure: Sidecar.Failure(kind: kind, message: message), readMs: readMs)
    }

    /// Integrates `frames` of a file of `count` frames and writes their sidecars after `previous` outcomes;
    /// `numbered` gives them `_00000`-style names.
    func integrate(_ frames: [Frame], of count: Int, numbered: Bool, attempt: Attempt, format: String,
                   readMs: Double, previous: [FrameOutcome]) -> FileOutcome {
        var outcomes = previous
        if numbered && previous.isEmpty {
            // A stack first seen with one frame got unnumbered sidecars; its numbered ones replace them.
            do {
                try removeUnnumbered(location: attempt.location)
            } catch {
                return .writeFailed(error)
            }
        }
        for frame in frames {
            let index: Int? = numbered ? frame.index : nil
            do {
                outcomes.append(try integrate(frame, count: count, index: index, path: attempt.path, format: format,
                                              stamp: attempt.stamp, location: attempt.location, readMs: readMs))
            } catch {
                return .writeFailed(error)
            }
        }
        return .processed(outcomes)
    }

    /// The integrators for this frame shape, prepared on first use.
    public func integrators(for shape: FrameShape) -> Result<FrameIntegrators, IntegrationError> {
        if let ready = integrators.withLock({ $0[shape] }) { return ready }
        // Built outside the lock: preparing a large detector takes a while and other shapes need not wait.
        let built: Result<FrameIntegrators, IntegrationError>
        do {
            built = .success(try FrameIntegrators(settings: settings, shape: shape))
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
        let metadata = FrameMetadata(header: frame.header, keys: settings.metadata.keys(format: format))
        source.exposureTime = metadata.exposureTime
        source.monitor = metadata.monitor
        source.transmission = metadata.transmission
        source.wavelengthM = metadata.wavelength
        source.distanceM = metadata.distance
        let warnings = crossCheck(metadata)
        let jsonPath = location.path(frame: index, suffix: SidecarLocation.jsonSuffix)

        let integrators: FrameIntegrators
        switch self.integrators(for: frame.shape) {
        case .success(let ready): integrators = ready
        case .failure(let error):
            return try writeFailure(error, source: source, jsonPath: jsonPath, location: location, index: index,
                                    readMs: readMs)
        }

        let integrateStart = Timestamp.monotonic()
        var timing = ["read": readMs]
        let profile: Profile
        let anisotropy: AnisotropyResult
        do {
            profile = try integrators.profile.integrate(frame)
            let profiled = Timestamp.monotonic()
            timing["integrate"] = (profiled - integrateStart) * 1000
            anisotropy = try integrators.integrateAnisotropy(frame)
            if !settings.anisotropy.isEmpty { timing["anisotropy"] = (Timestamp.monotonic() - profiled) * 1000 }
        } catch {
            return try writeFailure(error, source: source, jsonPath: jsonPath, location: location, index: index,
                                    readMs: readMs)
        }

        let phase = estimatePhase(profile, timing: &timing)

        try AtomicFile.makeFolders(location.folder)
        let files = try writeDataFiles(profile: profile, anisotropy: anisotropy, frame: frame, path: path, frames: count,
                                       index: index, location: location, phase: phase.estimate, timing: &timing)
        let summary = profileSummary(profile, file: files.profile)
        timing["total"] = readMs + (Timestamp.monotonic() - integrateStart) * 1000
        var sidecar = Sidecar(status: .ok, source: source, integration: integrationInfo(), profile: summary,
                              timingMs: timing, processedAt: Timestamp.now())
        addPhase(phase.estimate, to: &sidecar)
        let allWarnings = warnings + (phase.warning.map { [$0] } ?? [])
        sidecar.warnings = allWarnings.isEmpty ? nil : allWarnings
        addAnisotropy(anisotropy, files: files, to: &sidecar)
        return try writeSidecar(sidecar, to: jsonPath, location: location, frame: index, points: summary.points,
                                qRange: profile.radialRange)
    }

    /// A frame that cannot be integrated (other dimensions than the mask, every pixel masked, a header value the
    /// normalization needs is missing).
    private func writeFailure(_ error: IntegrationError, source: Sidecar.Source, jsonPath: String,
                              location: SidecarLocation, index: Int?, readMs: Double) throws(SidecarError) -> FrameOutcome {
        let failure = Sidecar.Failure(kind: error.kind.rawValue, message: error.message)
        try removeStale(location: location, frame: index)
        let sidecar = Sidecar(status: .error, error: failure, source: source, integration: integrationInfo(),
                              timingMs: ["read": readMs, "total": readMs], processedAt: Timestamp.now())
        return try writeSidecar(sidecar, to: jsonPath, location: location, frame: index, points: 0, qRange: nil)
    }

    /// The error sidecar of a file, or of frame `frame` of a stack of `count` that could not be read.
    func write(failureFor path: String, stamp: SourceStamp, location: SidecarLocation, failure: Sidecar.Failure,
               readMs: Double, frame: Int? = nil, count: Int? = nil) -> FileOutcome {
        let jsonPath = location.path(frame: frame, suffix: SidecarLocation.jsonSuffix)
        var source = sourceInfo(path: path, stamp: stamp)
        source.frame = frame
        source.frames = frame == nil ? nil : count
        let sidecar = Sidecar(status: .error, error: failure, source: source,
                              timingMs: ["read": readMs, "total": readMs], processedAt: Timestamp.now())
        do {
            try removeStale(location: location, frame: frame)
            return .processed([try writeSidecar(sidecar, to: jsonPath, location: location, frame: frame, points: 0,
                                                qRange: nil)])
        } catch {
            return .writeFailed(error)
        }
    }

    private func writeSidecar(_ sidecar: Sidecar, to path: String, location: SidecarLocation, frame: Int?,
                              points: Int, qRange: ClosedRange<Double>?) throws(SidecarError) -> FrameOutcome {
        let bytes = try Self.encode(sidecar, for: path)
        try AtomicFile.makeFolders(location.folder)
        try AtomicFile.write(bytes, to: path)
        return FrameOutcome(source: sidecar.source.path, frame: frame, sidecar: path, status: sidecar.status,
                            error: sidecar.error, points: points, qRange: qRange, phase: sidecar.phase,
                            timingMs: sidecar.timingMs)
    }

    /// An error sidecar must not sit beside the data files of an older version of the file: the profile, the
    /// configured sectors' profiles and the cake go.
    private func removeStale(location: SidecarLocation, frame: Int?) throws(SidecarError) {
        let suffixes = [SidecarLocation.datSuffix, SidecarLocation.cakeSuffix]
            + settings.anisotropy.sectors.indices.map { SidecarLocation.sectorSuffix($0 + 1) }
        for suffix in suffixes {
            let stale = location.path(frame: frame, suffix: suffix)
            if unlink(stale) != 0 && errno != ENOENT {
                throw SidecarError(path: stale, operation: "remove the outdated result", errno: errno)
            }
        }
    }

    private func removeUnnumbered(location: SidecarLocation) throws(SidecarError) {
        let json = location.path(frame: nil, suffix: SidecarLocation.jsonSuffix)
        guard access(json, F_OK) == 0 else { return }
        try removeStale(location: location, frame: nil)
        if unlink(json) != 0 && errno != ENOENT {
            throw SidecarError(path: json, operation: "remove the single-frame result of a file that became a stack",
                               errno: errno)
        }
    }

    static func encode(_ sidecar: Sidecar, for path: String) throws(SidecarError) -> [UInt8] {
        do {
            return try sidecar.jsonBytes()
        } catch {
            throw SidecarError(path: path, operation: "encode JSON (\(error))", errno: EINVAL)
        }
    }

    private func sourceInfo(path: String, stamp: SourceStamp) -> Sidecar.Source {
        Sidecar.Source(path: path, size: stamp.size, mtime: stamp.mtime)
    }
}
