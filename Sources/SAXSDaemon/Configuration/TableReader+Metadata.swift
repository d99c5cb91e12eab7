import SAXSFrames
import SAXSPipeline
import TOMLKit

/// `[metadata]`: the cross-check tolerance, and `[metadata.FORMAT]` tables naming the header keys of each
/// quantity for one format (a string or a list, each `KEY` or `KEY [unit]`), replacing that format's defaults.
extension TableReader {
    static let metadataKeys = ["tolerance"] + MetadataKeys.formats
    static let metadataQuantities = ["exposure_time", "monitor", "transmission", "wavelength", "distance"]

    func readMetadata(_ section: TOMLTable) throws(ConfigurationError) -> MetadataSettings {
        var settings = MetadataSettings()
        if let tolerance = try number(section, "metadata.tolerance", in: 0...10) { settings.tolerance = tolerance }
        for format in MetadataKeys.formats {
            guard let table = try self.section(section, "metadata.\(format)", keys: Self.metadataQuantities) else {
                continue
            }
            var keys = MetadataKeys.defaults(format: format)
            let quantities: [(String, WritableKeyPath<MetadataKeys, [HeaderKey]>, time: Bool?)] = [
                ("exposure_time", \.exposureTime, true), ("monitor", \.monitor, nil),
                ("transmission", \.transmission, nil), ("wavelength", \.wavelength, false),
                ("distance", \.distance, false),
            ]
            for (name, path, time) in quantities {
                let key = "metadata.\(format).\(name)"
                guard let texts = try strings(table, key, orOne: true) else { continue }
                keys[keyPath: path] = try texts.map { text throws(ConfigurationError) in
                    try headerKey(text, key: key, time: time)
                }
            }
            settings.keys[format] = keys
        }
        return settings
    }

    /// `time`: true for a duration, false for a length, nil for a plain count (no unit allowed).
    private func headerKey(_ text: String, key: String, time: Bool?) throws(ConfigurationError) -> HeaderKey {
        guard let parsed = HeaderKey(parsing: text) else {
            let units = HeaderUnit.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail(key, "\"\(text)\" is not a header key, written KEY or KEY [unit] (units: \(units))")
        }
        if let unit = parsed.unit {
            guard let time else { throw fail(key, "\"\(text)\": a counter takes no unit") }
            guard unit.isTime == time else {
                throw fail(key, "\"\(text)\": \(unit.rawValue) is not a unit of \(time ? "time" : "length")")
            }
        }
        return parsed
    }
}
