/// What happened to one frame, for logs, the demo's live lines and `saxsd process`'s summary.
public struct FrameOutcome: Sendable {
    public var source: String
    public var frame: Int?
    public var sidecar: String
    public var status: Sidecar.Status
    public var error: Sidecar.Failure?
    public var points: Int
    public var qRange: ClosedRange<Double>?
    /// The boosted trees' label, as in the sidecar; nil without a model folder.
    public var phase: Sidecar.Phase?
    /// Milliseconds per stage, as in the sidecar.
    public var timingMs: [String: Double]
}

/// What happened to one raw file.
public enum FileOutcome: Sendable {
    /// Sidecars written (some frames may carry `status: "error"`).
    case processed([FrameOutcome])
    /// The sidecars already describe this version of the file (the ledger's answer); nothing was done.
    case upToDate
    /// The file changed while it was being read; nothing was written, it must be read again once quiet.
    case changedWhileReading
    /// The file is shorter than its own headers announce: its writer is not done yet. Nothing was written.
    case incomplete
    /// The file disappeared before it could be read.
    case vanished
    /// A sidecar could not be written (full disk, permissions); nothing is marked done, retry later.
    case writeFailed(SidecarError)

    public var failed: Bool {
        switch self {
        case .processed(let frames): frames.contains { $0.status == .error }
        case .upToDate, .changedWhileReading, .incomplete, .vanished: false
        case .writeFailed: true
        }
    }
}
