import Foundation
import SAXSFrames
import SAXSIntegration
import SAXSPipeline
import SAXSTestSupport
import Testing
@testable import SAXSDaemon

/// The `[integration]` keys beyond the ones DESIGN.md fixes: corrections, binning, invalid values,
/// normalization, the matrix cache and the Fit2D geometry.
@Suite struct IntegrationConfigurationTests {
    func parse(_ text: String, path: String = "/etc/saxsd/test.toml",
               environment: [String: String] = [:]) throws(ConfigurationError) -> Configuration {
        try Configuration(toml: text, path: path, environment: environment)
    }

    func failure(_ text: String) -> ConfigurationError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    static let fit2dTable = """
        [integration.fit2d]
        direct_distance_mm = 2000.125
        centre_x = 495.7
        centre_y = 530.3
        tilt_deg = 0.641
        tilt_plane_rotation_deg = 153.434
        pixel_x_um = 172
        pixel_y_um = 172
        wavelength_A = 1.0
        detector = "Pilatus1M"
        """

    @Test func readsEveryNewIntegrationKey() throws {
        let config = try parse("""
            [integration]
            dark = "dark.fits"
            flat = "../flats/flat.fits"
            cache = "matrices"
            radial_range = [0.1, 3]
            spacing = "log"
            azimuth_range = [170, 190]
            polarization = 0.95
            polarization_axis_offset = 90
            invalid_below = -1
            invalid_at_or_above = false
            normalization_factor = 2.5e-3
            normalize_by = ["EXPTIME", "MONITOR"]
            """, path: "/srv/saxsd/conf/saxsd.toml")
        let integration = config.integration
        #expect(integration.dark == "/srv/saxsd/conf/dark.fits")
        #expect(integration.flat == "/srv/saxsd/flats/flat.fits")
        #expect(integration.cache == "/srv/saxsd/conf/matrices")
        #expect(integration.invalidBelow == .value(-1))
        #expect(integration.invalidAtOrAbove == Configuration.InvalidBound.none)
        let s = integration.settings
        #expect(s.radialRange == 0.1...3)
        #expect(s.spacing == .log)
        #expect(s.azimuthRange == AzimuthRange(lower: 170, upper: 190))
        #expect(s.polarization == 0.95 && s.polarizationAxisOffset == 90)
        #expect(s.normalization == Normalization(factor: 2.5e-3, headerKeys: ["EXPTIME", "MONITOR"]))
    }

    @Test func newKeysDefaultToNoChange() throws {
        let config = try parse("[integration]\nnpt = 10\n")
        let defaults = IntegrationSettings()
        #expect(config.integration.settings.radialRange == nil && config.integration.settings.azimuthRange == nil)
        #expect(config.integration.settings.spacing == .linear)
        #expect(config.integration.settings.normalization == defaults.normalization)
        #expect(config.integration.settings.polarizationAxisOffset == 0)
        #expect(config.integration.dark == nil && config.integration.flat == nil && config.integration.fit2d == nil)
        #expect(config.integration.invalidBelow == .detectorDefault && config.integration.invalidAtOrAbove == .detectorDefault)
        #expect(config.anisotropy == AnisotropySettings())
    }

    @Test func cacheDefaultsToSystemdsCacheDirectory() throws {
        let systemd = ["CACHE_DIRECTORY": "/var/cache/saxsd:/var/cache/other"]
        #expect(try parse("", environment: systemd).integration.cache == "/var/cache/saxsd")
        #expect(try parse("", environment: [:]).integration.cache == nil)
        #expect(try parse("[integration]\ncache = \"\"\n", environment: systemd).integration.cache == nil)
        #expect(try parse("[integration]\ncache = \"/scratch/m\"\n", environment: systemd).integration.cache == "/scratch/m")
        #expect(Configuration(environment: systemd).integration.cache == "/var/cache/saxsd")
    }

    @Test func invalidValuesFollowTheDetectorUnlessConfigured() throws {
        let defaults = try parse("").integration
        #expect(defaults.invalidValues(detector: "Pilatus1M") == InvalidPixelValues(below: 0))
        #expect(defaults.invalidValues(detector: "Eiger2 4M") == InvalidPixelValues(atOrAbove: 4_294_967_295))
        #expect(defaults.invalidValues(detector: "Detector") == InvalidPixelValues())

        let sixteenBit = try parse("[integration]\ninvalid_at_or_above = 65535\n").integration
        #expect(sixteenBit.invalidValues(detector: "Eiger 1M") == InvalidPixelValues(atOrAbove: 65535))
        #expect(sixteenBit.invalidValues(detector: "Pilatus 1M") == InvalidPixelValues(below: 0, atOrAbove: 65535))

        let none = try parse("[integration]\ninvalid_below = false\ninvalid_at_or_above = false\n").integration
        #expect(none.invalidValues(detector: "Pilatus1M") == InvalidPixelValues())
        #expect(none.invalidValues(detector: "Eiger2 9M") == InvalidPixelValues())
    }

