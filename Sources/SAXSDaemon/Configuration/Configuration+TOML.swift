import Foundation
import SAXSIntegration
import TOMLKit

extension Configuration {
    /// Reads and validates a configuration file. Every problem names the file, the line and the key.
    public static func load(path: String) throws(ConfigurationError) -> Configuration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(path: path, reason: "cannot read the file: \(Self.reason(error))")
        }
        return try Configuration(toml: text, path: path)
    }

    /// Parses TOML text; `path` names the file in errors and anchors relative paths. `environment` supplies
    /// the defaults that come from it (systemd's `CACHE_DIRECTORY`).
    public init(toml text: String, path: String,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigurationError) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(path: path, line: error.source.begin.line, reason: "TOML syntax: \(error.description)")
        } catch {
            throw ConfigurationError(path: path, reason: "TOML syntax: \(error)")
        }
        let reader = TableReader(path: path, lines: TOMLLineIndex(text: text))
        self.init(environment: environment)
        self.path = path
        self.lineIndex = reader.lines
        try reader.read(table, into: &self)
    }

    /// The error for `key`, located in the file this configuration came from.
    func error(key: String, _ reason: String) -> ConfigurationError {
        ConfigurationError(path: path ?? "(built-in defaults)", line: lineIndex?.line(of: key), key: key, reason: reason)
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
