import Foundation
import SAXSFrames
import Testing
@testable import SAXSIntegration

/// pyFAI's detector orientations: a flipped frame is the native one read from the other edge, so every map of
/// orientation o at frame pixel (r, c) equals the native map at the mirrored pixel, and integrating a flipped frame
/// with the flipped orientation gives the native profile.
@Suite struct GeometryOrientationTests {
    static let shape = FrameShape(rows: 24, columns: 36)
    static let native = Geometry(distance: 0.15, poni1: 0.0007, poni2: 0.0041, rot1: 0.08, rot2: -0.05, rot3: 0.6,
                                 wavelength: 1e-10, pixel1: 1e-4, pixel2: 1.72e-4)

    static func oriented(_ orientation: Int) -> Geometry {
        var geometry = native
        geometry.orientation = orientation
        return geometry
    }

    /// Frame pixel (row, column) of `orientation` is native pixel (mirrored row, mirrored column).
    static func mirrored(_ row: Int, _ column: Int, rows: Int, columns: Int, orientation: Int) -> (Int, Int) {
        let geometry = oriented(orientation)
        return (geometry.flipsRows ? rows - 1 - row : row, geometry.flipsColumns ? columns - 1 - column : column)
    }

    @Test(arguments: [1, 2, 4])
    func centreMapsMirrorTheNativeOnes(orientation: Int) throws {
        let shape = Self.shape
        let geometry = Self.oriented(orientation)
        let maps = [
            try geometry.radialMap(shape: shape, unit: .qNm),
            try geometry.radialMap(shape: shape, unit: .qNm, precision: .single),
            try geometry.chiMap(shape: shape),
            try geometry.solidAngleMap(shape: shape),
            try geometry.polarizationMap(shape: shape, factor: 0.9),
        ]
        let native = [
            try Self.native.radialMap(shape: shape, unit: .qNm),
            try Self.native.radialMap(shape: shape, unit: .qNm, precision: .single),
            try Self.native.chiMap(shape: shape),
            try Self.native.solidAngleMap(shape: shape),
            try Self.native.polarizationMap(shape: shape, factor: 0.9),
        ]
        for (map, reference) in zip(maps, native) {
            var mismatches = 0
            for row in 0..<shape.rows {
                for column in 0..<shape.columns {
                    let (r, c) = Self.mirrored(row, column, rows: shape.rows, columns: shape.columns, orientation: orientation)
                    if map[row * shape.columns + column] != reference[r * shape.columns + c] { mismatches += 1 }
                }
            }
            #expect(mismatches == 0)
        }
        // And the flip is real: the maps differ from the native ones.
        #expect(maps[0] != native[0])
    }

    /// Corner grid line k of a flipped axis is native line (count − k), so a pixel keeps its own four corners.
    @Test(arguments: [1, 2, 4])
    func cornersMirrorTheNativeOnes(orientation: Int) throws {
        let shape = Self.shape
        let geometry = Self.oriented(orientation)
        let frame = LabFrame(geometry)
        let corners = geometry.mapCorners(shape: shape) { p1, p2 in frame.chi(frame.lab(p1: p1, p2: p2)) }
        let native = Self.native.mapCorners(shape: shape) { p1, p2 in frame.chi(frame.lab(p1: p1, p2: p2)) }
        let columns = shape.columns + 1
        for row in 0...shape.rows {
            for column in 0...shape.columns {
                let r = geometry.flipsRows ? shape.rows - row : row
                let c = geometry.flipsColumns ? shape.columns - column : column
                #expect(corners[row * columns + column] == native[r * columns + c])
            }
        }
        // Each pixel's centre lies inside the span of its own corners.
        let centres = try geometry.chiMap(shape: shape)
        for row in 0..<shape.rows {
            for column in 0..<shape.columns {
                let own = [corners[row * columns + column], corners[(row + 1) * columns + column],
                           corners[(row + 1) * columns + column + 1], corners[row * columns + column + 1]]
                let centre = centres[row * shape.columns + column]
                #expect(own.contains { $0 <= centre } && own.contains { $0 >= centre })
            }
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func beamCentreCountsFromTheFlippedEdge(orientation: Int) throws {
        let geometry = Self.oriented(orientation)
        let native = try #require(Self.native.beamCentre(shape: Self.shape))
        let centre = try #require(geometry.beamCentre(shape: Self.shape))
        #expect(centre.row == (geometry.flipsRows ? Double(Self.shape.rows) - native.row : native.row))
        #expect(centre.column == (geometry.flipsColumns ? Double(Self.shape.columns) - native.column : native.column))
        // Fit2D's centre, like pyFAI's, stays in native pixels.
        #expect(geometry.fit2d.centerY == Self.native.fit2d.centerY && geometry.fit2d.centerX == Self.native.fit2d.centerX)
    }

    @Test func beamCentreOfAFlippedDetectorNeedsItsSize() throws {
        var geometry = Self.oriented(2)
        #expect(geometry.beamCentre == nil)
        #expect(geometry.summary.contains("beam centre in frame pixels unknown without max_shape"))
        geometry.maxShape = Self.shape
        let centre = try #require(geometry.beamCentre)
        #expect(geometry.summary.contains(String(format: "beam centre row %.2f col %.2f px", centre.row, centre.column)))
        #expect(geometry.summary.contains("orientation 2"))
        #expect(Self.native.summary.contains("beam centre row"))
    }

    @Test func unspecifiedOrientationIsThree() throws {
        let geometry = Geometry(distance: 1, poni1: 0, poni2: 0, wavelength: 1e-10, pixel1: 1e-4, pixel2: 1e-4,
                                orientation: 0)
        #expect(geometry.orientation == 3)
        #expect(Self.oriented(1).fingerprint != Self.native.fingerprint)
    }

    /// The integrator's centre and corner maps follow the orientation: flipping the stored frame and declaring
    /// the flip gives the same profile, with every splitting.
    @Test(arguments: [PixelSplitting.no, .bbox, .full], [1, 2, 4])
    func integratingAFlippedFrameGivesTheNativeProfile(split: PixelSplitting, orientation: Int) throws {
        let shape = Self.shape
        let counts = (0..<shape.pixelCount).map { Double(50 + ($0 * 7919 + 13) % 1001) }
        var flipped = counts
        for row in 0..<shape.rows {
            for column in 0..<shape.columns {
                let (r, c) = Self.mirrored(row, column, rows: shape.rows, columns: shape.columns, orientation: orientation)
                flipped[row * shape.columns + column] = counts[r * shape.columns + c]
            }
        }
        let settings = IntegrationSettings(npt: 40, unit: .qNm, split: split, solidAngle: true, polarization: 0.95)
        let native = try RadialIntegrator(geometry: Self.native, shape: shape, settings: settings)
            .integrate(Frame(shape: shape, pixels: counts))
        let profile = try RadialIntegrator(geometry: Self.oriented(orientation), shape: shape, settings: settings)
            .integrate(Frame(shape: shape, pixels: flipped))
        #expect(profile.radial == native.radial)
        for bin in 0..<native.binCount {
            #expect(relative(profile.intensity[bin], native.intensity[bin]) <= 1e-12, "bin \(bin)")
        }
    }
}
