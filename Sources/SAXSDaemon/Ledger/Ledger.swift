import SAXSPipeline

/// Decides whether a raw file still needs processing. The sidecars are the ledger: a file is done when its
/// `.saxs.json` names the same path, size and mtime (for a multi-frame file, its last frame's does).
/// No database to lose or corrupt; deleting a sidecar is how an operator asks for one frame again.
/// An error sidecar holds until the file changes, except that a newer saxsd tries again: the frame may be in
/// a format or layout that the new version reads.
public struct Ledger: Sendable {
    public var outputRoot: String

    public init(outputRoot: String) {
        self.outputRoot = outputRoot
    }

    public func isDone(path: String, root: String?) -> Bool {
        // A file that vanished has nothing left to process.
        guard let stamp = SourceStamp.of(path: path) else { return true }
        let location = SidecarLocation(source: path, root: root, outputRoot: outputRoot)
        func matches(_ sidecar: Sidecar?) -> Bool {
            guard let sidecar else { return false }
            if sidecar.status == .error && sidecar.software.version != Software.version { return false }
            let source = sidecar.source
            return source.path == path && source.size == stamp.size && source.mtime == stamp.mtime
        }
        let single = Sidecar.read(path: location.path(frame: nil, suffix: SidecarLocation.jsonSuffix))
        if matches(single) { return true }
        // A stack that grew was processed in passes, each writing its frames with the count it saw: follow
        // them from the first frame to the last pass's last frame, which carries the file's current stamp.
        guard var sidecar = Sidecar.read(path: location.path(frame: 0, suffix: SidecarLocation.jsonSuffix)),
              sidecar.source.path == path else { return false }
        var passes = 0
        while let count = sidecar.source.frames, count >= 1, passes < Self.maximumPasses {
            if matches(Sidecar.read(path: location.path(frame: count - 1, suffix: SidecarLocation.jsonSuffix))) {
                return true
            }
            guard let next = Sidecar.read(path: location.path(frame: count, suffix: SidecarLocation.jsonSuffix)),
                  next.source.path == path, let more = next.source.frames, more > count else { return false }
            sidecar = next
            passes += 1
        }
        return false
    }

    /// Beyond this many passes the pipeline, which reads every sidecar of the stack, decides.
    static let maximumPasses = 64
}
