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

    /// Parses TOML text; `path` names the file in errors and anchors relative paths.
    public init(toml text: String, path: String) throws(ConfigurationError) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(path: path, line: error.source.begin.line, reason: "TOML syntax: \(error.description)")
        } catch {
            throw ConfigurationError(path: path, reason: "TOML syntax: \(error)")
        }
        var reader = TableReader(path: path, lines: TOMLLineIndex(text: text))
        self.init()
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

/// Walks the parsed table section by section, refusing unknown keys (a typo must not silently fall back to
/// a default during a beamtime) and values of the wrong type or range.
private struct TableReader {
    let path: String
    let lines: TOMLLineIndex
    let folder: String

    init(path: String, lines: TOMLLineIndex) {
        self.path = path
        self.lines = lines
        self.folder = (path as NSString).deletingLastPathComponent
    }

    func fail(_ key: String, _ reason: String) -> ConfigurationError {
        ConfigurationError(path: path, line: lines.line(of: key), key: key, reason: reason)
    }

    mutating func read(_ table: TOMLTable, into config: inout Configuration) throws(ConfigurationError) {
        let sections = ["watch", "integration", "analysis", "output", "service"]
        for key in table.keys where !sections.contains(key) {
            throw fail(key, "unknown section or key (known sections: \(sections.joined(separator: ", ")))")
        }
        if let section = try section(table, "watch", keys: ["roots", "include", "recursive", "settle_ms", "poll_interval_s"]) {
            if let roots = try strings(section, "watch.roots") {
                config.watch.roots = roots.map(absolute)
            }
            if let include = try strings(section, "watch.include") {
                if include.isEmpty { throw fail("watch.include", "needs at least one pattern, e.g. \"*.fits\"") }
                config.watch.include = include
            }
            if let recursive = try bool(section, "watch.recursive") { config.watch.recursive = recursive }
            if let settle = try integer(section, "watch.settle_ms", in: 0...600_000) { config.watch.settleMilliseconds = settle }
            if let poll = try number(section, "watch.poll_interval_s", in: 0...86_400) { config.watch.pollIntervalSeconds = poll }
        }
        if let section = try section(table, "integration", keys: ["poni", "mask", "npt", "unit", "split", "solid_angle",
                                                                   "polarization", "error_model", "dummy", "delta_dummy"]) {
            var settings = config.integration.settings
            if let poni = try string(section, "integration.poni") {
                config.integration.poni = poni.isEmpty ? nil : absolute(poni)
            }
            if let mask = try string(section, "integration.mask") {
                config.integration.mask = mask.isEmpty ? nil : absolute(mask)
            }
            if let npt = try integer(section, "integration.npt", in: 1...1_000_000) { settings.npt = npt }
            if let unit: RadialUnit = try choice(section, "integration.unit") { settings.unit = unit }
            if let split: PixelSplitting = try choice(section, "integration.split") { settings.split = split }
            if let solid = try bool(section, "integration.solid_angle") { settings.solidAngle = solid }
            // Leaving the key out means no polarization correction, as the sample file explains.
            settings.polarization = try number(section, "integration.polarization", in: -1...1)
            if let model: ErrorModel = try choice(section, "integration.error_model") { settings.errorModel = model }
            settings.dummy = try number(section, "integration.dummy", in: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude)
            settings.deltaDummy = try number(section, "integration.delta_dummy", in: 0...Double.greatestFiniteMagnitude)
            if settings.deltaDummy != nil && settings.dummy == nil {
                throw fail("integration.delta_dummy", "has no effect without integration.dummy")
            }
            config.integration.settings = settings
        } else {
            config.integration.settings.polarization = nil
        }
        if let section = try section(table, "analysis", keys: ["models", "min_probability", "refine"]) {
            if let models = try string(section, "analysis.models") { config.analysis.models = absolute(models) }
            if let p = try number(section, "analysis.min_probability", in: 0...1) { config.analysis.minProbability = p }
            if let refine = try bool(section, "analysis.refine") { config.analysis.refine = refine }
        }
        if let section = try section(table, "output", keys: ["root", "formats"]) {
            if let root = try string(section, "output.root") { config.output.root = root.isEmpty ? "" : absolute(root) }
            if let names = try strings(section, "output.formats") {
                var formats: [Configuration.OutputFormat] = []
                for name in names {
                    guard let format = Configuration.OutputFormat(rawValue: name) else {
                        throw fail("output.formats", "unknown format \"\(name)\" (known: dat, json)")
                    }
                    if !formats.contains(format) { formats.append(format) }
                }
                guard formats.contains(.json) else {
                    throw fail("output.formats", "must include \"json\": the .saxs.json sidecar is how saxsd knows a frame is done")
                }
                config.output.formats = formats
            }
        }
        if let section = try section(table, "service", keys: ["workers", "queue"]) {
            if let workers = try integer(section, "service.workers", in: 1...256) { config.service.workers = workers }
            if let queue = try integer(section, "service.queue", in: 1...10_000_000) { config.service.queue = queue }
        }
    }

