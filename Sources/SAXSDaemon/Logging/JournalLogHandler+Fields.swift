import Logging

extension JournalLogHandler {
    /// Prefix of the journal fields that carry log metadata, so they never collide with systemd's own fields.
    static let metadataFieldPrefix = "SAXSD_"

    /// journald drops fields whose name is longer than this.
    static let maximumFieldNameLength = 64

    /// The journal entry for one record, as `NAME=value` assignments in a fixed order.
    ///
    /// `MESSAGE` also carries the metadata as `key=value` pairs, so plain `journalctl -u saxsd` shows which frame a
    /// line is about; the separate fields are for selecting and for scripts.
    static func fields(for event: LogEvent, label: String, metadata: Logger.Metadata) -> [String] {
        var fields = [
            "MESSAGE=\(messageText(event.message, metadata: metadata))",
            "PRIORITY=\(event.level.syslogPriority)",
            "SYSLOG_IDENTIFIER=\(syslogIdentifier)",
            "CODE_FILE=\(event.file)",
            "CODE_LINE=\(event.line)",
            "CODE_FUNC=\(event.function)",
            "\(metadataFieldPrefix)LOGGER=\(label)",
        ]
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            fields.append("\(fieldName(forMetadataKey: key))=\(value)")
        }
        return fields
    }

    /// The message followed by the metadata as `key=value` pairs, sorted by key so equal records read alike.
    static func messageText(_ message: Logger.Message, metadata: Logger.Metadata) -> String {
        guard !metadata.isEmpty else { return message.description }
        let pairs = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return "\(message) " + pairs.joined(separator: " ")
    }

    /// Journal field names allow only `A-Z`, `0-9` and `_`: lower-case letters are upper-cased, anything else
    /// (`-`, `.`, spaces, non-ASCII) becomes `_`, and the name is cut to the length journald accepts.
    static func fieldName(forMetadataKey key: String) -> String {
        var name = metadataFieldPrefix
        for scalar in key.unicodeScalars {
            switch scalar {
            case "A"..."Z", "0"..."9", "_":
                name.unicodeScalars.append(scalar)
            case "a"..."z":
                name += String(scalar).uppercased()
            default:
                name += "_"
            }
        }
        return String(name.prefix(maximumFieldNameLength))
    }
}
