import Foundation
import SAXSFrames
import SAXSIntegration
import SAXSTestSupport
import Testing
@testable import SAXSPipeline

/// Header metadata into the sidecar, and the cross-check of the frame's wavelength and distance with the PONI.
@Suite struct FrameMetadataPipelineTests {
    static func settings(metadata: MetadataSettings = MetadataSettings()) throws -> PipelineSettings {
        let folder = try TemporaryFolder("meta-poni")
        try SmallDetector.poni.write(toFile: folder.file("d.poni"), atomically: false, encoding: .utf8)
        return PipelineSettings(geometry: try Geometry.load(poniPath: folder.file("d.poni")),
                                integration: IntegrationSettings(npt: 50, split: .no), metadata: metadata)
    }

    static func frame() -> Frame {
        let shape = FrameShape(rows: SmallDetector.rows, columns: SmallDetector.columns)
        return Frame(shape: shape, pixels: (0..<shape.pixelCount).map { Double(100 + $0 % 13) })
    }

    func process(_ keywords: [(String, FrameHeader.Value)], settings: PipelineSettings) throws -> Sidecar {
        let folder = try TemporaryFolder("meta")
        let path = folder.file("f.fits")
        try FITSWriter().write([Self.frame()], to: path, keywords: keywords)
        guard case .processed(let outcomes) = Pipeline(settings: settings).process(path: path, root: folder.path),
              let outcome = outcomes.first else {
            Issue.record("not processed")
            return try #require(nil as Sidecar?)
        }
        #expect(SchemaValidator.problems(in: [outcome.sidecar]) == [])
        return try #require(Sidecar.read(path: outcome.sidecar))
    }

    @Test func headerValuesInSIUnitsAndNoWarningWhenTheyAgree() throws {
        // The PONI says 1 Å and 0.5 m; 0.3 % off is inside the 1 % tolerance.
        let sidecar = try process([("EXPTIME", .real(2.5)), ("MONITOR", .integer(123_456)), ("TRANSMIS", .real(0.42)),
                                   ("WAVELEN", .real(1.003e-10)), ("DISTANCE", .real(0.5))], settings: Self.settings())
        #expect(sidecar.source.exposureTime == 2.5)
        #expect(sidecar.source.monitor == 123_456)
        #expect(sidecar.source.transmission == 0.42)
        #expect(sidecar.source.wavelengthM == 1.003e-10)
        #expect(sidecar.source.distanceM == 0.5)
        #expect(sidecar.warnings == nil)
    }

    @Test func aWavelengthOrDistanceOtherThanThePONIsIsAWarning() throws {
        let sidecar = try process([("WAVELEN", .real(1.2e-10)), ("DISTANCE", .real(0.45))], settings: Self.settings())
        #expect(sidecar.status == .ok)
        let warnings = try #require(sidecar.warnings)
        #expect(warnings.map(\.kind) == ["wavelength_mismatch", "distance_mismatch"])
        #expect(warnings[0].message.contains("1.2 Å") && warnings[0].message.contains("20 %"))
        #expect(warnings[1].message.contains("450 mm") && warnings[1].message.contains("500 mm"))
    }

    @Test func configuredKeysAndUnitsReplaceTheDefaults() throws {
        var keys = MetadataKeys.defaults(format: "fits")
        keys.monitor = [HeaderKey("I0")]
        keys.wavelength = [try #require(HeaderKey(parsing: "LAMBDA [nm]"))]
        keys.distance = [try #require(HeaderKey(parsing: "SDD [mm]"))]
        let settings = try Self.settings(metadata: MetadataSettings(keys: ["fits": keys], tolerance: 0.05))
        let sidecar = try process([("I0", .real(7)), ("MONITOR", .real(9)), ("LAMBDA", .real(0.103)),
                                   ("SDD", .real(510))], settings: settings)
        #expect(sidecar.source.monitor == 7)
        #expect(abs(try #require(sidecar.source.wavelengthM) - 1.03e-10) < 1e-22)
        #expect(abs(try #require(sidecar.source.distanceM) - 0.51) < 1e-15)
        #expect(sidecar.warnings == nil, "3 % and 2 % are inside a 5 % tolerance")
    }

    @Test func unitsComeFromTheKeyThenTheFileThenSI() {
        var header = FrameHeader()
        header.append("incident_wavelength", .real(1.5))
        header.append("detector_distance", .real(1200))
        header.append("detector_distance@units", .string("mm"))
        header.append("count_time", .real(0.1))
        let hdf5 = FrameMetadata(header: header, keys: MetadataKeys.defaults(format: "hdf5"))
        #expect(hdf5.wavelength == 1.5e-10, "NeXus wavelengths without units are in Å")
        #expect(hdf5.distance == 1.2)
        #expect(hdf5.exposureTime == 0.1)

        var dectris = FrameHeader()
        dectris.appendPilatusHeader("# Pixel_size 172e-6 m x 172e-6 m\n# Exposure_time 1.000000 s\n# Wavelength 1.2450 A\n# Detector_distance 3.5 m\n# Flux 0.000000\n")
        let tiff = FrameMetadata(header: dectris, keys: MetadataKeys.defaults(format: "tiff"))
        #expect(tiff.wavelength == 1.245e-10 && tiff.distance == 3.5 && tiff.exposureTime == 1 && tiff.monitor == 0)

        var esrf = FrameHeader()
        esrf.append("WaveLength", .string("9.95e-11"))
        esrf.append("SampleDistance", .string("1.0"))
        let edf = FrameMetadata(header: esrf, keys: MetadataKeys.defaults(format: "edf"))
        #expect(edf.wavelength == 9.95e-11 && edf.distance == 1)

        // A unit of the wrong kind is not converted: the value is skipped.
        var odd = FrameHeader()
        odd.append("detector_distance", .real(3))
        odd.append("detector_distance@units", .string("s"))
        #expect(FrameMetadata(header: odd, keys: MetadataKeys.defaults(format: "hdf5")).distance == nil)
    }

    @Test(arguments: ["", "[A]", "KEY [furlongs]", "KEY ]"])
    func malformedKeysAreRefused(text: String) {
        #expect(HeaderKey(parsing: text) == nil)
    }
}
