#if canImport(Glibc)
import Glibc
#endif

/// Writes frames as an ESRF Data Format file: per frame, a `{ Key = Value ; … }` header padded to a multiple of
/// 512 bytes, as ESRF and fabio write it, followed by the frame's samples, uncompressed or as a gzip, zlib or
/// bzip2 stream. Used by tests (every DataType, both byte orders, stacks, compression) and by the fabio
/// cross-check in scripts/edf_reference.py; saxsd never writes beside raw data.
public struct EDFWriter: Sendable {
    public var dataType: EDFDataType
    /// HighByteFirst; the default is LowByteFirst, which every current writer produces.
    public var bigEndian: Bool
    public var compression: EDFCompression

    public init(dataType: EDFDataType = .int32, bigEndian: Bool = false, compression: EDFCompression = .none) {
        self.dataType = dataType
        self.bigEndian = bigEndian
        self.compression = compression
    }

    /// Writes `frames` to `path`, one header and data block each, replacing any file there. `header` entries go
    /// into every frame's header after the ones that describe its block. Integer types store each pixel rounded to
    /// the nearest integer; a pixel the type cannot hold (NaN or out of range for integers, beyond Float's range for
    /// float32) is refused, not clipped.
    public func write(_ frames: [Frame], to path: String, header: [(String, String)] = []) throws(FrameError) {
        guard !frames.isEmpty else { throw FrameError(.unsupported, path: path, "no frames to write") }
        try check(header, path: path)
        var bytes: [UInt8] = []
        for (index, frame) in frames.enumerated() {
            bytes += try frameBytes(frame, index: index, label: frames.count > 1 ? index : nil, header: header, path: path)
        }
        try RawFile.write(bytes, to: path)
    }

    /// The keys the writer sets itself from the frame; given again, they would contradict the block.
    static let reservedKeys: Set<String> = ["headerid", "image", "byteorder", "datatype", "dim_1", "dim_2", "dim_3",
                                            "size", "compression"]

    /// Refuses entries that would break the header's syntax or contradict what the writer derives from the frame.
    private func check(_ header: [(String, String)], path: String) throws(FrameError) {
        for (key, value) in header {
            let forbidden: Set<Character> = [";", "{", "}", "\n", "\r"]
            if key.isEmpty || key.contains("=") || key.contains(where: forbidden.contains) || value.contains(where: forbidden.contains) {
                throw FrameError(.unsupported, path: path,
                                 "header entry \"\(key)\" = \"\(value)\": keys need a name without '=', and neither may hold ';', braces or line breaks")
            }
            if Self.reservedKeys.contains(key.lowercased()) {
                throw FrameError(.unsupported, path: path, "header entry \(key): the writer sets it from the frame")
            }
        }
    }

    private func frameBytes(_ frame: Frame, index: Int, label: Int?, header: [(String, String)],
                            path: String) throws(FrameError) -> [UInt8] {
        guard frame.shape.rows > 0, frame.shape.columns > 0 else {
            throw FrameError(.unsupported, path: path, frame: label, "an EDF frame cannot hold \(frame.shape) pixels")
        }
        if let pixel = frame.pixels.firstIndex(where: { !dataType.represents($0) }) {
            throw FrameError(.unsupported, path: path, frame: label,
                             "pixel (\(pixel / frame.shape.columns), \(pixel % frame.shape.columns)) = \(frame.pixels[pixel]) does not fit in \(dataType)")
        }
        let samples = dataType.encode(frame.pixels, bigEndian: bigEndian)
        guard let block = compression.compress(samples) else {
            throw FrameError(.unsupported, path: path, frame: label, "cannot compress the block as \(compression)")
        }
        // ESRF numbers images from 1.
        var entries = [("HeaderID", "EH:\(String(index + 1).leftPadded(to: 6)):000000:000000"), ("Image", "\(index + 1)"),
                       ("ByteOrder", bigEndian ? "HighByteFirst" : "LowByteFirst"), ("DataType", dataType.headerName),
                       ("Dim_1", "\(frame.shape.columns)"), ("Dim_2", "\(frame.shape.rows)"), ("Size", "\(block.count)")]
        if let name = compression.headerValue { entries.append(("Compression", name)) }
        var text = "{\n" + (entries + header).map { "\($0.0) = \($0.1) ;\n" }.joined()
        let closing = "}\n"
        let length = text.utf8.count + closing.utf8.count
        text += String(repeating: " ", count: (Self.headerBlock - length % Self.headerBlock) % Self.headerBlock)
        return Array((text + closing).utf8) + block
    }

    /// ESRF pads every header with spaces to a multiple of this many bytes.
    static let headerBlock = 512
}

extension String {
    /// Zeros in front, up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
