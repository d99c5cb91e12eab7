import SAXSFrames

/// Stacks that grow: a detector appends frames to an HDF5 or EDF file while the pipeline has already
/// processed the ones before. The frames already done keep their sidecars; only the new ones are read.
extension Pipeline {
    /// The stack's frame count now and the first frame without a valid sidecar; nil when the file has no
    /// numbered sidecars at all (then it is read whole, without counting first, as any new file).
    ///
    /// A frame counts as done when its sidecar describes this path, the same configuration, and an earlier or
    /// the same version of the file: not larger, not newer, not holding more frames than the file has now. A
    /// file rewritten from scratch passes through smaller sizes, so its frames are redone.
    func framesDone(path: String, stamp: SourceStamp, location: SidecarLocation,
                    reader: any FrameReader) throws(FrameError) -> (first: Int, count: Int)? {
        guard let firstSidecar = Sidecar.read(path: location.path(frame: 0, suffix: SidecarLocation.jsonSuffix)),
              firstSidecar.source.path == path else { return nil }
        let count = try reader.frameCount(path: path)
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
        return (first, count)
    }
}
