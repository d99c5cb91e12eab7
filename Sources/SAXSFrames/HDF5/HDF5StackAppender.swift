/// A stack HDF5Writer grows a frame at a time in SWMR mode, as a detector writing a series does: each
/// appended frame is flushed before `append` returns, so a reader opening the file then sees it whole.
/// Close it to finish the file; dropping it closes it too, ignoring errors.
public struct HDF5StackAppender: ~Copyable {
    public let path: String
    public let shape: FrameShape
    public private(set) var frameCount = 0
    private let writer: HDF5Writer
    private let file: HDF5WrittenFile
    private var isOpen = true

    init(writer: HDF5Writer, file: HDF5WrittenFile, shape: FrameShape) {
        self.path = file.path
        self.writer = writer
        self.file = file
        self.shape = shape
    }

    deinit {
        if isOpen { HDF5Library.withLock { try? file.close() } }
    }

    /// Appends `frame` (of the stack's shape) as the next frame, and flushes it.
    public mutating func append(_ frame: Frame) throws(FrameError) {
        guard isOpen else { throw FrameError(.unsupported, path: path, "the stack is closed") }
        guard frame.shape == shape else {
            throw FrameError(.unsupported, path: path, frame: frameCount, "a \(frame.shape) frame for a stack of \(shape) frames")
        }
        try writer.check(frame, path: path, index: frameCount)
        let samples = writer.encode(frame)
        let index = frameCount
        try HDF5Library.withLock { () throws(FrameError) in
            try file.append(samples, frame: index, shape: shape, pixelType: writer.pixelType)
        }
        frameCount += 1
    }

    /// Closes the file: the SWMR writer's mark in its superblock is cleared, and it is an ordinary HDF5 file.
    public consuming func close() throws(FrameError) {
        isOpen = false
        try HDF5Library.withLock { () throws(FrameError) in try file.close() }
    }
}
