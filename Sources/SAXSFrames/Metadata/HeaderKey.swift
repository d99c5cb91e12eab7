/// One header entry that may hold a quantity, with the unit its value is in when the file does not say.
///
/// Written `KEY` or `KEY [unit]` in configuration files: `"Wavelength [A]"`, `"SampleDistance [m]"`.
public struct HeaderKey: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    /// The unit the value is in; nil to take the file's own `name@units` entry (HDF5 attributes), else SI.
    public var unit: HeaderUnit?

    public init(_ name: String, unit: HeaderUnit? = nil) {
        self.name = name
        self.unit = unit
    }

    /// Nil when the text is empty or names a unit saxsd does not know.
    public init?(parsing text: String) {
        let trimmed = text.trimmedWhitespace
        guard let open = trimmed.firstIndex(of: "["), trimmed.last == "]" else {
            guard !trimmed.isEmpty, !trimmed.contains("]") else { return nil }
            self.init(String(trimmed))
            return
        }
        let name = trimmed[..<open].trimmedWhitespace
        guard !name.isEmpty, let unit = HeaderUnit(text: String(trimmed[trimmed.index(after: open)...].dropLast())) else {
            return nil
        }
        self.init(String(name), unit: unit)
    }

    public var description: String {
        unit.map { "\(name) [\($0.rawValue)]" } ?? name
    }
}

/// Units a header value may be stated in, with their factor to SI (seconds, metres).
public enum HeaderUnit: String, Sendable, Hashable, CaseIterable {
    case s, ms, us, m, cm, mm, um, nm
    case angstrom = "A"

    public var toSI: Double {
        switch self {
        case .s, .m: 1
        case .ms, .mm: 1e-3
        case .cm: 1e-2
        case .us, .um: 1e-6
        case .nm: 1e-9
        case .angstrom: 1e-10
        }
    }

    public var isTime: Bool { self == .s || self == .ms || self == .us }

    /// The spellings configuration files and NeXus `units` attributes use.
    public init?(text: String) {
        switch text.trimmedWhitespace.lowercased() {
        case "s", "sec", "second", "seconds": self = .s
        case "ms", "millisecond", "milliseconds": self = .ms
        case "us", "µs", "microsecond", "microseconds": self = .us
        case "m", "meter", "meters", "metre", "metres": self = .m
        case "cm", "centimeter", "centimeters", "centimetre", "centimetres": self = .cm
        case "mm", "millimeter", "millimeters", "millimetre", "millimetres": self = .mm
        case "um", "µm", "micron", "microns", "micrometer", "micrometers", "micrometre", "micrometres": self = .um
        case "nm", "nanometer", "nanometers", "nanometre", "nanometres": self = .nm
        case "a", "å", "angstrom", "angstroms", "ångström", "ang": self = .angstrom
        default: return nil
        }
    }
}