    @Test func fit2dTableReplacesTheDefaultPONI() throws {
        let config = try parse(Self.fit2dTable)
        #expect(config.integration.poni == nil)
        let fit2d = try #require(config.integration.fit2d)
        #expect(fit2d == Fit2DGeometry(directDist: 2000.125, centerX: 495.7, centerY: 530.3, tilt: 0.641,
                                       tiltPlanRotation: 153.434, pixelX: 172, pixelY: 172, wavelength: 1.0,
                                       detector: "Pilatus1M"))
        let settings = try config.pipelineSettings()
        #expect(settings.geometry == (try Geometry(fit2d: fit2d)))
        #expect(settings.poniPath == nil)
        // The detector named in the table decides the invalid values, as a PONI's would.
        #expect(settings.integration.invalid == InvalidPixelValues(below: 0))

        let minimal = try parse("""
            [integration]
            poni = ""
            [integration.fit2d]
            direct_distance_mm = 500
            centre_x = 64
            centre_y = 48
            pixel_x_um = 172
            pixel_y_um = 172
            wavelength_A = 1
            """)
        #expect(minimal.integration.fit2d?.tilt == 0 && minimal.integration.fit2d?.detector == "Detector")
    }

    @Test func pipelineSettingsLoadDarkAndFlatOnce() throws {
        let folder = try TemporaryFolder("corr")
        try PoniFile.write(to: folder.file("detector.poni"))
        let shape = PoniFile.shape
        try FITSWriter(sampleType: .float32).write([Frame(shape: shape, pixels: .init(repeating: 3, count: shape.pixelCount))],
                                                   to: folder.file("dark.fits"))
        try FITSWriter(sampleType: .float32).write([Frame(shape: shape, pixels: .init(repeating: 0.5, count: shape.pixelCount))],
                                                   to: folder.file("flat.fits"))
        let path = folder.file("saxsd.toml")
        try "[integration]\nponi = \"detector.poni\"\ndark = \"dark.fits\"\nflat = \"flat.fits\"\n"
            .write(toFile: path, atomically: false, encoding: .utf8)
        let settings = try Configuration.load(path: path).pipelineSettings()
        #expect(settings.corrections.dark == [Double](repeating: 3, count: shape.pixelCount))
        #expect(settings.corrections.flat == [Double](repeating: 0.5, count: shape.pixelCount))
        #expect(settings.darkPath == folder.file("dark.fits") && settings.flatPath == folder.file("flat.fits"))
        let withoutCorrections = try parse("[integration]\nponi = \"\(folder.file("detector.poni"))\"\n").pipelineSettings()
        #expect(settings.configHash != withoutCorrections.configHash)

        // A dark of another detector is refused against its key and line, before any frame.
        try FITSWriter().write([Frame(shape: FrameShape(rows: 4, columns: 4), pixels: .init(repeating: 1, count: 16))],
                               to: folder.file("small.fits"))
        try "[integration]\nponi = \"detector.poni\"\nflat = \"flat.fits\"\n\ndark = \"small.fits\"\n"
            .write(toFile: path, atomically: false, encoding: .utf8)
        do {
            _ = try Configuration.load(path: path).pipelineSettings()
            Issue.record("a dark of the wrong shape was accepted")
        } catch {
            #expect(error.key == "integration.dark" && error.line == 5, "\(error)")
            #expect(error.reason.contains("small.fits"))
        }
        try "[integration]\nponi = \"detector.poni\"\nflat = \"missing.fits\"\n".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            _ = try Configuration.load(path: path).pipelineSettings()
            Issue.record("a missing flat was accepted")
        } catch {
            #expect(error.key == "integration.flat" && error.line == 3, "\(error)")
        }
    }

    /// A model folder that is not there leaves frames without phases; one that is there but unusable is refused
    /// against `analysis.models` and its line, naming the manifest's fault.
    @Test func aModelFolderIsLoadedWhenPresentAndRefusedWhenBroken() throws {
        let folder = try TemporaryFolder("models-config")
        try PoniFile.write(to: folder.file("detector.poni"))
        let path = folder.file("saxsd.toml")
        let text = "[integration]\nponi = \"detector.poni\"\n\n[analysis]\nmodels = \"models\"\n"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try Configuration.load(path: path).pipelineSettings().phases == nil)
        try FileManager.default.createDirectory(atPath: folder.file("models"), withIntermediateDirectories: true)
        try Data("{\"schema\": \"saxsd.models/1\"}".utf8).write(to: URL(fileURLWithPath: folder.file("models/manifest.json")))
        do {
            _ = try Configuration.load(path: path).pipelineSettings()
            Issue.record("a broken model folder was accepted")
        } catch {
            #expect(error.key == "analysis.models" && error.line == 5, "\(error)")
            #expect(error.reason.contains("manifest.json") && error.reason.contains("features"), "\(error.reason)")
        }
    }

    @Test(arguments: [
        ("[integration]\nradial_range = [3, 1]\n", "integration.radial_range", 2),
        ("[integration]\nradial_range = [0.1]\n", "integration.radial_range", 2),
        ("[integration]\nradial_range = [-1, 2]\n", "integration.radial_range", 2),
        ("[integration]\nradial_range = \"0.1:3\"\n", "integration.radial_range", 2),
        ("[integration]\nspacing = \"log\"\n\nradial_range = [0, 2]\n", "integration.radial_range", 4),
        ("[integration]\nspacing = \"cubic\"\n", "integration.spacing", 2),
        ("[integration]\nazimuth_range = [0, 400]\n", "integration.azimuth_range", 2),
        ("[integration]\nazimuth_range = [10, -10]\n", "integration.azimuth_range", 2),
        ("[integration]\nsplit = \"full\"\nspacing = \"log\"\n", "integration.split", 2),
        ("[integration]\nsplit = \"full\"\nazimuth_range = [0, 90]\n", "integration.split", 2),
        ("[integration]\npolarization_axis_offset = 720\n", "integration.polarization_axis_offset", 2),
        ("[integration]\ninvalid_below = true\n", "integration.invalid_below", 2),
        ("[integration]\ninvalid_at_or_above = \"none\"\n", "integration.invalid_at_or_above", 2),
        ("[integration]\nnormalization_factor = 0\n", "integration.normalization_factor", 2),
        ("[integration]\nnormalization_factor = -2\n", "integration.normalization_factor", 2),
        ("[integration]\nnormalize_by = [\"EXPTIME\", \" \"]\n", "integration.normalize_by", 2),
        ("[integration]\nnormalize_by = \"EXPTIME\"\n", "integration.normalize_by", 2),
        ("[integration]\ndark = 5\n", "integration.dark", 2),
        ("[integration]\nflat = [\"a.fits\"]\n", "integration.flat", 2),
        ("[integration]\ncache = false\n", "integration.cache", 2),
        ("[integration]\nponi = \"a.poni\"\n\n" + fit2dTable, "integration.fit2d", 4),
        ("[integration.fit2d]\ncentre_x = 1\n", "integration.fit2d.direct_distance_mm", 1),
        ("[integration.fit2d]\ndirect_distance_mm = 500\ncentre_x = 1\ncentre_y = 1\npixel_x_um = 172\npixel_y_um = 172\n",
         "integration.fit2d.wavelength_A", 1),
        ("[integration.fit2d]\ndirect_distance_mm = 500\ncentre_x = 1\ncentre_y = 1\npixel_x_um = -172\n",
         "integration.fit2d.pixel_x_um", 5),
        (fit2dTable.replacingOccurrences(of: "tilt_deg = 0.641", with: "tilt_deg = 90"), "integration.fit2d.tilt_deg", 5),
        ("[integration.fit2d]\ndistance = 500\n", "integration.fit2d.distance", 2),
        ("[integration.fit2d]\ndirect_distance_mm = \"2 m\"\n", "integration.fit2d.direct_distance_mm", 2),
        ("[integration]\nfit2d = 3\n", "integration.fit2d", 2),
    ])
    func invalidValuesAreLocated(text: String, key: String, line: Int) throws {
        let error = try #require(failure(text))
        #expect(error.key == key, "\(error)")
        #expect(error.line == line, "\(error)")
        #expect(!error.reason.isEmpty)
    }
}

/// A detector of 96 x 128 pixels, enough for configuration tests that load a geometry.
enum PoniFile {
    static let shape = FrameShape(rows: SmallDetector.rows, columns: SmallDetector.columns)

    static func write(to path: String) throws {
        try SmallDetector.poni.write(toFile: path, atomically: false, encoding: .utf8)
    }
}
