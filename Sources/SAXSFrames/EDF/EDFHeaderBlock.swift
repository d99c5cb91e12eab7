/// One frame's header: the `Key = Value ;` entries between `{` and `}`, and where its data block starts.
struct EDFHeaderBlock {
    /// Keys and values as written, without the surrounding whitespace, in file order.
    var entries: [(key: String, value: String)]
    /// The byte after the header's closing `}` and newline.
    var dataOffset: Int

    init(text: some Collection<UInt8>, dataOffset: Int) {
        self.dataOffset = dataOffset
        // `;` ends an entry, not the newline: values may hold a stray CR (Pilatus titles in SPEC-written files
        // do), and some writers put several entries on one line. A piece without `=` is padding or a comment.
        entries = String(decoding: text, as: UTF8.self).split(separator: ";").compactMap { piece in
            guard let equals = piece.firstIndex(of: "=") else { return nil }
            let key = piece[..<equals].trimmedWhitespace
            guard !key.isEmpty else { return nil }
            return (String(key), String(piece[piece.index(after: equals)...].trimmedWhitespace))
        }
    }

    /// The first value under `key`, ignoring case: writers disagree on `Dim_1` against `DIM_1`.
    subscript(key: String) -> String? {
        let wanted = key.lowercased()
        return entries.first { $0.key.lowercased() == wanted }?.value
    }

    /// Every entry, numbers as numbers, for the later stages (`count_time` gives `exposureTime`).
    var frameHeader: FrameHeader {
        FrameHeader(entries.map { entry in (entry.key, FrameHeader.Value(number: entry.value) ?? .string(entry.value)) })
    }

    /// Bytes of the data block that follows this header: `Size` when given, else what Dim_1 × Dim_2 samples of
    /// DataType take; nil when the header says neither, or declares a frame beyond `limits`.
    func blockBytes(limits: FrameLimits) -> Int? {
        if let size = self["Size"] { return Int(size).flatMap { $0 >= 0 ? $0 : nil } }
        return try? layout(limits: limits).blockBytes
    }
}
