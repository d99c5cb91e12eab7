/// How much a detector file may ask saxsd to hold. Every reader checks the sizes a file's headers declare against
/// these before it allocates anything for them, so a flipped bit in NAXIS1, a Dim_1 of 10^12 or a chain of a
/// million empty pages gives an error sidecar (`FrameError.Kind.unsupported`) instead of taking the service down
/// by exhausting memory.
///
/// The defaults sit far above any detector in use (an Eiger2 16M frame has 18 million pixels, a Pilatus or EDF
/// header a few kilobytes) and far below what an acquisition server can hold.
public struct FrameLimits: Sendable, Hashable {
    /// Pixels in one frame. Default 2^28, a 16384 x 16384 image, 2 GiB as saxsd holds it.
    public var maximumPixelsPerFrame: Int
    /// Bytes of all a file's frames together once decoded, as saxsd holds them: 8 bytes per pixel (`Frame` stores
    /// Doubles). No stored sample is wider than 8 bytes, so this also bounds every decompression buffer. Default
    /// 4 GiB.
    public var maximumDecodedBytes: Int
    /// Frames in one file (EDF blocks, TIFF pages, FITS planes). Default 1,000,000: an Eiger stack of 10 minutes
    /// at 1 kHz fits, an endless chain of hostile headers does not.
    public var maximumFrames: Int
    /// Bytes of one text header: an EDF `{…}` block, the text of a CBF before its binary section, the cards of a
    /// FITS header. Default 16 MiB.
    public var maximumHeaderBytes: Int

    public init(maximumPixelsPerFrame: Int = 1 << 28, maximumDecodedBytes: Int = 4 << 30,
                maximumFrames: Int = 1_000_000, maximumHeaderBytes: Int = 16 << 20) {
        self.maximumPixelsPerFrame = maximumPixelsPerFrame
        self.maximumDecodedBytes = maximumDecodedBytes
        self.maximumFrames = maximumFrames
        self.maximumHeaderBytes = maximumHeaderBytes
    }

    /// Bytes one decoded pixel takes in a `Frame`.
    static let bytesPerDecodedPixel = MemoryLayout<Double>.size
}
