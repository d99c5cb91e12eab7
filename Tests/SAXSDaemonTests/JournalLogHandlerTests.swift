import Foundation
import Logging
import Testing

@testable import SAXSDaemon

@Suite struct JournalLogHandlerTests {
    private func event(
        _ level: Logger.Level = .info,
        _ message: Logger.Message,
        metadata: Logger.Metadata? = nil,
        error: (any Error)? = nil
    ) -> LogEvent {
        LogEvent(
            level: level, message: message, error: error, metadata: metadata, source: "SAXSDaemon",
            file: "SAXSDaemon/Watch/Watcher.swift", function: "scan(_:)", line: 42
        )
    }

    @Test(arguments: [
        (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
    ])
    func levelsMapToSyslogPriorities(level: Logger.Level, priority: Int) {
        let fields = JournalLogHandler.fields(for: event(level, "x"), label: "saxsd", metadata: [:])
        #expect(fields.contains("PRIORITY=\(priority)"))
    }

    @Test func recordBecomesFieldsInAFixedOrder() {
        let fields = JournalLogHandler.fields(
            for: event(.notice, "sidecar written"),
            label: "saxsd.pipeline",
            metadata: ["frame": "/data/bt1/a_00001.fits", "elapsed_ms": "12", "workers": .stringConvertible(2)]
        )
        #expect(fields == [
            "MESSAGE=sidecar written elapsed_ms=12 frame=/data/bt1/a_00001.fits workers=2",
            "PRIORITY=5",
            "SYSLOG_IDENTIFIER=saxsd",
            "CODE_FILE=SAXSDaemon/Watch/Watcher.swift",
            "CODE_LINE=42",
            "CODE_FUNC=scan(_:)",
            "SAXSD_LOGGER=saxsd.pipeline",
            "SAXSD_ELAPSED_MS=12",
            "SAXSD_FRAME=/data/bt1/a_00001.fits",
            "SAXSD_WORKERS=2",
        ])
    }

    @Test(arguments: [
        ("frame", "SAXSD_FRAME"),
        ("frame.index", "SAXSD_FRAME_INDEX"),
        ("q-range nm", "SAXSD_Q_RANGE_NM"),
        ("Already_UPPER_9", "SAXSD_ALREADY_UPPER_9"),
        ("größe", "SAXSD_GR__E"),
        ("", "SAXSD_"),
        (String(repeating: "k", count: 100), "SAXSD_" + String(repeating: "K", count: 58)),
    ])
    func metadataKeysBecomeValidJournalFieldNames(key: String, field: String) {
        #expect(JournalLogHandler.fieldName(forMetadataKey: key) == field)
        #expect(field.count <= 64)
        #expect(field.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
    }

    @Test func multiLineMessageStaysOneField() {
        let fields = JournalLogHandler.fields(
            for: event(.error, "cannot read frame\n  truncated after 2880 bytes"), label: "saxsd", metadata: [:]
        )
        #expect(fields.first == "MESSAGE=cannot read frame\n  truncated after 2880 bytes")
        #expect(fields.count == 7)
    }

    @Test func callMetadataOverridesLoggerMetadataAndErrorsAreKept() {
        struct Truncated: Error, CustomStringConvertible {
            var description: String { "truncated after 2880 bytes" }
        }
        var handler = JournalLogHandler(label: "saxsd")
        handler[metadataKey: "root"] = "/data"
        handler[metadataKey: "frame"] = "old"
        let failure = event(.error, "failed", metadata: ["frame": "new"], error: Truncated())
        let merged = handler.mergedMetadata(for: failure)
        #expect(merged == ["root": "/data", "frame": "new", "error": "truncated after 2880 bytes"])

        let fields = JournalLogHandler.fields(for: event(.error, "failed"), label: "saxsd", metadata: merged)
        #expect(fields.contains("SAXSD_ERROR=truncated after 2880 bytes"))
        #expect(fields.first == "MESSAGE=failed error=truncated after 2880 bytes frame=new root=/data")
    }

    /// Without journald (containers, CI) libsystemd drops the entry and reports success, since an absent socket
    /// means "no journal" rather than an error: nothing may throw, trap or print. Where journald runs, the test
    /// entries simply land in the journal.
    @Test func sendingWithoutJournaldNeitherFailsNorTraps() throws {
        let record = event(.debug, "saxsd test record")
        let fields = JournalLogHandler.fields(for: record, label: "saxsd.tests", metadata: [:])
        #expect(throws: Never.self) { try JournalLogHandler.send(fields) }
        let logger = Logger(label: "saxsd.tests") { JournalLogHandler(label: $0) }
        for index in 0..<100 {
            logger.error("journal check", metadata: ["frame": "\(index)"])
        }
    }

    @Test func journalStreamMustNameTheActualStandardError() {
        #expect(LogDestination.isJournalStream("2049:123456", device: 2049, inode: 123_456))
        #expect(!LogDestination.isJournalStream("2049:123456", device: 2049, inode: 123_457))
        #expect(!LogDestination.isJournalStream("2050:123456", device: 2049, inode: 123_456))
        for malformed in ["", ":", "2049:", ":123456", "2049", "a:b", "2049:123456:1", " 2049:123456", "-1:5"] {
            #expect(!LogDestination.isJournalStream(malformed, device: 2049, inode: 123_456))
        }
    }

    @Test func detectionComparesJournalStreamWithStandardError() throws {
        var status = stat()
        try #require(fstat(STDERR_FILENO, &status) == 0)
        let saved = getenv("JOURNAL_STREAM").map { String(cString: $0) }
        defer {
            if let saved { setenv("JOURNAL_STREAM", saved, 1) } else { unsetenv("JOURNAL_STREAM") }
        }
        setenv("JOURNAL_STREAM", "\(status.st_dev):\(status.st_ino)", 1)
        #expect(LogDestination.detect() == .journal)
        setenv("JOURNAL_STREAM", "\(status.st_dev):\(status.st_ino + 1)", 1)
        #expect(LogDestination.detect() == .standardError)
        unsetenv("JOURNAL_STREAM")
        #expect(LogDestination.detect() == .standardError)
    }

    @Test func levelNamesFromTheEnvironment() {
        #expect(LoggingSetup.parseLevel("debug") == .debug)
        #expect(LoggingSetup.parseLevel(" WARNING\n") == .warning)
        #expect(LoggingSetup.parseLevel("Trace") == .trace)
        #expect(LoggingSetup.parseLevel("verbose") == nil)
        #expect(LoggingSetup.parseLevel("") == nil)
        #expect(LoggingSetup.parseLevel("info debug") == nil)
    }
}
