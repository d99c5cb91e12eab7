import SAXSFrames
import Testing
@testable import SAXSIntegration

/// saxsd's cakes I(q, χ) and azimuthal profiles I(χ) against pyFAI's integrate2d on the synthetic detector of
/// PyFAICrosscheckTests. The reference comes from `scripts/pyfai_crosscheck.py`.
@Suite struct PyFAICakeTests {
    @Test(arguments: PyFAICakeReference.cases)
    func matchesPyFAI(reference: PyFAICakeReference.CakeCase) throws {
        let geometry = try Geometry(poniText: PyFAICrosscheckReference.poni, path: "crosscheck.poni")
        let unit = try #require(RadialUnit(rawValue: reference.unit))
        let settings = IntegrationSettings(npt: reference.radialBins, unit: unit, split: reference.split,
                                           solidAngle: reference.solidAngle, polarization: reference.polarization,
                                           errorModel: reference.errorModel, radialRange: reference.radialRange,
                                           azimuthRange: reference.azimuthRange)
        let (frame, mask) = PyFAICrosscheckTests.inputs
        let radial: [Double], azimuth: [Double], flattened: Profile
        if let band = reference.band {
            let integrator = try AzimuthalIntegrator(geometry: geometry, shape: frame.shape, mask: mask,
                                                     settings: settings, band: band,
                                                     azimuthBins: reference.azimuthBins)
            let profile = try integrator.integrate(frame)
            radial = [(band.lowerBound + band.upperBound) / 2]
            azimuth = profile.azimuth
            flattened = Profile(unit: unit, radial: [Double](repeating: radial[0], count: azimuth.count),
                                intensity: profile.intensity, sigma: profile.sigma, count: profile.count)
        } else {
            let integrator = try CakeIntegrator(geometry: geometry, shape: frame.shape, mask: mask, settings: settings,
                                                azimuthBins: reference.azimuthBins)
            let cake = try integrator.integrate(frame)
            radial = cake.radial
            azimuth = cake.azimuth
            flattened = Profile(unit: unit, radial: Array(repeating: cake.radial, count: azimuth.count).flatMap { $0 },
                                intensity: cake.intensity, sigma: cake.sigma, count: cake.count)
        }
        #expect(radial.count == reference.radial.count && azimuth.count == reference.azimuth.count)
        for (value, expected) in zip(radial, reference.radial) {
            #expect(relative(value, expected) <= 1e-9)
        }
        // The script gives pyFAI the chi range's end narrowed by the step pyFAI widens it by, so the chi bins are
        // the same.
        for (value, expected) in zip(azimuth, reference.azimuth) {
            #expect(abs(value - expected) <= 1e-9 * 180)
        }
        let rows = reference.values.split(whereSeparator: \.isNewline).enumerated().map { bin, line in
            let columns = line.split(separator: " ").compactMap { Double($0) }
            return (radial: reference.radial[bin % reference.radial.count], intensity: columns[0], sigma: columns[1],
                    count: columns[2])
        }
        let edges = Set(reference.edgeBins)
        let agreement = Agreement(flattened, reference: rows.map { ($0.radial, $0.intensity, $0.sigma) }, edgeBins: edges)
        print("\(reference.name) vs pyFAI: \(agreement)")
        #expect(agreement.emptyMismatches.isEmpty)
        #expect(agreement.filledBins > rows.count / 2)
        #expect(agreement.maxIntensity <= 1e-5 && agreement.medianIntensity <= 1e-6)
        // The azimuthal variance of a bin holding slivers of one or two pixels is a difference of nearly equal
        // weighted sums, which the single-precision weights of either matrix move by up to ~1e-4 relative.
        #expect(agreement.maxSigma <= (reference.errorModel == .azimuthal ? 1e-4 : 1e-5) && agreement.medianSigma <= 1e-6)
        // Every pixel gives the same share to each bin away from the edges.
        let counts = rows.indices.filter { !edges.contains($0) && rows[$0].count > 0 }.map {
            relative(flattened.count[$0], rows[$0].count)
        }
        #expect(counts.max() ?? 0 <= 1e-6)

        // The edge bins (see the script's edge_bins). Across chi = ±180° of a whole ring, saxsd shares a pixel's
        // arc round the circle while pyFAI clamps it into the first or last chi bin: both keep every pixel whole,
        // so the edge bins hold the same total count, and differ by up to 1.4 % in I (27 % in sigma, which goes
        // with the square of the shares) in these cases. At the edges of an explicit radial range or sector pyFAI
        // also takes in the pixels lying less than a bin beyond the range's start (its fractional bin truncates
        // to 0): up to 12 % in I and 90 % in sigma in the sector cake here, from pixels that saxsd leaves out.
        if reference.radialRange == nil && reference.azimuthRange == nil {
            let saxsd = edges.reduce(0) { $0 + flattened.count[$1] }, pyFAI = edges.reduce(0) { $0 + rows[$1].count }
            #expect(abs(saxsd - pyFAI) <= 1e-6 * pyFAI)
            #expect(agreement.maxEdgeIntensity <= 0.02 && agreement.maxEdgeSigma <= 0.35)
        } else {
            #expect(agreement.maxEdgeIntensity <= 0.15 && agreement.maxEdgeSigma <= 1)
        }
    }
}
