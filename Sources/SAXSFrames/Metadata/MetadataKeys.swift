/// Where one file format keeps a frame's exposure time, monitor and transmission counters, wavelength and
/// sample–detector distance. The first key found wins; each list is configurable per format, since beamlines
/// name their counters differently.
public struct MetadataKeys: Sendable, Hashable {
    public var exposureTime: [HeaderKey]
    public var monitor: [HeaderKey]
    public var transmission: [HeaderKey]
    public var wavelength: [HeaderKey]
    public var distance: [HeaderKey]

    public init(exposureTime: [HeaderKey] = [], monitor: [HeaderKey] = [], transmission: [HeaderKey] = [],
                wavelength: [HeaderKey] = [], distance: [HeaderKey] = []) {
        self.exposureTime = exposureTime
        self.monitor = monitor
        self.transmission = transmission
        self.wavelength = wavelength
        self.distance = distance
    }

    /// The formats saxsd reads, by `FrameReader.format`.
    public static let formats = ["fits", "tiff", "edf", "cbf", "hdf5"]

    /// What each format's writers use:
    /// - Dectris TIFF and CBF headers: `Exposure_time` (s), `Flux` (photons/s), `Filter_transmission`,
    ///   `Wavelength` (Å), `Detector_distance` (m).
    /// - ESRF EDF: `count_time`/`ExposureTime` (s), `Intensity0`/`Monitor`, `Transmission`, `WaveLength` (m),
    ///   `SampleDistance` (m).
    /// - NeXus/Eiger HDF5: `count_time`, `incident_wavelength` and `detector_distance`, whose `units`
    ///   attributes say the unit (Å and m when absent).
    /// - FITS: `EXPTIME`/`EXPOSURE` (s), `MONITOR`, `TRANSMIS`, `WAVELEN` (m), `DISTANCE` (m), as saxsd's own
    ///   simulated frames write them.
    /// Exposure keys fall back to the common spellings of every format, since files get converted.
    public static func defaults(format: String) -> MetadataKeys {
        let exposure = FrameHeader.exposureKeys.map { HeaderKey($0, unit: .s) }
        switch format {
        case "tiff", "cbf":
            return MetadataKeys(exposureTime: exposure, monitor: [HeaderKey("Flux")],
                                transmission: [HeaderKey("Filter_transmission")],
                                wavelength: [HeaderKey("Wavelength", unit: .angstrom)],
                                distance: [HeaderKey("Detector_distance", unit: .m)])
        case "edf":
            return MetadataKeys(exposureTime: exposure, monitor: [HeaderKey("Intensity0"), HeaderKey("Monitor")],
                                transmission: [HeaderKey("Transmission")],
                                wavelength: [HeaderKey("WaveLength", unit: .m)],
                                distance: [HeaderKey("SampleDistance", unit: .m)])
        case "hdf5":
            return MetadataKeys(exposureTime: exposure, monitor: [HeaderKey("monitor")],
                                transmission: [HeaderKey("transmission")],
                                wavelength: [HeaderKey("incident_wavelength"), HeaderKey("wavelength")],
                                distance: [HeaderKey("detector_distance")])
        default:
            return MetadataKeys(exposureTime: exposure, monitor: [HeaderKey("MONITOR")],
                                transmission: [HeaderKey("TRANSMIS")], wavelength: [HeaderKey("WAVELEN", unit: .m)],
                                distance: [HeaderKey("DISTANCE", unit: .m)])
        }
    }
}
