import Foundation
import SAXSFrames
import Testing
@testable import SAXSIntegration

@Suite struct PONIParsingTests {
    @Test func readsVersion21WithDetectorConfig() throws {
        let geometry = try Geometry.load(poniPath: try ReferenceFiles.pyfai("pilatus1m.poni"))
        #expect(geometry.detector == "Pilatus1M")
        #expect(geometry.distance == 2.0)
        #expect(geometry.poni1 == 0.08121101664083226)
        #expect(geometry.poni2 == 0.10526106669333442)
        #expect(geometry.rot1 == 0.01 && geometry.rot2 == 0.005 && geometry.rot3 == 0)
        #expect(geometry.wavelength == 1e-10)
        #expect(geometry.pixel1 == 0.000172 && geometry.pixel2 == 0.000172)
        #expect(geometry.orientation == 3)
        // No max_shape in the file: the Pilatus 1M's comes from the catalogue.
        #expect(geometry.maxShape == FrameShape(rows: 1043, columns: 981))
    }

    @Test func readsVersion21OfAnotherDetector() throws {
        let geometry = try Geometry.load(poniPath: try ReferenceFiles.path("data/bioxtasraw/GI2.poni"))
        #expect(geometry.detector == "Pilatus100k")
        #expect(geometry.distance == 1.5027000000000001)
        #expect(geometry.poni1 == 0.016684 && geometry.poni2 == 0.0837984)
        #expect(geometry.wavelength == 1.245e-10)
        #expect(geometry.maxShape == FrameShape(rows: 195, columns: 487))
        let centre = try #require(geometry.beamCentre)
        #expect(abs(centre.row - 97) < 1e-9 && abs(centre.column - 487.2) < 1e-9)
    }

    @Test func readsVersion1WithPixelSizeKeys() throws {
        let geometry = try Geometry.load(poniPath: try ReferenceFiles.path("data/dioptas/CeO2_Pilatus1M.poni"))
        #expect(geometry.detector == "Detector")
        #expect(geometry.pixel1 == 0.000172 && geometry.pixel2 == 0.000172)
        #expect(geometry.distance == 0.208651380603)
        #expect(geometry.rot1 == -0.0184422457059 && geometry.rot2 == 0.00413760084465)
        #expect(geometry.rot3 == -2.77645988275e-08)
        #expect(geometry.wavelength == 4.066e-11)
        #expect(geometry.maxShape == nil)
    }

    @Test func readsVersion2WithCaseInsensitiveKeysAndCRLF() throws {
        let text = [
            "# Nota: C-Order, 1 refers to the Y axis, 2 to the X axis",
            "poni_version: 2",
            "detector: Eiger2_4M",
            #"DETECTOR_CONFIG: {"pixel1": 7.5e-05, "pixel2": 8e-05, "max_shape": [2162, 2068]}"#,
            "distance: 3.5",
            "PONI1: 0.08",
            "poni2: 0.07",
            "rot1: 0", "rot2: 0", "rot3: 0",
            "wavelength: 1.0332e-10",
        ].joined(separator: "\r\n")
        let geometry = try Geometry(poniText: text, path: "v2.poni")
        #expect(geometry.detector == "Eiger2_4M")
        #expect(geometry.pixel1 == 7.5e-05 && geometry.pixel2 == 8e-05)
        #expect(geometry.maxShape == FrameShape(rows: 2162, columns: 2068))
        #expect(geometry.distance == 3.5 && geometry.wavelength == 1.0332e-10)
    }

    @Test func takesPixelSizeFromTheCatalogueWithoutConfig() throws {
        let geometry = try Geometry(poniText: poni(detector: "Detector: Pilatus 300K"))
        #expect(geometry.pixel1 == 172e-6)
        #expect(geometry.maxShape == FrameShape(rows: 619, columns: 487))
    }

