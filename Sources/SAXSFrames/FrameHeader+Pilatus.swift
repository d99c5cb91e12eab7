extension FrameHeader {
    /// Appends the entries of a Dectris (Pilatus, Eiger) text header, as TIFF frames carry it in ImageDescription
    /// and CBF frames in their header contents; returns false, appending nothing, when `text` is not one.
    ///
    /// Each `# Key value unit` line becomes an entry under the detector's own key:
    /// - A single number followed by at most its unit is stored as the number, the unit dropped:
    ///   `# Exposure_time 1.000000 s` → `Exposure_time` = 1.0, `# Wavelength 1.2450 A` → `Wavelength` = 1.245.
    ///   Numbers keep the unit Dectris writes them in: seconds (`Exposure_time`, `Exposure_period`, `Tau`),
    ///   metres (`Detector_distance`, `Pixel_size`), ångström (`Wavelength`), eV (`Threshold_setting`),
    ///   degrees (`Start_angle`, `Alpha`, …), counts (`Count_cutoff`, `Flux` in photons/s).
    ///   `=` or `:` between key and value (`# Tau = 199.1e-09 s`, `# Threshold_setting: 5000 eV`) is dropped.
    /// - Anything else is stored as text: `# Gain_setting: mid gain (vrf = -0.200)`, `# Flat_field: (nil)`.
    /// - Pairs keep the line's text under the original key and add both numbers:
    ///   `# Beam_xy (487.00, 97.00) pixels` → `Beam_xy` = "(487.00, 97.00) pixels", `Beam_x` = 487.0 and
    ///   `Beam_y` = 97.0 (column and row in pixels, as Dectris counts them); `Pixel_size` adds `Pixel_size_x`
    ///   and `Pixel_size_y` (m), `Energy_range` adds `Energy_range_low` and `Energy_range_high` (eV).
    /// - Lines without a key: `# Silicon sensor, thickness 0.000320 m` → `Sensor_material` = "Silicon",
    ///   `Sensor_thickness` = 0.00032 (m); a leading date line `# 2014-10-24T16:33:09.000` → `Date`.
    ///
    /// `exposureTime` finds `Exposure_time` (look-ups ignore case).
    @discardableResult
    public mutating func appendPilatusHeader(_ text: String) -> Bool {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmedWhitespace }
            .filter { $0.hasPrefix("#") }.map { $0.dropFirst().trimmedWhitespace }
        // Every Dectris header states the pixel size and the exposure time; other "# " text is not one.
        guard lines.contains(where: { $0.hasPrefix("Pixel_size") || $0.hasPrefix("Exposure_time") }) else { return false }
        for line in lines where !line.isEmpty {
            appendPilatusLine(line)
        }
        return true
    }

    private static let pilatusPairs: [String: (String, String)] = [
        "Beam_xy": ("Beam_x", "Beam_y"),
        "Pixel_size": ("Pixel_size_x", "Pixel_size_y"),
        "Energy_range": ("Energy_range_low", "Energy_range_high"),
    ]

    private mutating func appendPilatusLine(_ line: Substring) {
        if line.first?.isNumber == true {
            append("Date", .string(String(line)))
            return
        }
        if let sensor = line.firstRange(of: " sensor, thickness ") {
            append("Sensor_material", .string(String(line[..<sensor.lowerBound])))
            let thickness = line[sensor.upperBound...].split(separator: " ").first.flatMap { Value(number: $0) }
            append("Sensor_thickness", thickness ?? .string(String(line[sensor.upperBound...])))
            return
        }
        let key = String(line.prefix { !$0.isWhitespace && $0 != ":" && $0 != "=" })
        let rest = line.dropFirst(key.count).drop { $0.isWhitespace || $0 == ":" || $0 == "=" }
        if let (first, second) = Self.pilatusPairs[key] {
            append(key, .string(String(rest)))
            let numbers = rest.split { $0.isWhitespace || $0 == "," || $0 == "(" || $0 == ")" }.compactMap { Value(number: $0) }
            if numbers.count == 2 {
                append(first, numbers[0])
                append(second, numbers[1])
            }
            return
        }
        let words = rest.split(whereSeparator: \.isWhitespace)
        // A unit is one word without digits after the number ("s", "m", "A", "eV", "counts", "deg.").
        if let number = words.first.flatMap({ Value(number: $0) }),
           words.count == 1 || (words.count == 2 && !words[1].contains(where: \.isNumber)) {
            append(key, number)
        } else {
            append(key, .string(String(rest)))
        }
    }
}

extension FrameHeader.Value {
    /// A decimal number as text: `.integer` when written without a point or exponent, else `.real`; nil for
    /// anything else, including "nan" and "inf", which detectors write for unknown values, not as numbers.
    init?(number text: some StringProtocol) {
        guard let first = text.first, first.isNumber || first == "-" || first == "+" || first == "." else { return nil }
        if let integer = Int(text) {
            self = .integer(integer)
        } else if let real = Double(text), real.isFinite {
            self = .real(real)
        } else {
            return nil
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing whitespace (spaces, tabs, CR and LF of Windows-style header lines).
    var trimmedWhitespace: SubSequence {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
