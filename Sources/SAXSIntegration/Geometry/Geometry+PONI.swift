import Foundation
import SAXSFrames

extension Geometry {
    /// Reads a pyFAI PONI file (versions 1, 2, 2.1 and 3).
    public static func load(poniPath: String) throws(GeometryError) -> Geometry {
        guard let data = FileManager.default.contents(atPath: poniPath) else {
            let reason = FileManager.default.fileExists(atPath: poniPath)
                ? "cannot read the PONI file" : "no such PONI file"
            throw GeometryError(path: poniPath, reason: reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw GeometryError(path: poniPath, reason: "not a PONI file: the content is not UTF-8 text")
        }
        return try Geometry(poniText: text, path: poniPath)
    }

    /// Parses the text of a PONI file. `path` only labels errors.
    ///
    /// Keys are matched without regard to case, as pyFAI does. Version 1 files give the pixel size as
    /// `PixelSize1`/`PixelSize2`; versions 2 and later give a detector name and a JSON `Detector_config`, which
    /// from 2.1 holds the orientation and may hold the `sensor`; version 3 adds `Parallax: True|False`. A detector
    /// named without a configuration takes its pixel size from pyFAI's catalogue of detectors.
    public init(poniText: String, path: String? = nil) throws(GeometryError) {
        let file = try PONIFile(text: poniText, path: path)
        try file.checkVersion()
        try file.refuseSpline()

        let config = try file.detectorConfig()
        let detectorName = file.entry("Detector")?.value ?? "Detector"
        let known = KnownDetector.named(detectorName)

        if (config?.pixel1 == nil) != (config?.pixel2 == nil) {
            let at = file.entry("Detector_config")
            throw GeometryError(path: path, line: at?.line, key: at?.key ?? "Detector_config",
                                reason: "gives only one of pixel1 and pixel2")
        }
        let pixel1: Double
        let pixel2: Double
        if let p1 = config?.pixel1, let p2 = config?.pixel2 {
            pixel1 = p1
            pixel2 = p2
        } else if let p1 = try file.number("PixelSize1", required: false, positive: true),
                  let p2 = try file.number("PixelSize2", required: true, positive: true) {
            pixel1 = p1
            pixel2 = p2
        } else if let known {
            pixel1 = known.pixel1
            pixel2 = known.pixel2
        } else {
            let at = file.entry("Detector")
            throw GeometryError(
                path: path, line: at?.line, key: at == nil ? "PixelSize1" : "Detector",
                reason: at == nil
                    ? "missing: give PixelSize1/PixelSize2 or a Detector with its Detector_config"
                    : "unknown detector '\(detectorName)' and no pixel size given (Detector_config pixel1/pixel2 or PixelSize1/PixelSize2)")
        }
        for (value, name) in [(pixel1, "pixel1"), (pixel2, "pixel2")] where !(value.isFinite && value > 0) {
            let at = file.entry("Detector_config")
            throw GeometryError(path: path, line: at?.line, key: at?.key ?? "PixelSize",
                                reason: "\(name) must be a positive length in metres, got \(value)")
        }

        let configLine = file.entry("Detector_config")?.line
        var maxShape = known?.shape
        if let sizes = config?.maxShape {
            guard sizes.count == 2, sizes[0] > 0, sizes[1] > 0 else {
                throw GeometryError(path: path, line: configLine, key: "Detector_config",
                                    reason: "max_shape must be [rows, columns] with positive sizes, got \(sizes)")
            }
            maxShape = FrameShape(rows: sizes[0], columns: sizes[1])
        }

        self.init(
            distance: try file.number("Distance", positive: true)!,
            poni1: try file.number("Poni1")!,
            poni2: try file.number("Poni2")!,
            rot1: try file.number("Rot1")!,
            rot2: try file.number("Rot2")!,
            rot3: try file.number("Rot3")!,
            wavelength: try file.number("Wavelength", positive: true)!,
            pixel1: pixel1,
            pixel2: pixel2,
            detector: detectorName,
            maxShape: maxShape,
            orientation: config?.orientation ?? 3,
            sensor: config?.sensor,
            parallax: try file.parallax()
        )
        // What remains (orientation, sensor, parallax) is checked once, in validate(); its keys name PONI entries.
        do {
            try validate()
        } catch {
            let entry = error.key.flatMap { file.entry($0) }
            throw GeometryError(path: path, line: entry?.line, key: entry?.key ?? error.key, reason: error.reason)
        }
    }
}

/// The `Key: value` lines of a PONI file, with where each came from.
private struct PONIFile {
    struct Entry {
        var key: String
        var value: String
        var line: Int
    }

