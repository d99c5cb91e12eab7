extension FrameError {
    /// The reader's account of a problem in an EDF file: a cut or malformed file is corrupt.
    init(_ problem: EDFFile.Problem, path: String, frame: Int?) {
        switch problem {
        case .unreadable(let message): self.init(.unreadable, path: path, frame: frame, message)
        case .truncated(let message): self.init(.corrupt, path: path, frame: frame, "cut short: \(message)")
        case .malformed(let message): self.init(.corrupt, path: path, frame: frame, message)
        case .unsupported(let message): self.init(.unsupported, path: path, frame: frame, message)
        }
    }
}
