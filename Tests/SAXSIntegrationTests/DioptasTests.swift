import Foundation
import SAXSFrames
import SAXSTestSupport
import Testing
@testable import SAXSIntegration

/// Dioptas' CeO2 calibrant on a Pilatus 1M (`shared/data/dioptas`): a real int32 TIFF, a PONI of version 1 (pixel
/// sizes, no detector configuration) and the 2θ pattern Dioptas wrote. Dioptas shows images flipped up-down
/// and its pattern used the older cos⁴ solid angle, so both are asked for here, as its README says.
@Suite struct DioptasTests {
    @Test func ceO2PatternMatchesDioptasIn2Theta() throws {
        let geometry = try Geometry.load(poniPath: try ReferenceFiles.path("data/dioptas/CeO2_Pilatus1M.poni"))
        #expect(geometry.wavelength == 4.066e-11)
        #expect(geometry.pixel1 == 0.000172 && geometry.pixel2 == 0.000172)
        let stored = try #require(try FrameFile().readFrames(path: try ReferenceFiles.path("data/dioptas/CeO2_Pilatus1M.tif")).first)
        #expect(stored.shape == FrameShape(rows: 1043, columns: 981))
        var frame = stored
        for row in 0..<stored.shape.rows {
            let from = (stored.shape.rows - 1 - row) * stored.shape.columns
            frame.pixels.replaceSubrange(row * stored.shape.columns..<(row + 1) * stored.shape.columns,
                                         with: stored.pixels[from..<from + stored.shape.columns])
        }

        let reference = try ColumnText(path: try ReferenceFiles.path("data/dioptas/CeO2_Pilatus1M.xy")).rows
            .filter { $0.count == 2 }
        #expect(reference.count == 1512)
        let settings = IntegrationSettings(npt: reference.count, unit: .twoThetaDeg, split: .bbox, solidAngle: true,
                                           polarization: nil, errorModel: .poisson, solidAngleOrder: 4)
        let profile = try RadialIntegrator(geometry: geometry, shape: frame.shape, settings: settings)
            .integrate(frame).nonEmpty()

        var differences: [Double] = []
        for row in reference where row[1] > 0 {
            guard let (intensity, _) = BioXTASRAWTests.interpolate(profile, at: row[0]) else { continue }
            differences.append(relative(intensity, row[1]))
        }
        let middle = median(differences)
        print("CeO2 vs Dioptas: \(differences.count) points, median \(middle), "
              + "90th percentile \(differences.sorted()[differences.count * 9 / 10])")
        #expect(differences.count >= reference.count * 95 / 100)
        #expect(middle <= 0.01)

        // The solid-angle order matters at these angles: with cos³ the far end of the pattern is off by cos 2θ.
        var cubed = settings
        cubed.solidAngleOrder = 3
        let cos3 = try RadialIntegrator(geometry: geometry, shape: frame.shape, settings: cubed).integrate(frame).nonEmpty()
        let far = try #require(reference.last { $0[1] > 0 })
        let withCos3 = try #require(BioXTASRAWTests.interpolate(cos3, at: far[0])).0
        let withCos4 = try #require(BioXTASRAWTests.interpolate(profile, at: far[0])).0
        let ratio = withCos3 / withCos4
        #expect(abs(ratio - cos(far[0] * .pi / 180)) < 0.02, "cos³ / cos⁴ intensity at 2θ = \(far[0])°: \(ratio)")
    }
}
