import Foundation
import SAXSIntegration
import TOMLKit

/// Walks the parsed table section by section, refusing unknown keys (a typo must not silently fall back to
/// a default during a beamtime) and values of the wrong type or range.
struct TableReader {
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

    /// Sections are read in this order whatever their order in the file: `[anisotropy]` checks its values
    /// against the integration settings.
    func read(_ table: TOMLTable, into config: inout Configuration) throws(ConfigurationError) {
        let sections = ["watch", "integration", "anisotropy", "metadata", "analysis", "output", "service"]
        for key in table.keys where !sections.contains(key) {
            throw fail(key, "unknown section or key (known sections: \(sections.joined(separator: ", ")))")
        }
        if let section = try section(table, "watch", keys: Self.watchKeys) {
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
            if let wait = try number(section, "watch.incomplete_timeout_s", in: 0...86_400) {
                config.watch.incompleteTimeoutSeconds = wait
            }
        }
        if let section = try section(table, "integration", keys: Self.integrationKeys) {
            try readIntegration(section, into: &config.integration)
        } else {
            config.integration.settings.polarization = nil
        }
        if let section = try section(table, "anisotropy", keys: Self.anisotropyKeys) {
            config.anisotropy = try readAnisotropy(section, integration: config.integration.settings)
        }
        if let section = try section(table, "metadata", keys: Self.metadataKeys) {
            config.metadata = try readMetadata(section)
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

    static let watchKeys = ["roots", "include", "recursive", "settle_ms", "poll_interval_s", "incomplete_timeout_s"]

    /// The table `name` (dotted: `integration.fit2d` is the table `fit2d` inside `table`), with its keys checked.
    func section(_ table: TOMLTable, _ name: String, keys: [String]) throws(ConfigurationError) -> TOMLTable? {
        guard let value = table[leaf(name)] else { return nil }
        guard let section = value.table else { throw fail(name, "must be a table ([\(name)])") }
        for key in section.keys where !keys.contains(key) {
            throw fail("\(name).\(key)", "unknown key (known in [\(name)]: \(keys.joined(separator: ", ")))")
        }
        return section
    }

    func leaf(_ key: String) -> String { String(key.split(separator: ".").last!) }

    func string(_ table: TOMLTable, _ key: String) throws(ConfigurationError) -> String? {
        guard let value = table[leaf(key)] else { return nil }
        guard let string = value.string else { throw fail(key, "must be a string, not \(value.type.description)") }
        return string
    }

    func strings(_ table: TOMLTable, _ key: String, orOne: Bool = false) throws(ConfigurationError) -> [String]? {
        guard let value = table[leaf(key)] else { return nil }
        if orOne, let one = value.string { return [one] }
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

    func bool(_ table: TOMLTable, _ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = table[leaf(key)] else { return nil }
        guard let bool = value.bool else { throw fail(key, "must be true or false, not \(value.type.description)") }
        return bool
    }

    func integer(_ table: TOMLTable, _ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let value = table[leaf(key)] else { return nil }
        guard value.type == .int, let int = value.int else {
            throw fail(key, "must be an integer, not \(value.type.description)")
        }
        guard range.contains(int) else {
            throw fail(key, "\(int) is out of range (\(range.lowerBound) to \(range.upperBound))")
        }
        return int
    }

    func number(_ table: TOMLTable, _ key: String, in range: ClosedRange<Double>) throws(ConfigurationError) -> Double? {
        guard let value = table[leaf(key)] else { return nil }
        guard let number = Self.number(value) else { throw fail(key, "must be a number, not \(value.type.description)") }
        guard number.isFinite, range.contains(number) else {
            throw fail(key, "\(number) is out of range (\(range.lowerBound) to \(range.upperBound))")
        }
        return number
    }

    /// A finite number above zero: lengths, wavelengths, scale factors.
    func positive(_ table: TOMLTable, _ key: String) throws(ConfigurationError) -> Double? {
        guard let number = try number(table, key, in: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) else {
            return nil
        }
        guard number > 0 else { throw fail(key, "must be above 0, got \(number)") }
        return number
    }

    /// `[low, high]`: two numbers, low below high.
    func range(_ table: TOMLTable, _ key: String) throws(ConfigurationError) -> ClosedRange<Double>? {
        guard let value = table[leaf(key)] else { return nil }
        return try range(value, key, what: "")
    }

    /// `[[low, high], ...]`.
    func ranges(_ table: TOMLTable, _ key: String) throws(ConfigurationError) -> [ClosedRange<Double>]? {
        guard let value = table[leaf(key)] else { return nil }
        guard let array = value.array else {
            throw fail(key, "must be an array of [low, high] pairs, not \(value.type.description)")
        }
        var result: [ClosedRange<Double>] = []
        for (index, element) in array.enumerated() {
            result.append(try range(element, key, what: "entry \(index + 1) "))
        }
        return result
    }

    private func range(_ value: any TOMLValueConvertible, _ key: String, what: String) throws(ConfigurationError) -> ClosedRange<Double> {
        guard let array = value.array, array.count == 2,
              let low = Self.number(array[0]), let high = Self.number(array[1]), low.isFinite, high.isFinite else {
            throw fail(key, "\(what)must be [low, high], two numbers")
        }
        guard low < high else { throw fail(key, "\(what)must run from low to high, got [\(low), \(high)]") }
        return low...high
    }

    func choice<T: RawRepresentable & CaseIterable>(_ table: TOMLTable, _ key: String) throws(ConfigurationError) -> T?
    where T.RawValue == String {
        guard let name = try string(table, key) else { return nil }
        guard let value = T(rawValue: name) else {
            let known = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw fail(key, "unknown value \"\(name)\" (known: \(known))")
        }
        return value
    }

    func absolute(_ path: String) -> String {
        Configuration.absolutePath(path, relativeTo: folder)
    }

    /// Integers and floats alike: TOML tells `10` from `10.0`, operators do not.
    static func number(_ value: any TOMLValueConvertible) -> Double? {
        switch value.type {
        case .int: value.int.map(Double.init)
        case .double: value.double
        default: nil
        }
    }
}