    private func section(_ table: TOMLTable, _ name: String, keys: [String]) throws(ConfigurationError) -> TOMLTable? {
        guard let value = table[name] else { return nil }
        guard let section = value.table else { throw fail(name, "must be a table ([\(name)])") }
        for key in section.keys where !keys.contains(key) {
            throw fail("\(name).\(key)", "unknown key (known in [\(name)]: \(keys.joined(separator: ", ")))")
        }
        return section
    }

    private func leaf(_ key: String) -> String { String(key.split(separator: ".").last!) }

    private func string(_ table: TOMLTable, _ key: String) throws(ConfigurationError) -> String? {
        guard let value = table[leaf(key)] else { return nil }
        guard let string = value.string else { throw fail(key, "must be a string, not \(value.type.description)") }
        return string
    }

    private func strings(_ table: TOMLTable, _ key: String) throws(ConfigurationError) -> [String]? {
        guard let value = table[leaf(key)] else { return nil }
        guard let array = value.array else { throw fail(key, "must be an array of strings, not \(value.type.description)") }
        var result: [String] = []
        for element in array {
            guard let string = element.string else {
                throw fail(key, "must be an array of strings; found \(element.type.description)")
            }
            result.append(string)
        }
        return result
    }

    private func bool(_ table: TOMLTable, _ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = table[leaf(key)] else { return nil }
        guard let bool = value.bool else { throw fail(key, "must be true or false, not \(value.type.description)") }
        return bool
    }

    private func integer(_ table: TOMLTable, _ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let value = table[leaf(key)] else { return nil }
        guard value.type == .int, let int = value.int else {
            throw fail(key, "must be an integer, not \(value.type.description)")
        }
        guard range.contains(int) else {
            throw fail(key, "\(int) is out of range (\(range.lowerBound) to \(range.upperBound))")
        }
        return int
    }

    private func number(_ table: TOMLTable, _ key: String, in range: ClosedRange<Double>) throws(ConfigurationError) -> Double? {
        guard let value = table[leaf(key)] else { return nil }
        let number: Double
        switch value.type {
        case .int: number = Double(value.int!)
        case .double: number = value.double!
        default: throw fail(key, "must be a number, not \(value.type.description)")
        }
        guard number.isFinite, range.contains(number) else {
            throw fail(key, "\(number) is out of range (\(range.lowerBound) to \(range.upperBound))")
        }
        return number
    }

    private func choice<T: RawRepresentable & CaseIterable>(_ table: TOMLTable, _ key: String) throws(ConfigurationError) -> T?
    where T.RawValue == String {
        guard let name = try string(table, key) else { return nil }
        guard let value = T(rawValue: name) else {
            let known = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw fail(key, "unknown value \"\(name)\" (known: \(known))")
        }
        return value
    }

    private func absolute(_ path: String) -> String {
        Configuration.absolutePath(path, relativeTo: folder)
    }
}
