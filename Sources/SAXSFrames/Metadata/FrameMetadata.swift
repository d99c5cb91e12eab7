/// The quantities later stages want from a frame's header, in SI units: seconds and metres.
public struct FrameMetadata: Sendable, Equatable {
    public var exposureTime: Double?
    public var monitor: Double?
    public var transmission: Double?
    public var wavelength: Double?
    public var distance: Double?

    public init(exposureTime: Double? = nil, monitor: Double? = nil, transmission: Double? = nil,
                wavelength: Double? = nil, distance: Double? = nil) {
        self.exposureTime = exposureTime
        self.monitor = monitor
        self.transmission = transmission
        self.wavelength = wavelength
        self.distance = distance
    }

    public init(header: FrameHeader, keys: MetadataKeys) {
        exposureTime = Self.value(header, keys.exposureTime, siUnit: .s)
        monitor = Self.value(header, keys.monitor, siUnit: nil)
        transmission = Self.value(header, keys.transmission, siUnit: nil)
        wavelength = Self.value(header, keys.wavelength, siUnit: .angstrom, defaultUnit: .angstrom)
        distance = Self.value(header, keys.distance, siUnit: .m)
    }

    /// The first key with a finite number. The unit is the key's own, else the file's `KEY@units` entry, else
    /// `defaultUnit` (NeXus states wavelengths in Å by custom), else SI. A value whose stated unit is of the
    /// wrong kind (a wavelength "in seconds") is skipped rather than converted.
    private static func value(_ header: FrameHeader, _ keys: [HeaderKey], siUnit: HeaderUnit?,
                              defaultUnit: HeaderUnit? = nil) -> Double? {
        for key in keys {
            guard let number = header[key.name]?.doubleValue, number.isFinite else { continue }
            guard let siUnit else { return number }
            let stated = header["\(key.name)@units"].flatMap { HeaderUnit(text: $0.description) }
            let unit = key.unit ?? stated ?? defaultUnit ?? (siUnit.isTime ? .s : .m)
            guard unit.isTime == siUnit.isTime else { continue }
            return number * unit.toSI
        }
        return nil
    }
}
