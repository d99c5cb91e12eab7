import Foundation
import SAXSFrames
import SAXSTestSupport
import Testing
@testable import SAXSIntegration

/// A real frame: the Pilatus 100K TIFF of glucose isomerase in `shared/data/bioxtasraw`, integrated as its README
/// describes, against the curve BioXTAS RAW reduced from it.
@Suite struct BioXTASRAWTests {
    @Test func reproducesRAWsCurve() throws {
        let geometry = try Geometry.load(poniPath: try ReferenceFiles.path("data/bioxtasraw/GI2.poni"))
        let frames = try FrameFile().readFrames(path: try ReferenceFiles.path("data/bioxtasraw/GI2_A9_19_001_0000.tiff"))
        let frame = try #require(frames.first)
        #expect(frame.shape == FrameShape(rows: 195, columns: 487))
        let mask = try DetectorMask.load(path: try ReferenceFiles.path("data/bioxtasraw/GI2_mask.fits"),
                                         expectedShape: frame.shape)

        // 496 bins of one pixel each, from the beam to 496 pixels away, in q = 4π sin(θ)/λ.
        func q(pixels: Double) -> Double {
            4 * Double.pi * sin(atan(pixels * 172e-6 / 1.5027) / 2) / 1.245
        }
        let settings = IntegrationSettings(
            npt: 496, unit: .qA, split: .no, solidAngle: true, polarization: nil, errorModel: .poisson,
            radialRange: q(pixels: 0)...q(pixels: 496),
            normalization: Normalization(factor: 213.0037638498076))
        let profile = try RadialIntegrator(geometry: geometry, shape: frame.shape, mask: mask, settings: settings)
            .integrate(frame).nonEmpty()

        let reference = try ColumnText(path: try ReferenceFiles.path("data/bioxtasraw/GI2_A9_19_001_0000.dat")).rows
            .filter { $0.count == 3 }
        #expect(reference.count == 474)
        var intensityDifferences: [Double] = []
        var sigmaDifferences: [Double] = []
        for row in reference {
            let (intensity, sigma) = try #require(Self.interpolate(profile, at: row[0]), "q = \(row[0]) outside the profile")
            intensityDifferences.append(relative(intensity, row[1]))
            sigmaDifferences.append(relative(sigma, row[2]))
        }
        let within = intensityDifferences.filter { $0 <= 1e-4 }.count
        let sigmaWithin = sigmaDifferences.filter { $0 <= 1e-4 }.count
        print("GI2 vs BioXTAS RAW: \(within)/\(reference.count) points within 1e-4 (sigma \(sigmaWithin)), "
              + "median \(median(intensityDifferences)), max \(intensityDifferences.max() ?? 0)")
        #expect(Double(within) >= 0.95 * Double(reference.count))
        #expect(Double(sigmaWithin) >= 0.95 * Double(reference.count))
        #expect(intensityDifferences.allSatisfy { $0 <= 0.07 })
    }

    /// Linear interpolation between the bins around `q`, as RAW's points sit between saxsd's bin centres.
    static func interpolate(_ profile: Profile, at q: Double) -> (Double, Double)? {
        guard let upper = profile.radial.firstIndex(where: { $0 >= q }) else { return nil }
        if profile.radial[upper] == q || upper == 0 {
            return profile.radial[upper] == q ? (profile.intensity[upper], profile.sigma[upper]) : nil
        }
        let lower = upper - 1
        let t = (q - profile.radial[lower]) / (profile.radial[upper] - profile.radial[lower])
        return (profile.intensity[lower] + t * (profile.intensity[upper] - profile.intensity[lower]),
                profile.sigma[lower] + t * (profile.sigma[upper] - profile.sigma[lower]))
    }
}
