#if canImport(Glibc)
import Glibc
#endif

/// Writes one frame as a Pilatus-style mini-CBF: signed 32-bit pixels, byte-offset compressed, with a
/// Dectris header, Content-MD5 and the 4095 padding bytes a Pilatus leaves after the data. For tests and
/// simulated detectors; saxsd never writes beside raw data.
public struct CBFWriter: Sendable {
    public init() {}

    /// `headerContents` is the Dectris header, `# Key value unit` lines, stored as `_array_data.header_contents`.
    /// Pixels must be whole numbers in the 32-bit range (a Pilatus counter, -1 and -2 for gaps and bad pixels).
    public func write(_ frame: Frame, to path: String, headerContents: String = "") throws(FrameError) {
        var values: [Int32] = []
        values.reserveCapacity(frame.pixels.count)
        for pixel in frame.pixels {
            guard let value = Int32(exactly: pixel) else {
                throw FrameError(.unsupported, path: path, "pixel \(pixel) is not a 32-bit integer; CBFWriter writes counts")
            }
            values.append(value)
        }
        let bytes = fileBytes(values: values, shape: frame.shape, headerContents: headerContents)
        try RawFile.write(bytes, to: path)
    }

    static let padding = 4095

    private func fileBytes(values: [Int32], shape: FrameShape, headerContents: String) -> [UInt8] {
        let compressed = CBFByteOffset.encode(values)
        let md5 = compressed.withUnsafeBytes { MD5.digest($0) }
        // CRLF line ends and this field order, as Pilatus cameras write them.
        let headerLines = headerContents.split(whereSeparator: \.isNewline)
        let text = (["###CBF: VERSION 1.5, saxsd CBFWriter", "", "data_saxsd", "",
                     "_array_data.header_convention \"PILATUS_1.2\"", "_array_data.header_contents", ";"]
                    + headerLines.map(String.init)
                    + [";", "", "_array_data.data", ";", "--CIF-BINARY-FORMAT-SECTION--",
                       "Content-Type: application/octet-stream;", "     conversions=\"x-CBF_BYTE_OFFSET\"",
                       "Content-Transfer-Encoding: BINARY", "X-Binary-Size: \(compressed.count)", "X-Binary-ID: 1",
                       "X-Binary-Element-Type: \"signed 32-bit integer\"", "X-Binary-Element-Byte-Order: LITTLE_ENDIAN",
                       "Content-MD5: \(Base64.encode(md5))", "X-Binary-Number-of-Elements: \(values.count)",
                       "X-Binary-Size-Fastest-Dimension: \(shape.columns)",
                       "X-Binary-Size-Second-Dimension: \(shape.rows)", "X-Binary-Size-Padding: \(Self.padding)", "", ""])
            .joined(separator: "\r\n")
        return Array(text.utf8) + CBFBinarySection.binaryMarker + compressed + [UInt8](repeating: 0, count: Self.padding)
            + Array("\r\n--CIF-BINARY-FORMAT-SECTION----\r\n;\r\n\r\n".utf8)
    }
}