    @Test(arguments: [1, 2, 3, 4])
    func readsEveryOrientation(orientation: Int) throws {
        let text = poni(detector: "Detector: Pilatus1M\n"
            + #"Detector_config: {"pixel1": 0.000172, "pixel2": 0.000172, "orientation": \#(orientation)}"#)
        #expect(try Geometry(poniText: text).orientation == orientation)
    }

    /// pyFAI writes 0 ("unspecified") for no orientation and reads it as 3.
    @Test func readsUnspecifiedOrientationAsThree() throws {
        let text = poni(detector: "Detector: Pilatus1M\n"
            + #"Detector_config: {"pixel1": 0.000172, "pixel2": 0.000172, "orientation": 0}"#)
        #expect(try Geometry(poniText: text).orientation == 3)
    }

    @Test(arguments: [5, 8, -1])
    func refusesOrientationsPyFAIDoesNotSupport(orientation: Int) throws {
        let text = poni(detector: "Detector: Pilatus1M\n"
            + #"Detector_config: {"pixel1": 0.000172, "pixel2": 0.000172, "orientation": \#(orientation)}"#)
        let error = try #require(throws: GeometryError.self) { try Geometry(poniText: text, path: "o.poni") }
        #expect(error.reason.contains("detector orientation must be 1, 2, 3 or 4"))
        #expect(error.reason.contains("got \(orientation)"))
        #expect(error.key == "Detector_config")
        #expect(error.line == 4)
        #expect(error.path == "o.poni")
    }

    /// What pyFAI 2026.9 writes for a Pilatus with a silicon sensor and parallax correction on.
    @Test func readsVersion3WithSensorAndParallax() throws {
        let text = """
            # Nota: C-Order, 1 refers to the Y axis, 2 to the X axis
            poni_version: 3
            Detector: Pilatus1M
            Detector_config: {"pixel1": 0.000172, "pixel2": 0.000172, "orientation": 3, "sensor": {"material": "Si", "thickness": 0.00045}}
            Distance: 0.5
            Poni1: 0.08
            Poni2: 0.09
            Rot1: 0.01
            Rot2: 0
            Rot3: 0
            Wavelength: 1e-10
            Parallax: True

            """
        let geometry = try Geometry(poniText: text, path: "v3.poni")
        #expect(geometry.sensor == DetectorSensor(material: "Si", thickness: 0.00045))
        #expect(geometry.parallax)
        #expect(geometry.maxShape == FrameShape(rows: 1043, columns: 981))
        #expect(geometry.distance == 0.5 && geometry.rot1 == 0.01)

        let off = try Geometry(poniText: text.replacingOccurrences(of: "Parallax: True", with: "Parallax: False"))
        #expect(!off.parallax && off.sensor == geometry.sensor)
        // 3.0 is how pyFAI writes the version back after reading a version 3 file.
        #expect(try Geometry(poniText: text.replacingOccurrences(of: "poni_version: 3", with: "poni_version: 3.0")) == geometry)
    }

    /// Older files may name a sensor without asking for parallax; a thick sensor has no thickness.
    @Test func readsASensorWithoutParallax() throws {
        let text = poni(detector: "Detector: Detector\n"
            + #"Detector_config: {"pixel1": 1e-4, "pixel2": 1e-4, "orientation": 2, "sensor": {"material": "GaAs"}}"#)
        let geometry = try Geometry(poniText: text)
        #expect(geometry.sensor == DetectorSensor(material: "GaAs"))
        #expect(!geometry.parallax && geometry.orientation == 2)
    }

    @Test(arguments: [
        // Parallax asked for, but nothing to compute it from.
        ("Parallax: True", #"{"pixel1": 1e-4, "pixel2": 1e-4}"#, "Parallax", 11, "needs the sensor"),
        ("Parallax: yes", #"{"pixel1": 1e-4, "pixel2": 1e-4}"#, "Parallax", 11, "must be True or False"),
        ("Parallax: True", #"{"pixel1": 1e-4, "pixel2": 1e-4, "sensor": {"material": "Unobtainium"}}"#,
         "Detector_config", 3, "unknown sensor material 'Unobtainium'"),
        ("Parallax: True", #"{"pixel1": 1e-4, "pixel2": 1e-4, "sensor": {"material": "si"}}"#,
         "Detector_config", 3, "pyFAI knows Si, Ge, CdTe"),
        ("Parallax: False", #"{"pixel1": 1e-4, "pixel2": 1e-4, "sensor": {"material": "Si", "thickness": -1e-3}}"#,
         "Detector_config", 3, "sensor thickness must be a positive length"),
        ("Parallax: False", #"{"pixel1": 1e-4, "pixel2": 1e-4, "sensor": {"thickness": 1e-3}}"#,
         "Detector_config", 3, "sensor.material"),
        // 0.5 Å is 24.8 keV; 1e-8 m is 0.12 keV, below every table.
        ("Parallax: True\nWavelength: 1e-8", #"{"pixel1": 1e-4, "pixel2": 1e-4, "sensor": {"material": "CdTe"}}"#,
         "Wavelength", 11, "outside the CdTe attenuation table"),
    ] as [(String, String, String, Int, String)])
    func refusesParallaxItCannotApply(lines: String, config: String, key: String, line: Int, reason: String) throws {
        var text = """
            poni_version: 3
            Detector: Detector
            Detector_config: \(config)
            Distance: 0.5
            Poni1: 0.01
            Poni2: 0.02
            Rot1: 0
            Rot2: 0
            Rot3: 0
            Wavelength: 1e-10

            """ + lines + "\n"
        if lines.contains("Wavelength") { text = text.replacingOccurrences(of: "Wavelength: 1e-10\n", with: "") }
        let error = try #require(throws: GeometryError.self) { try Geometry(poniText: text, path: "p.poni") }
        #expect(error.path == "p.poni")
        #expect(error.key == key)
        #expect(error.line == line, "\(error)")
        #expect(error.reason.contains(reason), "\(error)")
    }

    @Test func namesTheMissingKey() throws {
        let text = poni(detector: "PixelSize1: 1e-4\nPixelSize2: 1e-4").replacingOccurrences(of: "Wavelength: 1e-10\n", with: "")
        let error = try #require(throws: GeometryError.self) { try Geometry(poniText: text, path: "m.poni") }
        #expect(error.key == "Wavelength")
        #expect(error.path == "m.poni")
        #expect(error.description.contains("Wavelength"))
    }

    @Test func namesTheLineAndKeyOfABadNumber() throws {
        let text = poni(detector: "PixelSize1: 1e-4\nPixelSize2: 1e-4").replacingOccurrences(of: "Poni2: 0.02", with: "Poni2: 0.0x2")
        let error = try #require(throws: GeometryError.self) { try Geometry(poniText: text, path: "b.poni") }
        #expect(error.key == "Poni2")
        #expect(error.line == 7)
        #expect(error.description == "b.poni:7: Poni2: '0.0x2' is not a number")
    }

    @Test(arguments: [
        ("Distance: -1", "Distance", "must be positive"),
        ("Distance: 1\nDistance: 2", "Distance", "given twice"),
        ("just words", nil, "expected 'Key: value'"),
        ("SplineFile: /data/frelon.spline", "SplineFile", "spline"),
        ("poni_version: 4", "poni_version", "newer pyFAI"),
        ("poni_version: 2.5", "poni_version", "saxsd reads 1, 2, 2.1 and 3"),
        ("poni_version: three", "poni_version", "not supported"),
    ] as [(String, String?, String)])
    func refusesMalformedLines(line: String, key: String?, reason: String) throws {
        let base = poni(detector: "PixelSize1: 1e-4\nPixelSize2: 1e-4").replacingOccurrences(of: "Distance: 0.5\n", with: "")
        let error = try #require(throws: GeometryError.self) { try Geometry(poniText: base + line + "\n") }
        #expect(error.key == key)
        #expect(error.line != nil)
        #expect(error.reason.contains(reason), "\(error)")
    }

    @Test func refusesBadDetectorConfig() throws {
        let text = poni(detector: "Detector: Pilatus1M\n" + #"Detector_config: {"pixel1": "wide"}"#)
        let error = try #require(throws: GeometryError.self) { try Geometry(poniText: text) }
        #expect(error.key == "Detector_config")
        #expect(error.line == 4)
        #expect(error.reason.contains("pixel1"))
    }

    @Test func refusesAConfigWithOnePixelSize() throws {
        let text = poni(detector: "Detector: Detector\n" + #"Detector_config: {"pixel1": 1e-4}"#)
        let error = try #require(throws: GeometryError.self) { try Geometry(poniText: text) }
        #expect(error.key == "Detector_config" && error.line == 4)
        #expect(error.reason.contains("only one of pixel1 and pixel2"))
    }

    @Test func refusesAnUnknownDetectorWithoutPixelSize() throws {
        let error = try #require(throws: GeometryError.self) { try Geometry(poniText: poni(detector: "Detector: Mystery9000")) }
        #expect(error.key == "Detector")
        #expect(error.reason.contains("Mystery9000"))
    }

    @Test func reportsAMissingFile() throws {
        let error = try #require(throws: GeometryError.self) { try Geometry.load(poniPath: "/nonexistent/x.poni") }
        #expect(error.path == "/nonexistent/x.poni")
        #expect(error.reason.contains("no such PONI file"))
    }

    @Test func summaryAndFingerprint() throws {
        let geometry = try Geometry.load(poniPath: try ReferenceFiles.pyfai("pilatus1m.poni"))
        // pyFAI's Fit2D conversion of this geometry puts the beam at x = 495.700, y = 530.300.
        #expect(geometry.summary.contains("distance 2000.000 mm"))
        #expect(geometry.summary.contains("beam centre row 530.30 col 495.70 px"))
        #expect(geometry.summary.contains("wavelength 1.00000 A"))
        var moved = geometry
        moved.poni1 += 1e-12
        #expect(moved.fingerprint != geometry.fingerprint)
        #expect(try Geometry(poniText: String(contentsOfFile: try ReferenceFiles.pyfai("pilatus1m.poni"), encoding: .utf8))
            .fingerprint == geometry.fingerprint)
    }

    @Test func codableRoundTrip() throws {
        let geometry = try Geometry.load(poniPath: try ReferenceFiles.pyfai("pilatus1m.poni"))
        let data = try JSONEncoder().encode(geometry)
        #expect(try JSONDecoder().decode(Geometry.self, from: data) == geometry)
    }

    /// A PONI file whose third line (and more, when it spans several) is `detector`.
    private func poni(detector: String) -> String {
        """
        # Nota: C-Order, 1 refers to the Y axis, 2 to the X axis
        # Calibration done by hand
        \(detector)
        Distance: 0.5
        Poni1: 0.01
        Poni2: 0.02
        Rot1: 0
        Rot2: 0
        Rot3: 0
        Wavelength: 1e-10

        """
    }
}
