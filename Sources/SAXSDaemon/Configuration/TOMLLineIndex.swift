/// Where each key of a TOML document sits, so a value that parses but makes no sense can still be
/// reported with its line. TOMLKit reports positions only for syntax errors.
struct TOMLLineIndex: Sendable, Hashable {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var table = ""
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") {
                let name = line.dropFirst().prefix { $0 != "]" }.filter { $0 != " " && $0 != "\"" }
                table = String(name)
                if lines[table] == nil { lines[table] = offset + 1 }
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = line[..<equals].filter { $0 != " " && $0 != "\t" && $0 != "\"" }
                let dotted = table.isEmpty ? key : "\(table).\(key)"
                if lines[dotted] == nil { lines[dotted] = offset + 1 }
            }
        }
    }

    /// The line of `key`, or of its table when the key itself is absent.
    func line(of key: String) -> Int? {
        if let line = lines[key] { return line }
        if let dot = key.lastIndex(of: ".") { return line(of: String(key[..<dot])) }
        return nil
    }
}
