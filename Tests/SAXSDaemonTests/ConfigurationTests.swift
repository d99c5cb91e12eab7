import Foundation
import SAXSFrames
import SAXSIntegration
import Testing
@testable import SAXSDaemon

@Suite struct ConfigurationTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func parse(_ text: String, path: String = "/etc/saxsd/test.toml") throws(ConfigurationError) -> Configuration {
        try Configuration(toml: text, path: path)
    }

    func failure(_ text: String) -> ConfigurationError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func sampleFileHoldsTheDefaults() throws {
        let path = Self.repository.appendingPathComponent("etc/saxsd/saxsd.toml").path
        let config = try Configuration.load(path: path)
        var expected = Configuration()
        expected.path = path
        #expect(config.watch == expected.watch)
        #expect(config.integration.settings == expected.integration.settings)
        #expect(config.integration.poni == "/etc/saxsd/detector.poni")
        #expect(config.analysis.minProbability == 0.5)
        #expect(config.output == expected.output)
        #expect(config.service == expected.service)
    }

    @Test func emptyFileGivesDefaultsWithoutPolarization() throws {
        let config = try parse("")
        #expect(config.integration.settings.npt == 1000)
        #expect(config.integration.settings.polarization == nil)
        #expect(config.watch.include.contains("*.fits"))
    }

    @Test func relativePathsFollowTheConfigurationFolder() throws {
        let config = try parse("""
            [watch]
            roots = ["data", "/abs/frames"]
            [integration]
            poni = "geometry/detector.poni"
            mask = "../masks/beamstop.fits"
            [output]
            root = "results"
            """, path: "/srv/saxsd/conf/saxsd.toml")
        #expect(config.watch.roots == ["/srv/saxsd/conf/data", "/abs/frames"])
        #expect(config.integration.poni == "/srv/saxsd/conf/geometry/detector.poni")
        #expect(config.integration.mask == "/srv/saxsd/masks/beamstop.fits")
        #expect(config.output.root == "/srv/saxsd/conf/results")
    }

    @Test func readsEveryIntegrationKey() throws {
        let config = try parse("""
            [integration]
            npt = 500
            unit = "2th_deg"
            split = "no"
            solid_angle = false
            polarization = -0.5
            error_model = "azimuthal"
            dummy = -1
            delta_dummy = 0.5
            """)
        let s = config.integration.settings
        #expect(s == IntegrationSettings(npt: 500, unit: .twoThetaDeg, split: .no, solidAngle: false, polarization: -0.5,
                                         errorModel: .azimuthal, dummy: -1, deltaDummy: 0.5))
    }

    @Test func syntaxErrorNamesFileAndLine() throws {
        let error = try #require(failure("[watch]\nroots = [\"/a\"\nrecursive = true\n"))
        #expect(error.path == "/etc/saxsd/test.toml")
        #expect(error.line != nil)
        #expect(error.description.hasPrefix("/etc/saxsd/test.toml:"))
    }

    @Test func wrongTypeNamesLineAndKey() throws {
        let error = try #require(failure("# comment\n[integration]\nunit = \"q_nm^-1\"\nnpt = \"many\"\n"))
        #expect(error.line == 4)
        #expect(error.key == "integration.npt")
        #expect(error.reason.contains("integer"))
        #expect(error.description == "/etc/saxsd/test.toml:4: integration.npt: must be an integer, not string")
    }

    @Test(arguments: [
        ("[integration]\nnpt = 0\n", "integration.npt", 2),
        ("[integration]\nunit = \"q_furlong\"\n", "integration.unit", 2),
        ("[integration]\nsplit = \"half\"\n", "integration.split", 2),
        ("[integration]\npolarization = 1.5\n", "integration.polarization", 2),
        ("[integration]\nnptt = 10\n", "integration.nptt", 2),
        ("[watch]\nsettle_ms = -5\n", "watch.settle_ms", 2),
        ("[watch]\nroots = \"/data\"\n", "watch.roots", 2),
        ("[watch]\ninclude = []\n", "watch.include", 2),
        ("[watch]\nrecursive = \"yes\"\n", "watch.recursive", 2),
        ("[watch]\nincomplete_timeout_s = -1\n", "watch.incomplete_timeout_s", 2),
        ("[metadata]\ntolerance = \"1%\"\n", "metadata.tolerance", 2),
        ("[metadata.tiff]\nmonitor = \"Flux [s]\"\n", "metadata.tiff.monitor", 2),
        ("[metadata.edf]\n\nwavelength = \"WaveLength [s]\"\n", "metadata.edf.wavelength", 3),
        ("[metadata.hdf5]\ndistance = [\"detector_distance [parsec]\"]\n", "metadata.hdf5.distance", 2),
        ("[metadata.cbf]\nflux = \"Flux\"\n", "metadata.cbf.flux", 2),
        ("[metadata.jpeg]\nmonitor = \"I0\"\n", "metadata.jpeg", 1),
        ("\n\n[service]\nworkers = 0\n", "service.workers", 4),
        ("[output]\nformats = [\"dat\"]\n", "output.formats", 2),
        ("[output]\nformats = [\"dat\", \"png\", \"json\"]\n", "output.formats", 2),
        ("[analysis]\nmin_probability = 2\n", "analysis.min_probability", 2),
        ("[integration]\ndelta_dummy = 1\n", "integration.delta_dummy", 2),
        ("[detector]\nname = \"x\"\n", "detector", 1),
    ])
    func invalidValuesAreLocated(text: String, key: String, line: Int) throws {
        let error = try #require(failure(text))
        #expect(error.key == key)
        #expect(error.line == line)
        #expect(!error.reason.isEmpty)
    }

    @Test func metadataKeysPerFormatAndTheIncompleteTimeout() throws {
        let config = try parse("""
            [watch]
            incomplete_timeout_s = 2.5
            [metadata]
            tolerance = 0.03
            [metadata.edf]
            monitor = ["I0", "mon"]
            wavelength = "lambda [nm]"
            [metadata.fits]
            distance = "SDD [mm]"
            """)
        #expect(config.watch.incompleteTimeoutSeconds == 2.5)
        #expect(config.metadata.tolerance == 0.03)
        let edf = config.metadata.keys(format: "edf")
        #expect(edf.monitor == [HeaderKey("I0"), HeaderKey("mon")])
        #expect(edf.wavelength == [HeaderKey("lambda", unit: .nm)])
        #expect(edf.distance == MetadataKeys.defaults(format: "edf").distance, "quantities not named keep their defaults")
        #expect(config.metadata.keys(format: "fits").distance == [HeaderKey("SDD", unit: .mm)])
        #expect(config.metadata.keys(format: "tiff") == MetadataKeys.defaults(format: "tiff"))
    }

    @Test func missingFileIsReported() {
        #expect(throws: ConfigurationError.self) { try Configuration.load(path: "/nonexistent/saxsd.toml") }
    }
}
