/// One file format's reader (FITS, TIFF, EDF, CBF, HDF5): the seam where formats plug in.
public protocol FrameReader: Sendable {
    /// A short lower-case name for logs and sidecars ("fits", "tiff", "edf", "cbf", "hdf5").
    var format: String { get }
    /// True when the file's first bytes identify this format.
    func recognizes(magic: [UInt8]) -> Bool
    /// Every frame in the file, in order. A single image gives one frame with index 0.
    func readFrames(path: String) throws(FrameError) -> [Frame]
    /// How many whole frames the file holds now. For a stack still being written, the frames complete so far.
    func frameCount(path: String) throws(FrameError) -> Int
    /// The frames at `range` of the stack (`Frame.index` counts from the start of the file).
    func readFrames(path: String, range: Range<Int>) throws(FrameError) -> [Frame]
    /// True when `frameCount` and `readFrames(path:range:)` read only the headers and the frames asked for, and
    /// a stack only ever grows by appended frames (HDF5): the pipeline then reads it a few frames at a time,
    /// even while its writer adds more.
    var readsFramesSeparately: Bool { get }
    /// True when the file is a container of frames even while it holds one (a 3-D HDF5 dataset): its frames
    /// get numbered sidecars from the first, so a stack that grows keeps its names.
    func isStack(path: String) -> Bool
    /// True when the file holds all the bytes its own headers announce, false when it is cut short (still
    /// being written), nil when the format cannot tell.
    func isComplete(path: String) -> Bool?
}

extension FrameReader {
    public func isComplete(path: String) -> Bool? { nil }

    public var readsFramesSeparately: Bool { false }

    public func isStack(path: String) -> Bool { false }

    /// Formats without a cheap frame index read the whole file to count.
    public func frameCount(path: String) throws(FrameError) -> Int {
        try readFrames(path: path).count
    }

    public func readFrames(path: String, range: Range<Int>) throws(FrameError) -> [Frame] {
        let all = try readFrames(path: path)
        guard range.lowerBound >= 0, range.upperBound <= all.count else {
            throw FrameError(.unsupported, path: path, frame: range.upperBound - 1,
                             "frames \(range.lowerBound)..<\(range.upperBound) asked of a file of \(all.count)")
        }
        return Array(all[range])
    }
}
