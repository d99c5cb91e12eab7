/// The text before the pixels of a CBF file: the Dectris header contents and the MIME header of the first
/// binary section, with where its compressed bytes start.
struct CBFBinarySection {
    /// Why the leading bytes do not describe a binary section saxsd can read.
    enum Failure: Error {
        /// The bytes end before the section's header does: the detector may still be writing.
        case cutShort(String)
        /// The section is there but wrong (`.corrupt`) or of a kind saxsd does not decode (`.unsupported`).
        case invalid(FrameError.Kind, String)
    }

    /// The `_array_data.header_contents` text, without its `;` delimiter lines; nil when the file has none.
    var headerContents: String?
    var shape: FrameShape
    var elementType: CBFByteOffset.ElementType
    /// Compressed bytes (`X-Binary-Size`), starting at `dataOffset`.
    var binarySize: Int
    var dataOffset: Int
    /// Where the compressed bytes end: a file shorter than this is still being written.
    var dataEnd: Int { dataOffset + binarySize }
    /// The 16-byte digest `Content-MD5` announces for the compressed bytes, when it does.
    var md5: [UInt8]?

    static let sectionBoundary = Array("--CIF-BINARY-FORMAT-SECTION--".utf8)
    /// Form feed, Ctrl-Z, Ctrl-D, 0xD5: the CBF marker between a section's MIME header and its bytes.
    static let binaryMarker: [UInt8] = [0x0C, 0x1A, 0x04, 0xD5]

    /// Reads the section from the file's leading bytes, which must reach at least up to its binary marker. The sizes
    /// it declares are checked against `limits` before anyone allocates for them.
    init(leadingBytes bytes: [UInt8], limits: FrameLimits) throws(Failure) {
        guard let boundary = bytes.firstRange(of: Self.sectionBoundary) else {
            throw .cutShort("no binary section (--CIF-BINARY-FORMAT-SECTION--) in the first \(bytes.count) bytes")
        }
        headerContents = Self.headerContents(in: String(decoding: bytes[..<boundary.lowerBound], as: UTF8.self))

        // MIME header lines up to the first empty one; a line starting with white space continues the one before.
        var fields: [String: String] = [:]
        var lastKey: String?
        var position = boundary.upperBound
        while true {
            guard let newline = bytes[position...].firstIndex(of: 0x0A) else {
                throw .cutShort("the binary section's MIME header ends before its blank line")
            }
            let line = String(decoding: bytes[position..<newline], as: UTF8.self).trimmedWhitespace
            let continues = bytes[position] == 0x20 || bytes[position] == 0x09
            position = newline + 1
            if line.isEmpty {
                // The rest of the boundary line, before any field, is not the blank line that ends the header.
                if fields.isEmpty { continue }
                break
            }
            if continues, let lastKey {
                fields[lastKey, default: ""] += " " + line
            } else if let colon = line.firstIndex(of: ":") {
                let key = line[..<colon].lowercased()
                fields[key] = String(line[line.index(after: colon)...].trimmedWhitespace)
                lastKey = key
            }
        }
        guard bytes.count >= position + Self.binaryMarker.count else {
            throw .cutShort("the file ends before the binary marker")
        }
        guard bytes[position..<(position + Self.binaryMarker.count)].elementsEqual(Self.binaryMarker) else {
            throw .invalid(.corrupt, "the binary marker 0C 1A 04 D5 does not follow the MIME header")
        }
        dataOffset = position + Self.binaryMarker.count

        let contentType = fields["content-type"] ?? ""
        guard contentType.lowercased().contains("x-cbf_byte_offset") else {
            throw .invalid(.unsupported, "Content-Type \"\(contentType)\": saxsd decodes only x-CBF_BYTE_OFFSET")
        }
        let encoding = fields["content-transfer-encoding"] ?? "BINARY"
        guard encoding.uppercased() == "BINARY" else {
            throw .invalid(.unsupported, "Content-Transfer-Encoding \(encoding): saxsd reads only BINARY")
        }
        let order = fields["x-binary-element-byte-order"] ?? "LITTLE_ENDIAN"
        guard order.uppercased() == "LITTLE_ENDIAN" else {
            throw .invalid(.unsupported, "X-Binary-Element-Byte-Order \(order): saxsd reads only LITTLE_ENDIAN")
        }
        // The byte-offset code is the same for every integer type; the type sets where running values wrap.
        let typeName = (fields["x-binary-element-type"] ?? "").filter { $0 != "\"" }.lowercased()
        guard let elementType = CBFByteOffset.ElementType(rawValue: typeName) else {
            throw .invalid(.unsupported, "X-Binary-Element-Type \"\(typeName)\": saxsd reads only 8/16/32-bit integers")
        }
        self.elementType = elementType

        let size = try Self.count("X-Binary-Size", fields)
        let elements = try Self.count("X-Binary-Number-of-Elements", fields)
        let columns = try Self.count("X-Binary-Size-Fastest-Dimension", fields)
        let rows = try Self.count("X-Binary-Size-Second-Dimension", fields)
        if let third = fields["x-binary-size-third-dimension"], Int(third) != 1 {
            throw .invalid(.unsupported, "X-Binary-Size-Third-Dimension \(third): saxsd reads 2-D images")
        }
        let pixels: Int
        do {
            pixels = try limits.pixelsPerFrame([("X-Binary-Size-Fastest-Dimension", columns),
                                                ("X-Binary-Size-Second-Dimension", rows)])
            _ = try limits.pixelsPerFrame([("X-Binary-Number-of-Elements", elements)])
            try limits.checkHeaderBytes(dataOffset, of: "the text before the binary data")
        } catch {
            throw .invalid(.unsupported, error.message)
        }
        guard pixels == elements else {
            throw .invalid(.corrupt, "X-Binary-Number-of-Elements \(elements) is not \(columns) columns x \(rows) rows")
        }
        guard pixels > 0 else { throw .invalid(.unsupported, "the image is empty (\(rows)x\(columns) pixels)") }
        // So that the section's end is a number: callers compare it with the file's size.
        guard size <= Int.max - dataOffset else { throw .invalid(.corrupt, "X-Binary-Size \(size) is impossibly large") }
        shape = FrameShape(rows: rows, columns: columns)
        binarySize = size
        md5 = try fields["content-md5"].map { text throws(Failure) in
            guard let digest = Base64.decode(text), digest.count == 16 else {
                throw .invalid(.corrupt, "Content-MD5 \"\(text)\" is not the base64 of a 16-byte digest")
            }
            return digest
        }
    }

    private static func count(_ name: String, _ fields: [String: String]) throws(Failure) -> Int {
        guard let text = fields[name.lowercased()] else { throw .invalid(.corrupt, "no \(name) in the MIME header") }
        guard let value = Int(text), value >= 0 else { throw .invalid(.corrupt, "\(name) \"\(text)\" is not a count") }
        return value
    }

    /// The text field after `_array_data.header_contents`: CIF puts a multi-line value between two lines that
    /// start with `;`.
    private static func headerContents(in text: String) -> String? {
        guard let name = text.firstRange(of: "_array_data.header_contents") else { return nil }
        // CRLF is one Character in Swift, so lines are split on isNewline, not on "\n".
        let lines = text[name.upperBound...].split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).dropFirst()
        guard let open = lines.firstIndex(where: { $0.hasPrefix(";") }),
              lines[..<open].allSatisfy({ $0.trimmedWhitespace.isEmpty }),
              let close = lines[(open + 1)...].firstIndex(where: { $0.hasPrefix(";") }) else { return nil }
        return lines[(open + 1)..<close].joined(separator: "\n")
    }
}
