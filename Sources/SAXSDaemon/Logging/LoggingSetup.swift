import Glibc
import Logging
import Synchronization

/// Installs saxsd's log handler for the whole process.
public enum LoggingSetup {
    /// The environment variable that overrides the level, e.g. `SAXSD_LOG_LEVEL=debug` in a drop-in.
    public static let levelVariable = "SAXSD_LOG_LEVEL"

    /// The destination chosen by the first `bootstrap`; swift-log accepts only one bootstrap per process.
    private static let chosen = Mutex<LogDestination?>(nil)

    /// Sends logs to the journal when systemd connected stderr to it, to stderr otherwise, at `level` unless
    /// `SAXSD_LOG_LEVEL` names another one.
    ///
    /// Safe to call more than once: later calls change nothing and return the first call's destination. It must
    /// be the only way the process bootstraps swift-log, since `LoggingSystem.bootstrap` traps on a second call.
    @discardableResult
    public static func bootstrap(level: Logger.Level = .info) -> LogDestination {
        let requested = getenv(levelVariable).map { String(cString: $0) }
        let override = requested.flatMap(parseLevel)
        let effective = override ?? level
        let (destination, isFirst) = chosen.withLock { chosen in
            if let chosen {
                return (chosen, false)
            }
            let destination = LogDestination.detect()
            install(destination, level: effective)
            chosen = destination
            return (destination, true)
        }
        if isFirst, let requested, override == nil {
            let valid = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            Logger(label: "saxsd.logging").warning(
                "ignoring \(levelVariable)=\(requested): not one of \(valid); logging at \(effective)"
            )
        }
        return destination
    }

    /// A level name as swift-log spells it (`trace` … `critical`), ignoring case and surrounding blanks.
    static func parseLevel(_ text: String) -> Logger.Level? {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count == 1 else { return nil }
        return Logger.Level(rawValue: words[0].lowercased())
    }

    private static func install(_ destination: LogDestination, level: Logger.Level) {
        switch destination {
        case .journal:
            LoggingSystem.bootstrap { label in
                var handler = JournalLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        case .standardError:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