    /// pyFAI's `Detector_config` fields that matter for the geometry; others (such as a NeXus file name) are ignored.
    struct DetectorConfig: Decodable {
        var pixel1: Double?
        var pixel2: Double?
        var orientation: Int?
        var maxShape: [Int]?
        var splineFile: String?
        var sensor: DetectorSensor?

        enum CodingKeys: String, CodingKey {
            case pixel1, pixel2, orientation
            case maxShape = "max_shape"
            case splineFile, sensor
        }
    }

    let path: String?
    private var entries: [String: Entry] = [:]

    init(text: String, path: String?) throws(GeometryError) {
        self.path = path
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = Self.trimmed(rawLine)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw GeometryError(path: path, line: offset + 1, reason: "expected 'Key: value', got '\(line)'")
            }
            let key = String(Self.trimmed(line[..<colon]))
            let value = String(Self.trimmed(line[line.index(after: colon)...]))
            guard !key.isEmpty else {
                throw GeometryError(path: path, line: offset + 1, reason: "a line has a value but no key")
            }
            if let earlier = entries[key.lowercased()] {
                throw GeometryError(path: path, line: offset + 1, key: key,
                                    reason: "given twice (first on line \(earlier.line))")
            }
            entries[key.lowercased()] = Entry(key: key, value: value, line: offset + 1)
        }
    }

    private static func trimmed(_ text: Substring) -> Substring {
        var result = text
        while result.first?.isWhitespace == true { result.removeFirst() }
        while result.last?.isWhitespace == true { result.removeLast() }
        return result
    }

    func entry(_ key: String) -> Entry? {
        entries[key.lowercased()]
    }

    /// The value of a numeric key; nil only when it is absent and not required.
    func number(_ key: String, required: Bool = true, positive: Bool = false) throws(GeometryError) -> Double? {
        guard let entry = entry(key) else {
            if required { throw GeometryError(path: path, key: key, reason: "missing (every PONI file gives it)") }
            return nil
        }
        guard let value = Double(entry.value), value.isFinite else {
            throw GeometryError(path: path, line: entry.line, key: entry.key, reason: "'\(entry.value)' is not a number")
        }
        if positive, value <= 0 {
            throw GeometryError(path: path, line: entry.line, key: entry.key, reason: "must be positive, got \(entry.value)")
        }
        return value
    }

    /// pyFAI reads the version as a number (it writes 3 or 3.0 alike) and refuses versions newer than its own.
    func checkVersion() throws(GeometryError) {
        guard let entry = entry("poni_version") else { return }
        let known: [Double] = [1, 2, 2.1, 3]
        guard let version = Double(entry.value), known.contains(version) else {
            let newer = Double(entry.value).map { $0 > 3 } ?? false
            throw GeometryError(path: path, line: entry.line, key: entry.key,
                                reason: "PONI version '\(entry.value)' is not supported (saxsd reads 1, 2, 2.1 and 3"
                                    + (newer ? "; the file comes from a newer pyFAI)" : ")"))
        }
    }

    /// Version 3's switch for the parallax correction. pyFAI takes anything but "true" as false; a typo here
    /// would silently change every q, so only true and false are accepted.
    func parallax() throws(GeometryError) -> Bool {
        guard let entry = entry("Parallax") else { return false }
        switch entry.value.lowercased() {
        case "true": return true
        case "false": return false
        default:
            throw GeometryError(path: path, line: entry.line, key: entry.key,
                                reason: "must be True or False, got '\(entry.value)'")
        }
    }

    /// A spline describes per-pixel distortion that the pixel maps do not model; integrating without it
    /// would put every pixel at the wrong q without telling anyone.
    func refuseSpline() throws(GeometryError) {
        guard let entry = entry("SplineFile") else { return }
        let value = entry.value.lowercased()
        if !(value.isEmpty || value == "none" || value == "null") {
            throw GeometryError(path: path, line: entry.line, key: entry.key,
                                reason: "spline distortion correction is not supported")
        }
    }

    func detectorConfig() throws(GeometryError) -> DetectorConfig? {
        guard let entry = entry("Detector_config") else { return nil }
        let config: DetectorConfig
        do {
            config = try JSONDecoder().decode(DetectorConfig.self, from: Data(entry.value.utf8))
        } catch {
            throw GeometryError(path: path, line: entry.line, key: entry.key,
                                reason: "not a valid pyFAI detector configuration (\(Self.explain(error)))")
        }
        if let spline = config.splineFile, !spline.isEmpty {
            throw GeometryError(path: path, line: entry.line, key: entry.key,
                                reason: "spline distortion correction is not supported (splineFile \(spline))")
        }
        return config
    }

    private static func explain(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return field.isEmpty ? "invalid JSON" : "bad field '\(field)'"
        case .keyNotFound(let key, let context):
            return "missing field '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        default:
            return "invalid JSON"
        }
    }
}
