import Logging

/// A swift-log handler that writes each record to the systemd journal as structured fields.
///
/// Besides `MESSAGE` and `PRIORITY`, every metadata entry becomes its own field (`frame` → `SAXSD_FRAME`), so
/// operators can select records with `journalctl -u saxsd SAXSD_FRAME=/data/…/x.fits`. `LoggingSetup` picks this
/// handler when systemd connected stderr to the journal.
public struct JournalLogHandler: LogHandler {
    /// `SYSLOG_IDENTIFIER` of every record, the name `journalctl -t` selects by.
    public static let syslogIdentifier = "saxsd"

    /// The logger's label, sent as `SAXSD_LOGGER`.
    public let label: String
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = mergedMetadata(for: event)
        do {
            try Self.send(Self.fields(for: event, label: label, metadata: merged))
        } catch {
            // journald's socket exists but refuses the entry (journald restarting, say). The record still matters,
            // so it goes to stderr, which under systemd is the journal's stream; no extra complaint per record.
            // (Without any journald libsystemd drops entries and reports success.)
            Self.writeToStandardError(event: event, label: label, metadata: merged)
        }
    }

    /// The record's metadata with swift-log's precedence (the call's over the provider's over the logger's), plus
    /// the attached error under `error` so it reaches both the message and the `SAXSD_ERROR` field.
    func mergedMetadata(for event: LogEvent) -> Logger.Metadata {
        var merged = metadata
        if let provided = metadataProvider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let attached = event.metadata {
            merged.merge(attached) { _, new in new }
        }
        if let error = event.error {
            merged["error"] = "\(error)"
        }
        return merged
    }
}
