#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An EDF file open for reading at offsets: headers are found by scanning for their closing brace, data blocks
/// read whole, every offset checked against the size taken when the file was opened.
struct EDFFile: ~Copyable {
    /// Why a walk through the file's frames stopped. The reader turns these into `FrameError`s; the completeness
    /// check only needs to know whether the file ended too soon.
    enum Problem: Error {
        /// A read failed (I/O error).
        case unreadable(String)
        /// The file ends inside a header or a data block: cut short, or still being written.
        case truncated(String)
        /// Bytes that no EDF writer produces, or a header that contradicts itself.
        case malformed(String)
        /// A well-formed frame saxsd does not read (compressed, 1-D or 3-D, unknown data type).
        case unsupported(String)
    }

    private let file: RawFile
    var size: Int { file.size }

    init(path: String) throws(FrameError) {
        file = try RawFile(opening: path)
    }

    /// Whitespace and NUL: what writers pad with around the header text and between frames.
    static func isPadding(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x00
    }

    /// The header that starts at `offset` (after any padding), or nil when only padding is left.
    ///
    /// The header ends at the first `}` followed by a newline, wherever that falls: ESRF pads headers to a
    /// multiple of 512 bytes, but other writers use other block sizes or none. Headers (and padding before them)
    /// longer than `limits.maximumHeaderBytes` are refused: without a closing brace in sight, the scan must not
    /// read a whole multi-gigabyte file. Real headers are 512 bytes to a few kilobytes.
    func header(at offset: Int, limits: FrameLimits) throws(Problem) -> EDFHeaderBlock? {
        var cursor = offset
        var text: [UInt8] = []
        var opened = false
        while cursor < size {
            let chunk = try bytes(at: cursor, count: min(Self.chunkBytes, size - cursor))
            for (position, byte) in zip(cursor..., chunk) {
                if !opened {
                    if Self.isPadding(byte) { continue }
                    guard byte == UInt8(ascii: "{") else {
                        throw .malformed("expected a header's '{' at byte \(position), found byte \(byte)")
                    }
                    opened = true
                    continue
                }
                if byte == 0x0A, let brace = Self.closingBrace(before: text) {
                    return EDFHeaderBlock(text: text[..<brace], dataOffset: position + 1)
                }
                text.append(byte)
            }
            cursor += chunk.count
            if text.count > limits.maximumHeaderBytes || (!opened && cursor - offset > limits.maximumHeaderBytes) {
                throw .unsupported("no header's closing '}' within \(limits.maximumHeaderBytes) bytes of byte \(offset), "
                    + "the limit of header bytes (FrameLimits.maximumHeaderBytes)")
            }
        }
        if !opened { return nil }
        throw .truncated("the header starting near byte \(offset) has no closing '}' before the end of the file")
    }

    /// Where `text` ends in `}` or `}\r` (the line before a newline), the brace's index; nil otherwise.
    private static func closingBrace(before text: [UInt8]) -> Int? {
        var end = text.endIndex
        if text.last == 0x0D { end -= 1 }
        guard end > text.startIndex, text[end - 1] == UInt8(ascii: "}") else { return nil }
        return end - 1
    }

    /// Read size of the header scan: two ESRF header blocks, so most headers take a single read.
    private static let chunkBytes = 1024

    /// Exactly `count` bytes from `offset`; the caller has checked that they lie inside the file.
    func bytes(at offset: Int, count: Int) throws(Problem) -> [UInt8] {
        do {
            return try file.read(at: offset, count: count)
        } catch {
            switch error {
            case .system(let reason): throw .unreadable("cannot read: \(reason)")
            case .endOfFile(let end): throw .truncated("the file shrank to \(end) bytes while it was read")
            }
        }
    }
}
