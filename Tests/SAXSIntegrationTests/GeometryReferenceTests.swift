import Foundation
import SAXSFrames
import Testing
@testable import SAXSIntegration

/// Pixel maps, corners, beam centre and Fit2D parameters against pyFAI on geometries in no shared file: each
/// orientation, tilts with rot3, an off-detector beam, a Fit2D geometry and PONI version 3 files with parallax.
/// The reference comes from `scripts/pyfai_geometry_reference.py`.
///
/// Centre maps agree to 1e-9 relative: pyFAI computes them in double precision with the same formulas, so only
/// the order of floating-point operations differs (about 1e-15). pyFAI stores corners in single precision, hence
/// their looser tolerance, which still catches a corner one pixel off by four orders of magnitude.
@Suite struct GeometryReferenceTests {
    static func geometry(_ reference: GeometryReference.MapCase) throws -> Geometry {
        if let poni = reference.poni {
            return try Geometry(poniText: poni, path: "\(reference.name).poni")
        }
        return try Geometry(fit2d: try #require(reference.fit2d))
    }

    @Test(arguments: GeometryReference.mapCases)
    func centreMapsMatchPyFAI(reference: GeometryReference.MapCase) throws {
        let geometry = try Self.geometry(reference)
        let shape = GeometryReference.shape
        let q = try geometry.radialMap(shape: shape, unit: .qNm)
        let twoTheta = try geometry.radialMap(shape: shape, unit: .twoThetaDeg)
        let chi = try geometry.chiMap(shape: shape)
        let solidAngle = try geometry.solidAngleMap(shape: shape)
        let polarization = try geometry.polarizationMap(shape: shape, factor: GeometryReference.polarizationFactor)
        var worst = (q: 0.0, twoTheta: 0.0, chi: 0.0, solidAngle: 0.0, polarization: 0.0)
        for pixel in reference.pixels {
            let index = pixel.row * shape.columns + pixel.column
            worst.q = max(worst.q, relative(q[index], pixel.q))
            worst.twoTheta = max(worst.twoTheta, relative(twoTheta[index] * .pi / 180, pixel.twoTheta))
            worst.chi = max(worst.chi, angleDifference(chi[index], pixel.chi))
            worst.solidAngle = max(worst.solidAngle, relative(solidAngle[index], pixel.solidAngle))
            worst.polarization = max(worst.polarization, relative(polarization[index], pixel.polarization))
        }
        print("\(reference.name) vs pyFAI, worst of \(reference.pixels.count) pixels: \(worst)")
        #expect(worst.q <= 1e-9 && worst.twoTheta <= 1e-9, "\(worst)")
        #expect(worst.chi <= 1e-9, "\(worst)")
        #expect(worst.solidAngle <= 1e-9 && worst.polarization <= 1e-9, "\(worst)")
    }

    @Test(arguments: GeometryReference.mapCases.filter { !$0.corners.isEmpty })
    func cornersMatchPyFAI(reference: GeometryReference.MapCase) throws {
        let geometry = try Self.geometry(reference)
        let shape = GeometryReference.shape
        try geometry.check(shape: shape)
        let frame = LabFrame(geometry)
        let twoTheta = geometry.mapCorners(shape: shape) { p1, p2 in
            frame.radial(frame.lab(p1: p1, p2: p2), space: .twoTheta)
        }
        let chi = geometry.mapCorners(shape: shape) { p1, p2 in frame.chi(frame.lab(p1: p1, p2: p2)) }
        let offsets = [(0, 0), (1, 0), (1, 1), (0, 1)]
        for corner in reference.corners {
            let (dr, dc) = offsets[corner.corner]
            let index = (corner.row + dr) * (shape.columns + 1) + corner.column + dc
            #expect(relative(twoTheta[index], corner.twoTheta) <= 1e-6,
                    "2theta at pixel (\(corner.row), \(corner.column)) corner \(corner.corner)")
            #expect(angleDifference(chi[index], corner.chi) <= 1e-6,
                    "chi at pixel (\(corner.row), \(corner.column)) corner \(corner.corner)")
        }
    }

    /// pyFAI's Fit2D centre is in its native pixel coordinates; in frame pixels a flipped axis counts from the
    /// far edge.
    @Test(arguments: GeometryReference.mapCases)
    func beamCentreMatchesPyFAIFit2DCentre(reference: GeometryReference.MapCase) throws {
        let geometry = try Self.geometry(reference)
        let shape = GeometryReference.shape
        let fit2d = reference.pyFAIFit2D
        let expectedRow = geometry.flipsRows ? Double(shape.rows) - fit2d.centerY : fit2d.centerY
        let expectedColumn = geometry.flipsColumns ? Double(shape.columns) - fit2d.centerX : fit2d.centerX
        let centre = try #require(geometry.beamCentre(shape: shape))
        #expect(abs(centre.row - expectedRow) <= 1e-9 && abs(centre.column - expectedColumn) <= 1e-9,
                "\(centre) vs (\(expectedRow), \(expectedColumn))")
        // The detector's size is in the PONI file (and the Fit2D case), so the property gives the same.
        let property = try #require(geometry.beamCentre)
        #expect(property.row == centre.row && property.column == centre.column)
    }

    @Test(arguments: GeometryReference.mapCases)
    func fit2dMatchesPyFAI(reference: GeometryReference.MapCase) throws {
        let geometry = try Self.geometry(reference)
        expectSame(geometry.fit2d, reference.pyFAIFit2D)
    }
}

/// Absolute difference of two angles in radians, across the ±π cut.
func angleDifference(_ a: Double, _ b: Double) -> Double {
    abs(remainder(a - b, 2 * .pi))
}

/// Fit2D parameters equal to rounding: pyFAI's formulas are evaluated in the same order.
func expectSame(_ fit2d: Fit2DGeometry, _ expected: Fit2DGeometry, sourceLocation: SourceLocation = #_sourceLocation) {
    let fields: [(String, Double, Double)] = [
        ("directDist", fit2d.directDist, expected.directDist), ("centerX", fit2d.centerX, expected.centerX),
        ("centerY", fit2d.centerY, expected.centerY), ("tilt", fit2d.tilt, expected.tilt),
        ("tiltPlanRotation", fit2d.tiltPlanRotation, expected.tiltPlanRotation),
        ("pixelX", fit2d.pixelX, expected.pixelX), ("pixelY", fit2d.pixelY, expected.pixelY),
        ("wavelength", fit2d.wavelength, expected.wavelength),
    ]
    for (name, value, reference) in fields {
        #expect(abs(value - reference) <= 1e-12 * max(1, abs(reference)), "\(name): \(value) vs pyFAI \(reference)",
                sourceLocation: sourceLocation)
    }
    #expect(fit2d.orientation == expected.orientation && fit2d.maxShape == expected.maxShape, sourceLocation: sourceLocation)
}
