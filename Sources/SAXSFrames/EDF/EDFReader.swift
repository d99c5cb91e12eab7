/// Reads ESRF Data Format (EDF) frames in pure Swift: ESRF and SOLEIL beamlines, pyFAI/fabio exports, Xi-cam
/// and SPEC-driven Pilatus setups. A file is a sequence of `{ Key = Value ; … }` text headers, each followed by its
/// binary block; every header/block pair is one frame.
///
/// Dim_1 is the fast axis (columns) and Dim_2 the slow one (rows), kept in file order as fabio reads them, so
/// PONI files made with pyFAI fit the frame as read. Blocks may be stored uncompressed or as gzip, zlib or bzip2
/// streams, as the header's `Compression` says (see `EDFCompression`).
public struct EDFReader: FrameReader {
    /// What a file may declare: each header's Dim_1 × Dim_2 and the frames' decoded bytes are checked against it
    /// before any allocation, so a corrupt Dim_1 cannot take the service down by asking for terabytes.
    public var limits: FrameLimits

    public init(limits: FrameLimits = FrameLimits()) {
        self.limits = limits
    }

    public var format: String { "edf" }

    /// A `{` whose first entry is a bare key. JSON (saxsd's own sidecars among it) also opens with `{`, but its
    /// first key is quoted, so it stays an unknown format instead of a corrupt EDF.
    public func recognizes(magic: [UInt8]) -> Bool {
        guard magic.first == UInt8(ascii: "{") else { return false }
        guard let next = magic.dropFirst().first(where: { !EDFFile.isPadding($0) }) else { return true }
        // Clearing bit 5 upper-cases an ASCII letter.
        return (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(next & 0xDF) || next == UInt8(ascii: "_")
    }

    public func readFrames(path: String) throws(FrameError) -> [Frame] {
        let file = try EDFFile(path: path)
        if file.size == 0 { throw FrameError(.empty, path: path, "file is empty (0 bytes)") }
        var frames: [Frame] = []
        var offset = 0
        var decodedBytes = 0
        var label: Int?
        do throws(EDFFile.Problem) {
            while let block = try file.header(at: offset, limits: limits) {
                let index = frames.count
                if index >= limits.maximumFrames {
                    throw .unsupported("the file holds more than \(limits.maximumFrames) frames, the limit of frames "
                        + "per file (FrameLimits.maximumFrames)")
                }
                let layout = try block.layout(limits: limits)
                let (end, overflow) = block.dataOffset.addingReportingOverflow(layout.blockBytes)
                // Errors name the frame only when the file holds more than one to tell apart.
                if index == 0 && !overflow && end < file.size { label = 0 }
                do {
                    try limits.addDecoded(pixels: layout.shape.pixelCount, to: &decodedBytes)
                } catch {
                    throw .unsupported(error.message)
                }
                if overflow || end > file.size {
                    throw .truncated("the data block needs \(layout.blockBytes) bytes from byte \(block.dataOffset), "
                        + "but the file ends at byte \(file.size)")
                }
                let bytes = try layout.compression == .none
                    ? file.bytes(at: block.dataOffset, count: layout.pixelBytes)
                    : file.decompressedBlock(at: block.dataOffset, count: layout.blockBytes, layout.compression,
                                             expectedBytes: layout.pixelBytes)
                let pixels = layout.dataType.decode(bytes, count: layout.shape.pixelCount, bigEndian: layout.bigEndian)
                frames.append(Frame(shape: layout.shape, pixels: pixels, header: block.frameHeader, index: index))
                offset = end
                // Whatever goes wrong from here on is in the next frame, its header included.
                label = frames.count
            }
        } catch {
            throw FrameError(error, path: path, frame: label)
        }
        if frames.isEmpty { throw FrameError(.corrupt, path: path, "no EDF header, only padding") }
        return frames
    }
}
