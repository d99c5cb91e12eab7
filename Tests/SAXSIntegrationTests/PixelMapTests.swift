import Foundation
import SAXSFrames
import Testing
@testable import SAXSIntegration

/// Pixel maps against the maps pyFAI 2026.9 saved for the Pilatus 1M reference geometry.
@Suite struct PixelMapTests {
    let geometry: Geometry
    let shape: FrameShape

    init() throws {
        geometry = try Pilatus1M.inputs().geometry
        shape = try Pilatus1M.inputs().frame.shape
    }

    /// The q map file comes from pyFAI's `qArray`, which starts from single-precision pixel positions; with the
    /// same rounding the maps agree to the last bit.
    @Test func qMapMatchesPyFAI() throws {
        let reference = try ReferenceFiles.image("pilatus1m_qmap_nm-1.fits").pixels
        let q = try geometry.radialMap(shape: shape, unit: .qNm, precision: .single)
        let worst = zip(q, reference).map { relative($0, $1) }.max() ?? .infinity
        #expect(worst <= 1e-6, "max relative difference \(worst)")
    }

    /// In double precision (what integration uses, like pyFAI's `center_array`) q differs from the file only by
    /// that position rounding: at most a few nm off a pixel, visible in relative terms only next to the beam.
    @Test func doublePrecisionQMapDiffersOnlyByPositionRounding() throws {
        let reference = try ReferenceFiles.image("pilatus1m_qmap_nm-1.fits").pixels
        let q = try geometry.radialMap(shape: shape, unit: .qNm)
        let centre = try #require(geometry.beamCentre)
        var worstFar = 0.0
        var worstAbsolute = 0.0
        for row in 0..<shape.rows {
            for column in 0..<shape.columns {
                let pixel = row * shape.columns + column
                worstAbsolute = max(worstAbsolute, abs(q[pixel] - reference[pixel]))
                let dr = Double(row) + 0.5 - centre.row, dc = Double(column) + 0.5 - centre.column
                if dr * dr + dc * dc > 2500 { worstFar = max(worstFar, relative(q[pixel], reference[pixel])) }
            }
        }
        #expect(worstFar <= 1e-6, "beyond 50 pixels from the beam: \(worstFar)")
        #expect(worstAbsolute <= 1e-6, "absolute, nm^-1: \(worstAbsolute)")
    }

    /// 2θ from the same single-precision positions, against the q map converted back: 2θ = 2·asin(q·λ / 4π).
    @Test func twoThetaMapMatchesPyFAI() throws {
        let reference = try ReferenceFiles.image("pilatus1m_qmap_nm-1.fits").pixels
        let twoTheta = try geometry.radialMap(shape: shape, unit: .twoThetaDeg, precision: .single)
        let lambda = geometry.wavelength * 1e9
        let worst = zip(twoTheta, reference).map { degrees, q in
            relative(degrees * .pi / 180, 2 * asin(q * lambda / (4 * .pi)))
        }.max() ?? .infinity
        #expect(worst <= 1e-6, "max relative difference \(worst)")
    }

    @Test func chiMapMatchesPyFAI() throws {
        let reference = try ReferenceFiles.image("pilatus1m_chimap_rad.fits").pixels
        let chi = try geometry.chiMap(shape: shape)
        let worst = zip(chi, reference).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-9, "max difference \(worst) rad")
    }

    /// The saved map is single precision, hence the tolerance.
    @Test func solidAngleMatchesPyFAI() throws {
        let reference = try ReferenceFiles.image("pilatus1m_solidangle.fits").pixels
        let solidAngle = try geometry.solidAngleMap(shape: shape)
        let worst = zip(solidAngle, reference).map { relative($0, $1) }.max() ?? .infinity
        #expect(worst <= 3e-7, "max relative difference \(worst)")
    }

    @Test func polarizationMatchesPyFAI() throws {
        let reference = try ReferenceFiles.image("pilatus1m_polarization_0.99.fits").pixels
        let polarization = try geometry.polarizationMap(shape: shape, factor: 0.99)
        let worst = zip(polarization, reference).map { relative($0, $1) }.max() ?? .infinity
        #expect(worst <= 3e-7, "max relative difference \(worst)")
    }

    @Test func unitsAreConsistent() throws {
        let small = FrameShape(rows: 40, columns: 50)
        var tilted = Geometry(distance: 0.3, poni1: 0.002, poni2: -0.001, rot1: 0.05, rot2: -0.03, rot3: 0.4,
                              wavelength: 1.54e-10, pixel1: 1e-4, pixel2: 1.2e-4)
        let qNm = try tilted.radialMap(shape: small, unit: .qNm)
        let qA = try tilted.radialMap(shape: small, unit: .qA)
        let twoTheta = try tilted.radialMap(shape: small, unit: .twoThetaDeg)
        for pixel in qNm.indices {
            #expect(abs(qA[pixel] * 10 - qNm[pixel]) <= 1e-12 * qNm[pixel])
            let fromAngle = 4 * Double.pi / 0.154 * sin(twoTheta[pixel] * Double.pi / 180 / 2)
            #expect(abs(fromAngle - qNm[pixel]) <= 1e-12 * qNm[pixel])
        }
        // Without tilt, r is the distance from the beam on the detector: dist·tan 2θ.
        tilted.rot1 = 0
        tilted.rot2 = 0
        let r = try tilted.radialMap(shape: small, unit: .rMm)
        let flat = try tilted.radialMap(shape: small, unit: .twoThetaDeg)
        for pixel in r.indices {
            #expect(abs(r[pixel] - 300 * tan(flat[pixel] * Double.pi / 180)) <= 1e-9)
        }
    }

    @Test func refusesAFrameShapeTheDetectorDoesNotHave() throws {
        let error = try #require(throws: GeometryError.self) {
            try geometry.radialMap(shape: FrameShape(rows: 1000, columns: 981))
        }
        #expect(error.description.contains("1043x981"))
    }
}
