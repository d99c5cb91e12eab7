import Foundation
import SAXSFrames
import SAXSTestSupport
@testable import SAXSIntegration

/// Reference material in `../shared` beside the checkout (always there in CI).
enum ReferenceFiles {
    static let shared: URL = SharedFiles.root

    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "reference file \(path) is missing: these tests need the project's shared/ folder beside the checkout"
        }
    }

    /// The path of a file under `shared/`, or an error that says the folder is missing.
    static func path(_ relative: String) throws -> String {
        let path = shared.appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: path) else { throw Missing(path: path) }
        return path
    }

    static func pyfai(_ name: String) throws -> String {
        try path("reference/pyfai/\(name)")
    }

    static func image(_ name: String) throws -> Frame {
        let frames = try FrameFile().readFrames(path: try pyfai(name))
        guard let frame = frames.first else { throw Missing(path: name) }
        return frame
    }

    /// A three-column text profile (radial, I, sigma) with `#` comments, as pyFAI and azint wrote them.
    static func profile(_ name: String) throws -> [(radial: Double, intensity: Double, sigma: Double)] {
        try ColumnText(path: try pyfai(name)).rows.compactMap { columns in
            columns.count == 3 ? (columns[0], columns[1], columns[2]) : nil
        }
    }
}

/// The Pilatus 1M case of `shared/reference/pyfai`, loaded once for every test that needs it: in debug builds
/// each 1M-pixel integrator takes a second or so to build.
enum Pilatus1M {
    struct Inputs: Sendable {
        var geometry: Geometry
        var frame: Frame
        var mask: DetectorMask
    }

    private static let loaded: Result<Inputs, any Error> = Result {
        let geometry = try Geometry.load(poniPath: try ReferenceFiles.pyfai("pilatus1m.poni"))
        let frame = try ReferenceFiles.image("pilatus1m_frame.fits")
        let mask = try DetectorMask.load(path: try ReferenceFiles.pyfai("pilatus1m_mask.fits"), expectedShape: frame.shape)
        return Inputs(geometry: geometry, frame: frame, mask: mask)
    }

    static func inputs() throws -> Inputs { try loaded.get() }

    /// The reference integrations' settings: npt 1000, q in nm⁻¹, solid angle, polarization 0.99, Poisson.
    static func settings(_ split: PixelSplitting, corrected: Bool = true,
                         errorModel: ErrorModel = .poisson) -> IntegrationSettings {
        IntegrationSettings(npt: 1000, unit: .qNm, split: split, solidAngle: corrected,
                            polarization: corrected ? 0.99 : nil, errorModel: errorModel)
    }

    static func integrator(_ settings: IntegrationSettings) throws -> RadialIntegrator {
        let inputs = try inputs()
        return try RadialIntegrator(geometry: inputs.geometry, shape: inputs.frame.shape, mask: inputs.mask,
                                    settings: settings)
    }
}

/// How far two profiles are apart, bin by bin, over the bins the reference fills.
struct Agreement: CustomStringConvertible {
    var maxPosition = 0.0
    var maxIntensity = 0.0
    var medianIntensity = 0.0
    var maxSigma = 0.0
    var medianSigma = 0.0
    var filledBins = 0
    /// Bins empty in one profile and not in the other.
    var emptyMismatches: [Int] = []
    /// The largest differences over the bins set apart (`edgeBins`), which are not in the figures above.
    var maxEdgeIntensity = 0.0
    var maxEdgeSigma = 0.0

    /// `edgeBins` are bins the two integrators fill by different rules: they are compared apart.
    init(_ profile: Profile, reference: [(radial: Double, intensity: Double, sigma: Double)], edgeBins: Set<Int> = []) {
        precondition(profile.binCount == reference.count, "bin counts differ")
        var intensity: [Double] = []
        var sigma: [Double] = []
        for bin in reference.indices {
            let expected = reference[bin]
            maxPosition = max(maxPosition, relative(profile.radial[bin], expected.radial))
            let referenceEmpty = expected.intensity == 0 && expected.sigma == 0
            if referenceEmpty != (profile.count[bin] == 0) { emptyMismatches.append(bin) }
            guard !referenceEmpty else { continue }
            if edgeBins.contains(bin) {
                maxEdgeIntensity = max(maxEdgeIntensity, relative(profile.intensity[bin], expected.intensity))
                maxEdgeSigma = max(maxEdgeSigma, relative(profile.sigma[bin], expected.sigma))
                continue
            }
            intensity.append(relative(profile.intensity[bin], expected.intensity))
            sigma.append(relative(profile.sigma[bin], expected.sigma))
        }
        filledBins = intensity.count
        maxIntensity = intensity.max() ?? 0
        maxSigma = sigma.max() ?? 0
        medianIntensity = median(intensity)
        medianSigma = median(sigma)
    }

    var description: String {
        "\(filledBins) bins: I max \(maxIntensity) median \(medianIntensity), sigma max \(maxSigma) median \(medianSigma), "
            + "positions max \(maxPosition), empty mismatches \(emptyMismatches)"
            + (maxEdgeIntensity > 0 || maxEdgeSigma > 0 ? ", edge bins: I max \(maxEdgeIntensity) sigma max \(maxEdgeSigma)" : "")
    }
}

func relative(_ value: Double, _ expected: Double) -> Double {
    expected == 0 ? abs(value) : abs(value / expected - 1)
}

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
