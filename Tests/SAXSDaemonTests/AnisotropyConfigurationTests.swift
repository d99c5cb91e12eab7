import Foundation
import SAXSIntegration
import SAXSPipeline
import Testing
@testable import SAXSDaemon

/// The `[anisotropy]` section: sector profiles, the azimuthal profile and its orientation, the cake.
@Suite struct AnisotropyConfigurationTests {
    func parse(_ text: String) throws(ConfigurationError) -> Configuration {
        try Configuration(toml: text, path: "/etc/saxsd/test.toml", environment: [:])
    }

    @Test func readsEveryKey() throws {
        let config = try parse("""
            [anisotropy]
            sectors = [[-10, 10], [80, 100.5]]
            band = [0.4, 0.7]
            azimuth_bins = 180
            orientation_reference = 90
            orientation_baseline = "minimum"
            cake = true
            cake_bins = [200, 72]
            """)
        #expect(config.anisotropy == AnisotropySettings(
            sectors: [AzimuthRange(lower: -10, upper: 10), AzimuthRange(lower: 80, upper: 100.5)],
            band: 0.4...0.7, azimuthBins: 180, orientationReference: 90, orientationBaseline: .minimum,
            cake: true, cakeRadialBins: 200, cakeAzimuthBins: 72))
    }

    @Test func defaultsAskForNothing() throws {
        let config = try parse("[anisotropy]\n")
        #expect(config.anisotropy.isEmpty)
        #expect(config.anisotropy.azimuthBins == 360 && config.anisotropy.orientationReference == nil)
        #expect(config.anisotropy.orientationBaseline == .none)
        #expect(config.anisotropy.cakeRadialBins == 100 && config.anisotropy.cakeAzimuthBins == 360)
        // A cake switched off may keep its bins, so it can be switched on again by one key.
        #expect(try parse("[anisotropy]\ncake = false\ncake_bins = [50, 90]\n").anisotropy.cakeRadialBins == 50)
    }

    @Test func theSampleFileAsksForNothing() throws {
        let path = ConfigurationTests.repository.appendingPathComponent("etc/saxsd/saxsd.toml").path
        let config = try Configuration.load(path: path)
        #expect(config.anisotropy == AnisotropySettings())
        #expect(config.integration.settings == IntegrationSettings())
        #expect(config.integration.invalidBelow == .detectorDefault && config.integration.invalidAtOrAbove == .detectorDefault)
    }

    @Test(arguments: [
        ("[anisotropy]\nsectors = [[10, -10]]\n", "anisotropy.sectors", 2),
        ("[anisotropy]\nsectors = [-10, 10]\n", "anisotropy.sectors", 2),
        ("[anisotropy]\nsectors = [[0, 10], [0, 370]]\n", "anisotropy.sectors", 2),
        ("[anisotropy]\nsectors = \"equator\"\n", "anisotropy.sectors", 2),
        ("[anisotropy]\nband = [0.5]\n", "anisotropy.band", 2),
        ("[anisotropy]\nband = [-0.5, 1]\n", "anisotropy.band", 2),
        ("[anisotropy]\nazimuth_bins = 360\n", "anisotropy.azimuth_bins", 2),
        ("[anisotropy]\norientation_reference = 90\n", "anisotropy.orientation_reference", 2),
        ("[anisotropy]\norientation_baseline = \"none\"\n", "anisotropy.orientation_baseline", 2),
        ("[anisotropy]\nband = [0.1, 0.2]\nazimuth_bins = 0\n", "anisotropy.azimuth_bins", 3),
        ("[anisotropy]\nband = [0.1, 0.2]\nazimuth_bins = 36.5\n", "anisotropy.azimuth_bins", 3),
        ("[anisotropy]\nband = [0.1, 0.2]\norientation_baseline = \"median\"\n", "anisotropy.orientation_baseline", 3),
        ("[anisotropy]\nband = [0.1, 0.2]\norientation_reference = 400\n", "anisotropy.orientation_reference", 3),
        ("[anisotropy]\ncake = \"yes\"\n", "anisotropy.cake", 2),
        ("[anisotropy]\ncake_bins = [100]\n", "anisotropy.cake_bins", 2),
        ("[anisotropy]\ncake_bins = [0, 360]\n", "anisotropy.cake_bins", 2),
        ("[anisotropy]\ncake_bins = [100.5, 360]\n", "anisotropy.cake_bins", 2),
        ("[anisotropy]\nrings = 3\n", "anisotropy.rings", 2),
        ("anisotropy = true\n", "anisotropy", 1),
        ("[integration]\nsplit = \"full\"\n[anisotropy]\ncake = true\n", "anisotropy.cake", 4),
        // Sections are checked in a fixed order, so the split is known wherever [integration] stands.
        ("[anisotropy]\nsectors = [[0, 10]]\n[integration]\nsplit = \"full\"\n", "anisotropy.sectors", 2),
    ])
    func invalidValuesAreLocated(text: String, key: String, line: Int) throws {
        do {
            _ = try parse(text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.key == key, "\(error)")
            #expect(error.line == line, "\(error)")
            #expect(!error.reason.isEmpty)
        }
    }
}
