import SAXSIntegration
import SAXSPipeline
import TOMLKit

/// `[anisotropy]`: sector profiles, the azimuthal profile of one radial band with its orientation, the cake.
extension TableReader {
    static let anisotropyKeys = [
        "sectors", "band", "azimuth_bins", "orientation_reference", "orientation_baseline", "cake", "cake_bins",
    ]

    func readAnisotropy(_ section: TOMLTable, integration: IntegrationSettings) throws(ConfigurationError) -> AnisotropySettings {
        var anisotropy = AnisotropySettings()
        if let sectors = try ranges(section, "anisotropy.sectors") {
            for (index, sector) in sectors.enumerated() where sector.upperBound - sector.lowerBound > 360 {
                throw fail("anisotropy.sectors", "entry \(index + 1) spans more than one turn: [\(sector.lowerBound), \(sector.upperBound)]")
            }
            anisotropy.sectors = sectors.map { AzimuthRange(lower: $0.lowerBound, upper: $0.upperBound) }
        }
        if let band = try range(section, "anisotropy.band") {
            guard band.lowerBound >= 0 else {
                throw fail("anisotropy.band", "must not start below 0, got [\(band.lowerBound), \(band.upperBound)]")
            }
            anisotropy.band = band
        }
        // These shape the azimuthal profile only: without a band they would silently do nothing.
        for key in ["azimuth_bins", "orientation_reference", "orientation_baseline"]
        where anisotropy.band == nil && section[key] != nil {
            throw fail("anisotropy.\(key)", "has no effect without anisotropy.band (the radial band of the azimuthal profile)")
        }
        if let bins = try integer(section, "anisotropy.azimuth_bins", in: 3...100_000) { anisotropy.azimuthBins = bins }
        anisotropy.orientationReference = try number(section, "anisotropy.orientation_reference", in: -360...360)
        if let baseline: OrientationBaseline = try choice(section, "anisotropy.orientation_baseline") {
            anisotropy.orientationBaseline = baseline
        }
        if let cake = try bool(section, "anisotropy.cake") { anisotropy.cake = cake }
        if let value = section["cake_bins"] {
            guard let array = value.array, array.count == 2, array[0].type == .int, array[1].type == .int,
                  let radial = array[0].int, let azimuthal = array[1].int else {
                throw fail("anisotropy.cake_bins", "must be [radial, azimuthal], two integers")
            }
            guard (1...100_000).contains(radial), (1...100_000).contains(azimuthal) else {
                throw fail("anisotropy.cake_bins", "[\(radial), \(azimuthal)] is out of range (1 to 100000 each)")
            }
            anisotropy.cakeRadialBins = radial
            anisotropy.cakeAzimuthBins = azimuthal
        }
        if integration.split == .full {
            let asked = [("sectors", !anisotropy.sectors.isEmpty), ("band", anisotropy.band != nil), ("cake", anisotropy.cake)]
            if let key = asked.first(where: \.1)?.0 {
                throw fail("anisotropy.\(key)", "needs integration.split = \"no\" or \"bbox\": full splitting works on whole rings only")
            }
        }
        return anisotropy
    }
}
