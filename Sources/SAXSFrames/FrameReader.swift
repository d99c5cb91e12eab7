/// One file format's reader (FITS, TIFF, EDF, CBF). The seam where later formats (HDF5) plug in.
public protocol FrameReader: Sendable {
    /// A short lower-case name for logs and sidecars ("fits", "tiff", "edf", "cbf").
    var format: String { get }
    /// True when the file's first bytes identify this format.
    func recognizes(magic: [UInt8]) -> Bool
    /// Every frame in the file, in order. A single image gives one frame with index 0.
    func readFrames(path: String) throws(FrameError) -> [Frame]
    /// True when the file holds all the bytes its own headers announce, false when it is cut short (still
    /// being written), nil when the format cannot tell.
    func isComplete(path: String) -> Bool?
}

extension FrameReader {
    public func isComplete(path: String) -> Bool? { nil }
}
