import Foundation
import SAXSFrames
import Testing
@testable import SAXSIntegration

/// The parallax correction of PONI version 3. The maps against pyFAI are in GeometryReferenceTests; these check
/// the attenuation tables it rests on and what the correction may and may not change.
@Suite struct GeometryParallaxTests {
    static let geometry = Geometry(distance: 0.1, poni1: 0.002, poni2: 0.003, rot1: 0.05, rot2: -0.02, rot3: 0.1,
                                   wavelength: 1e-10, pixel1: 1e-4, pixel2: 1e-4,
                                   sensor: DetectorSensor(material: "Si", thickness: 0.00045), parallax: true)
    static let shape = FrameShape(rows: 30, columns: 40)

    @Test func attenuationMatchesPyFAI() throws {
        #expect(GeometryReference.attenuation.count > 40)
        for (name, energy, mu) in GeometryReference.attenuation {
            let material = try #require(SensorMaterial.named(name))
            let value = try #require(material.attenuation(energy: energy), "\(name) at \(energy) keV")
            #expect(relative(value, mu) <= 1e-13, "\(name) at \(energy) keV: \(value) vs pyFAI \(mu)")
        }
        #expect(SensorMaterial.names == ["Si", "Ge", "CdTe", "GaAs", "Gd2O2S", "BaFBr0.85I0.15", "Se", "CZT"])
    }

    /// pyFAI's energy from the wavelength: h·c/e in keV·Å from the exact SI constants.
    @Test func energyConstantIsPyFAIs() {
        #expect(ParallaxCorrection.planckTimesLightSpeed == 12.398419843320026)
    }

    /// Photons are recorded beyond where they crossed the surface, so the correction pulls positions towards the
    /// PONI, by nothing at normal incidence and more the more inclined the ray; a thin sensor absorbs only part
    /// of the tail, so its shift is smaller than a thick one's.
    @Test func shiftsTowardsThePONIMoreAtGrazingIncidence() throws {
        let thin = try ParallaxCorrection(Self.geometry)
        var thickGeometry = Self.geometry
        thickGeometry.sensor?.thickness = nil
        let thick = try ParallaxCorrection(thickGeometry)
        let origin = thin.corrected(p1: 0, p2: 0)
        #expect(origin.p1 == 0 && origin.p2 == 0)
        var previous = 0.0
        for radius in stride(from: 0.005, through: 0.1, by: 0.005) {
            let corrected = thin.corrected(p1: radius * 0.6, p2: -radius * 0.8)
            let shift = radius - (corrected.p1 * corrected.p1 + corrected.p2 * corrected.p2).squareRoot()
            #expect(shift > previous)
            // Along the same direction: no sideways component.
            #expect(abs(corrected.p1 / corrected.p2 + 0.75) <= 1e-12)
            let thickCorrected = thick.corrected(p1: radius * 0.6, p2: -radius * 0.8)
            #expect(radius - (thickCorrected.p1 * thickCorrected.p1 + thickCorrected.p2 * thickCorrected.p2).squareRoot() > shift)
            previous = shift
        }
        // In a thick sensor photons are absorbed at a mean depth 1/μ (190 µm of silicon at 12.4 keV), so at
        // about 45° they are recorded sin 45°/μ further out.
        let at45 = thick.corrected(p1: 0.1, p2: 0)
        #expect(abs(0.1 - at45.p1 - sin(Double.pi / 4) / 5262.013) <= 1e-6)
    }

    /// pyFAI corrects where pixels are seen from the sample, not their solid angle.
    @Test func changesPositionsButNotTheSolidAngle() throws {
        var plain = Self.geometry
        plain.parallax = false
        #expect(try Self.geometry.solidAngleMap(shape: Self.shape) == plain.solidAngleMap(shape: Self.shape))
        let corrected = try Self.geometry.radialMap(shape: Self.shape)
        let uncorrected = try plain.radialMap(shape: Self.shape)
        let change = zip(corrected, uncorrected).map { relative($0, $1) }.max() ?? 0
        #expect(change > 1e-4 && change < 0.05, "\(change)")
        // Naming a sensor without asking for the correction changes nothing.
        var unnamed = plain
        unnamed.sensor = nil
        #expect(try unnamed.radialMap(shape: Self.shape) == uncorrected)
        // Without tilt the PONI is the beam centre, and every pixel moves to a smaller angle.
        var flat = Self.geometry
        (flat.rot1, flat.rot2) = (0, 0)
        plain = flat
        plain.parallax = false
        #expect(zip(try flat.radialMap(shape: Self.shape), try plain.radialMap(shape: Self.shape)).allSatisfy { $0 < $1 })
    }

    @Test func beamCentreIgnoresParallax() throws {
        var plain = Self.geometry
        plain.parallax = false
        let centre = try #require(Self.geometry.beamCentre)
        let plainCentre = try #require(plain.beamCentre)
        #expect(centre.row == plainCentre.row && centre.column == plainCentre.column)
    }

    @Test func validateNamesWhatIsMissing() throws {
        var geometry = Self.geometry
        geometry.sensor = nil
        let missing = try #require(throws: GeometryError.self) { try geometry.validate() }
        #expect(missing.key == "Parallax" && missing.reason.contains("needs the sensor"))
        // A summary of an invalid geometry still works, for error messages.
        #expect(geometry.summary.contains("parallax corrected"))

        geometry.sensor = DetectorSensor(material: "Si", thickness: 0)
        let thickness = try #require(throws: GeometryError.self) { try geometry.validate() }
        #expect(thickness.key == "Detector_config" && thickness.reason.contains("thickness"))

        geometry.sensor = DetectorSensor(material: "Si")
        geometry.wavelength = 1e-8
        let energy = try #require(throws: GeometryError.self) { try geometry.validate() }
        #expect(energy.key == "Wavelength" && energy.reason.contains("outside the Si attenuation table"))
        let map = try #require(throws: GeometryError.self) { try geometry.radialMap(shape: Self.shape) }
        #expect(map == energy)
    }

    @Test func summaryFingerprintAndCodingCoverTheSensor() throws {
        let geometry = Self.geometry
        #expect(geometry.summary.contains("sensor Si,450um, parallax corrected"))
        #expect(geometry.fingerprint.hasSuffix(" sensor=Si,0.00045 parallax=true"))
        var plain = geometry
        plain.parallax = false
        #expect(plain.fingerprint.hasSuffix(" sensor=Si,0.00045"))
        plain.sensor = DetectorSensor(material: "Si", thickness: 0.00032)
        #expect(plain.fingerprint.hasSuffix(" sensor=Si,0.00032"))
        plain.sensor = DetectorSensor(material: "CdTe")
        #expect(plain.fingerprint.hasSuffix(" sensor=CdTe,thick") && plain.summary.contains("sensor CdTe,inf"))
        plain.sensor = nil
        // Without sensor and parallax the fingerprint is what it was before they existed.
        #expect(plain.fingerprint.hasSuffix("pixel1=0.0001 pixel2=0.0001"))

        let data = try JSONEncoder().encode(geometry)
        #expect(try JSONDecoder().decode(Geometry.self, from: data) == geometry)
        let older = #"{"distance": 1, "poni1": 0, "poni2": 0, "rot1": 0, "rot2": 0, "rot3": 0, "wavelength": 1e-10, "pixel1": 1e-4, "pixel2": 1e-4}"#
        let decoded = try JSONDecoder().decode(Geometry.self, from: Data(older.utf8))
        #expect(decoded.sensor == nil && !decoded.parallax && decoded.orientation == 3)
    }
}
