import SAXSFrames

/// Stacks that grow: a detector appends frames to an HDF5 or EDF file while the pipeline has already
/// processed the ones before. The frames already done keep their sidecars; only the new ones are read.
extension Pipeline {
    /// Frames a reader can read one by one (HDF5) are read a few at a time: an Eiger stack of a thousand
    /// frames would not fit in memory whole, and the first frames' results need not wait for the last.
    static let framesPerRead = 4

    /// A stack read in parts. Its writer may append frames meanwhile (SWMR): frames once whole are never
    /// rewritten, so a file that only grew while being read still gives untorn frames; the sidecars record the
    /// file as it was when the pass began, and the next pass takes the frames added since.
    func processStack(_ attempt: Attempt, reader: any FrameReader, waitForWriter: Bool, resume: Bool) -> FileOutcome {
        let path = attempt.path
        let count: Int
        var next = 0
        do {
            count = try reader.frameCount(path: path)
            if resume, let first = framesDone(attempt, count: count) { next = first }
        } catch {
            return fail(attempt, error.kind.rawValue, error.message)
        }
        if count == 0 {
            // Created, not yet holding a whole frame: a detector that has just opened its file.
            if waitForWriter { return .incomplete }
            return fail(attempt, FrameError.Kind.incomplete.rawValue, "holds no whole frame")
        }
        if next == count { return restamp(attempt, lastFrame: count - 1) }
        let numbered = count > 1 || reader.isStack(path: path)
        var outcome = FileOutcome.processed([])
        while next < count, case .processed(let outcomes) = outcome {
            let started = Timestamp.monotonic()
            let range = next..<min(count, next + Self.framesPerRead)
            let frames: [Frame]
            do {
                frames = try reader.readFrames(path: path, range: range)
            } catch {
                // One unreadable frame (a damaged chunk) gets its own error sidecar; the others go on.
                guard let now = SourceStamp.of(path: path), now.size >= attempt.stamp.size else {
                    return outcomes.isEmpty ? .changedWhileReading : outcome
                }
                guard numbered else { return fail(attempt, error.kind.rawValue, error.message) }
                let frame = error.frame ?? range.lowerBound
                let failed = write(failureFor: path, stamp: attempt.stamp, location: attempt.location,
                                   failure: Sidecar.Failure(kind: error.kind.rawValue, message: error.message),
                                   readMs: (Timestamp.monotonic() - started) * 1000, frame: frame, count: count)
                guard case .processed(let written) = failed else { return failed }
                outcome = .processed(outcomes + written)
                next = frame + 1
                continue
            }
            guard let now = SourceStamp.of(path: path), now.size >= attempt.stamp.size else {
                return outcomes.isEmpty ? .changedWhileReading : outcome
            }
            let readMs = (Timestamp.monotonic() - started) * 1000 / Double(max(1, frames.count))
            outcome = integrate(frames, of: count, numbered: numbered, attempt: attempt, format: reader.format,
                                readMs: readMs, previous: outcomes)
            next = range.upperBound
        }
        return outcome
    }

    /// Every frame is done, but the file's size or mtime moved on (its writer closed it, flushing its
    /// metadata): the last frame's sidecar takes the current stamp, so that the ledger sees the file as done
    /// rather than offering it again at every listing. Its results still hold: they are of the same frames.
    func restamp(_ attempt: Attempt, lastFrame: Int) -> FileOutcome {
        let path = attempt.location.path(frame: lastFrame, suffix: SidecarLocation.jsonSuffix)
        guard var sidecar = Sidecar.read(path: path), sidecar.status == .ok,
              sidecar.source.size != attempt.stamp.size || sidecar.source.mtime != attempt.stamp.mtime else {
            return .upToDate
        }
        sidecar.source.size = attempt.stamp.size
        sidecar.source.mtime = attempt.stamp.mtime
        do {
            try AtomicFile.write(try Self.encode(sidecar, for: path), to: path)
        } catch {
            return .writeFailed(error)
        }
        return .upToDate
    }

    /// The first of the file's `count` frames without a valid sidecar; nil when it has no numbered sidecars.
    ///
    /// A frame counts as done when its sidecar describes this path, the same configuration, and an earlier or
    /// the same version of the file: not larger, not newer, not holding more frames than the file has now. A
    /// file rewritten from scratch passes through smaller sizes, so its frames are redone.
    func framesDone(_ attempt: Attempt, count: Int) -> Int? {
        let path = attempt.path
        let location = attempt.location
        let stamp = attempt.stamp
        guard let firstSidecar = Sidecar.read(path: location.path(frame: 0, suffix: SidecarLocation.jsonSuffix)),
              firstSidecar.source.path == path else { return nil }
        func isDone(_ frame: Int) -> Sidecar? {
            guard let sidecar = frame == 0 ? firstSidecar
                    : Sidecar.read(path: location.path(frame: frame, suffix: SidecarLocation.jsonSuffix)) else { return nil }
            let source = sidecar.source
            guard source.path == path, source.frame == frame, let frames = source.frames, frames <= count,
                  source.size <= stamp.size, source.mtime <= stamp.mtime,
                  sidecar.status == .ok || sidecar.software.version == Software.version,
                  sidecar.status == .error || sidecar.integration?.configHash == settings.configHash else { return nil }
            return sidecar
        }
        // Each pass wrote frames up to its own count: jump from one pass's first frame to its last.
        var first = 0
        while first < count, let sidecar = isDone(first) {
            let end = min(sidecar.source.frames ?? first + 1, count)
            first = end - 1 > first && isDone(end - 1) != nil ? end : first + 1
        }
        return first
    }
}
