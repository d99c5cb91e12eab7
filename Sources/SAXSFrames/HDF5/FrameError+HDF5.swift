extension FrameError {
    /// A failure HDF5 reported: `what` says what saxsd was doing, HDF5's error stack why. Create holding the
    /// library lock, right after the failing call.
    static func hdf5(_ kind: Kind, path: String, frame: Int? = nil, _ what: String) -> FrameError {
        FrameError(kind, path: path, frame: frame, "\(what): \(HDF5Library.lastError())")
    }
}
