import Foundation
import SAXSFrames
import Testing
@testable import SAXSIntegration

/// Fit2D parameters to and from `Geometry`, against pyFAI's `setFit2D`/`getFit2D`
/// (from `scripts/pyfai_geometry_reference.py`) and the shared reference geometry.
@Suite struct GeometryFit2DTests {
    @Test(arguments: GeometryReference.fromFit2D.indices)
    func fromFit2DMatchesPyFAI(index: Int) throws {
        let (fit2d, expected) = GeometryReference.fromFit2D[index]
        let geometry = try Geometry(fit2d: fit2d)
        let fields: [(String, Double, Double)] = [
            ("distance", geometry.distance, expected.distance), ("poni1", geometry.poni1, expected.poni1),
            ("poni2", geometry.poni2, expected.poni2), ("rot1", geometry.rot1, expected.rot1),
            ("rot2", geometry.rot2, expected.rot2), ("rot3", geometry.rot3, expected.rot3),
            ("wavelength", geometry.wavelength, expected.wavelength), ("pixel1", geometry.pixel1, expected.pixel1),
            ("pixel2", geometry.pixel2, expected.pixel2),
        ]
        for (name, value, reference) in fields {
            #expect(abs(value - reference) <= 1e-12 * max(abs(reference), 1e-3), "\(name): \(value) vs pyFAI \(reference)")
        }
    }

    @Test(arguments: GeometryReference.toFit2D.indices)
    func toFit2DMatchesPyFAI(index: Int) {
        let (geometry, expected) = GeometryReference.toFit2D[index]
        expectSame(geometry.fit2d, expected)
    }

    /// Fit2D's parameters survive the way through a geometry; the geometry does not, since Fit2D has no rot3.
    /// A tilt below about 1e-3° does not survive acos(cos tilt) in double precision, in pyFAI neither.
    @Test(arguments: GeometryReference.fromFit2D.indices.filter {
        GeometryReference.fromFit2D[$0].fit2d.tilt == 0 || GeometryReference.fromFit2D[$0].fit2d.tilt > 1e-3
    })
    func fit2dRoundTrip(index: Int) throws {
        let fit2d = GeometryReference.fromFit2D[index].fit2d
        let back = try Geometry(fit2d: fit2d).fit2d
        #expect(abs(back.directDist - fit2d.directDist) <= 1e-9 * fit2d.directDist)
        #expect(abs(back.centerX - fit2d.centerX) <= 1e-7 && abs(back.centerY - fit2d.centerY) <= 1e-7)
        #expect(abs(back.tilt - fit2d.tilt) <= 1e-9)
        if fit2d.tilt > 1e-3 {
            #expect(abs(remainder(back.tiltPlanRotation - fit2d.tiltPlanRotation, 360)) <= 1e-9)
        }
    }

    /// pyFAI's `getFit2D()` text for the shared Pilatus 1M geometry, as recorded in reference_meta.json.
    @Test func describesTheSharedGeometryAsPyFAIDoes() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: try ReferenceFiles.pyfai("reference_meta.json")))
        let meta = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let expected = try #require(meta["fit2d"] as? String)
        let geometry = try Pilatus1M.inputs().geometry
        #expect(geometry.fit2d.description == expected)
        #expect(geometry.fit2d.maxShape == FrameShape(rows: 1043, columns: 981))
        #expect(geometry.fit2d.detector == "Pilatus1M")
    }

    /// A Fit2D geometry gives the same maps as the PONI geometry pyFAI converts it to.
    @Test func givesTheSameMapsAsTheEquivalentPONIGeometry() throws {
        let (fit2d, converted) = GeometryReference.fromFit2D[0]
        let shape = FrameShape(rows: 30, columns: 20)
        let q = try Geometry(fit2d: fit2d).radialMap(shape: shape)
        let reference = try converted.radialMap(shape: shape)
        #expect(zip(q, reference).allSatisfy { relative($0, $1) <= 1e-12 })
    }

    @Test(arguments: [
        ("tilt", 90.0), ("tilt", -95.0), ("directDist", 0.0), ("pixelX", -75.0), ("centerY", .nan),
        ("wavelength", .infinity),
    ] as [(String, Double)])
    func refusesInvalidParameters(key: String, value: Double) throws {
        var fit2d = GeometryReference.fromFit2D[0].fit2d
        switch key {
        case "tilt": fit2d.tilt = value
        case "directDist": fit2d.directDist = value
        case "pixelX": fit2d.pixelX = value
        case "centerY": fit2d.centerY = value
        default: fit2d.wavelength = value
        }
        let error = try #require(throws: GeometryError.self) { try Geometry(fit2d: fit2d) }
        #expect(error.key == key, "\(error)")
    }

    @Test func refusesAnInvalidOrientation() throws {
        var fit2d = GeometryReference.fromFit2D[0].fit2d
        fit2d.orientation = 6
        let error = try #require(throws: GeometryError.self) { try Geometry(fit2d: fit2d) }
        #expect(error.reason.contains("orientation must be 1, 2, 3 or 4"))
    }

    @Test func codableRoundTrip() throws {
        var fit2d = GeometryReference.fromFit2D[2].fit2d
        fit2d.maxShape = FrameShape(rows: 2162, columns: 2068)
        fit2d.orientation = 4
        fit2d.detector = "Eiger2_4M"
        let data = try JSONEncoder().encode(fit2d)
        #expect(try JSONDecoder().decode(Fit2DGeometry.self, from: data) == fit2d)
        let minimal = #"{"directDist": 100, "centerX": 1, "centerY": 2, "pixelX": 75, "pixelY": 75, "wavelength": 1}"#
        let decoded = try JSONDecoder().decode(Fit2DGeometry.self, from: Data(minimal.utf8))
        #expect(decoded.tilt == 0 && decoded.orientation == 3 && decoded.detector == "Detector" && decoded.maxShape == nil)
    }
}
