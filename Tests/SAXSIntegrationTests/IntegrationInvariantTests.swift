import Foundation
import SAXSFrames
import Testing
@testable import SAXSIntegration

@Suite struct IntegrationInvariantTests {
    static let splits: [PixelSplitting] = [.no, .bbox, .full]

    @Test(arguments: splits, RadialUnit.allCases)
    func flatFrameWithoutCorrectionsGivesAFlatProfile(split: PixelSplitting, unit: RadialUnit) throws {
        let settings = IntegrationSettings(npt: 60, unit: unit, split: split, solidAngle: false, polarization: nil)
        let profile = try Synthetic.integrator(settings).integrate(Synthetic.frame { _ in 7 })
        #expect(profile.nonEmptyBins.count > 40)
        for bin in profile.nonEmptyBins {
            #expect(abs(profile.intensity[bin] - 7) <= 1e-12)
        }
        // Weights are stored in single precision, so a pixel's shares add up to 1 within ~1e-7.
        let pixels = Double(Synthetic.mask.isMasked.filter { !$0 }.count)
        #expect(abs(profile.count.reduce(0, +) - pixels) <= 1e-9 * pixels)
    }

    /// Pixel values that are a known function of the radial coordinate, times the corrections, integrate to that
    /// function: without splitting each bin averages values from inside its edges; with bbox splitting a pixel
    /// reaches at most its half-width beyond them.
    @Test(arguments: splits, RadialUnit.allCases)
    func knownFunctionOfTheRadialCoordinateIsRecovered(split: PixelSplitting, unit: RadialUnit) throws {
        let settings = IntegrationSettings(npt: 40, unit: unit, split: split, solidAngle: true, polarization: 0.95)
        let integrator = try Synthetic.integrator(settings)
        let radial = try Synthetic.geometry.radialMap(shape: Synthetic.shape, unit: unit)
        let norm = zip(try Synthetic.geometry.solidAngleMap(shape: Synthetic.shape),
                       try Synthetic.geometry.polarizationMap(shape: Synthetic.shape, factor: 0.95)).map(*)
        let top = radial.max()!
        let model = { (x: Double) in 1000 * exp(-3 * x / top) + 20 }
        let profile = try integrator.integrate(Synthetic.frame { model(radial[$0]) * norm[$0] })

        let width = integrator.radialPositions[1] - integrator.radialPositions[0]
        let reach = split == .no ? 0.5 * width : 2.5 * width
        for bin in profile.nonEmptyBins {
            let centre = profile.radial[bin]
            let high = model(centre - reach), low = model(centre + reach)
            #expect(profile.intensity[bin] <= high * (1 + 1e-12) && profile.intensity[bin] >= low * (1 - 1e-12),
                    "bin \(bin) at \(centre): \(profile.intensity[bin]) outside \(low)...\(high)")
        }
    }

    @Test(arguments: splits)
    func unitsOfOneSpaceShareTheirBins(split: PixelSplitting) throws {
        let frame = Synthetic.frame(Synthetic.counts)
        let nm = try Synthetic.integrator(IntegrationSettings(npt: 50, unit: .qNm, split: split)).integrate(frame)
        let angstrom = try Synthetic.integrator(IntegrationSettings(npt: 50, unit: .qA, split: split)).integrate(frame)
        #expect(nm.intensity == angstrom.intensity && nm.sigma == angstrom.sigma)
        for bin in 0..<50 {
            #expect(abs(angstrom.radial[bin] * 10 - nm.radial[bin]) <= 1e-12 * nm.radial[bin])
        }
    }

    /// Without splitting, the q range is the image of the 2θ range: q is monotonic in 2θ.
    @Test func twoThetaAndQBinsSpanTheSamePixels() throws {
        let q = try Synthetic.integrator(IntegrationSettings(npt: 50, unit: .qNm, split: .no))
        let angle = try Synthetic.integrator(IntegrationSettings(npt: 50, unit: .twoThetaDeg, split: .no))
        let qWidth = q.radialPositions[1] - q.radialPositions[0]
        let angleWidth = angle.radialPositions[1] - angle.radialPositions[0]
        let lowestAngle = (angle.radialPositions[0] - angleWidth / 2) * Double.pi / 180
        let lowestQ = 4 * Double.pi / 0.1 * sin(lowestAngle / 2)
        #expect(abs(lowestQ - (q.radialPositions[0] - qWidth / 2)) <= 1e-12)
    }

    /// NaN, infinite and dummy pixels drop out of the frame they are in. Without splitting the bins do not depend
    /// on the mask, so the profile equals that of a static mask over the same pixels; with splitting the static
    /// mask also moves the bin range, so only the totals are compared.
    @Test(arguments: [PixelSplitting.no, .bbox, .full])
    func invalidAndDummyPixelsCountAsMasked(split: PixelSplitting) throws {
        let settings = IntegrationSettings(npt: 50, split: split, dummy: -1, deltaDummy: 0.5)
        let holes = Set(stride(from: 5, to: Synthetic.shape.pixelCount, by: 97))
        var masked = Synthetic.mask.isMasked
        for pixel in holes { masked[pixel] = true }
        let reference = try Synthetic.integrator(settings, mask: DetectorMask(shape: Synthetic.shape, isMasked: masked))
        let expected = try reference.integrate(Synthetic.frame(Synthetic.counts))
        let frame = Synthetic.frame { pixel in
            guard holes.contains(pixel) else { return Synthetic.counts(pixel) }
            return [Double.nan, -1, -1.3, .infinity][pixel % 4]
        }
        let profile = try Synthetic.integrator(settings).integrate(frame)
        if split == .no {
            for bin in 0..<50 {
                #expect(abs(profile.intensity[bin] - expected.intensity[bin]) <= 1e-12 * expected.intensity[bin])
                #expect(abs(profile.sigma[bin] - expected.sigma[bin]) <= 1e-12 * expected.sigma[bin])
                #expect(abs(profile.count[bin] - expected.count[bin]) <= 1e-12)
            }
        }
        #expect(profile.intensity.allSatisfy(\.isFinite) && profile.sigma.allSatisfy(\.isFinite))
        #expect(abs(profile.count.reduce(0, +) - expected.count.reduce(0, +)) <= 1e-8)
    }

    /// With unit weights pyFAI's incremental azimuthal variance is the plain sum of squared deviations.
    @Test(arguments: splits)
    func azimuthalErrorIsTheSpreadWithinTheBin(split: PixelSplitting) throws {
        let settings = IntegrationSettings(npt: 30, split: split, solidAngle: false, polarization: nil, errorModel: .azimuthal)
        let integrator = try Synthetic.integrator(settings)
        let frame = Synthetic.frame(Synthetic.counts)
        let profile = try integrator.integrate(frame)
        let matrix = integrator.engine.matrix
        var members = [[(pixel: Int, c: Double)]](repeating: [], count: matrix.binCount)
        for pixel in 0..<matrix.pixelCount {
            matrix.forEachBin(of: pixel) { bin, c in if c > 0 { members[bin].append((pixel, c)) } }
        }
        for bin in profile.nonEmptyBins {
            let elements = members[bin]
            let weight = elements.reduce(0) { $0 + $1.c }
            let mean = elements.reduce(0) { $0 + $1.c * frame.pixels[$1.pixel] } / weight
            #expect(abs(profile.intensity[bin] - mean) <= 1e-9 * mean)
            guard split == .no else { continue }
            let spread = elements.reduce(0) { $0 + pow(frame.pixels[$1.pixel] - mean, 2) }
            #expect(abs(profile.sigma[bin] - spread.squareRoot() / weight) <= 1e-9 * profile.sigma[bin])
        }
        let flat = try integrator.integrate(Synthetic.frame { _ in 42 })
        #expect(flat.sigma.allSatisfy { $0 <= 1e-12 * 42 })
    }

    @Test func poissonSigmaIsTheCountingError() throws {
        let settings = IntegrationSettings(npt: 30, split: .no, solidAngle: false, polarization: nil)
        let profile = try Synthetic.integrator(settings).integrate(Synthetic.frame { _ in 100 })
        for bin in profile.nonEmptyBins {
            #expect(abs(profile.sigma[bin] - (100 / profile.count[bin]).squareRoot()) <= 1e-12)
        }
        // Counts below one are given the variance of one count, as pyFAI does.
        let dark = try Synthetic.integrator(settings).integrate(Synthetic.frame { _ in 0 })
        for bin in dark.nonEmptyBins {
            #expect(abs(dark.sigma[bin] - (1 / dark.count[bin]).squareRoot()) <= 1e-12)
        }
    }

    @Test func workerThreadsCanShareOneIntegrator() async throws {
        let integrator = try Synthetic.integrator(IntegrationSettings(npt: 80, split: .bbox))
        let frame = Synthetic.frame(Synthetic.counts)
        let expected = try integrator.integrate(frame)
        let profiles = try await withThrowingTaskGroup(of: Profile.self) { group in
            for _ in 0..<4 { group.addTask { try integrator.integrate(frame) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(profiles.count == 4 && profiles.allSatisfy { $0 == expected })
    }

    @Test func profileKeepsEmptyBinsAndFiltersOnRequest() throws {
        let integrator = try Synthetic.integrator(IntegrationSettings(npt: 2000, split: .no))
        let profile = try integrator.integrate(Synthetic.frame(Synthetic.counts))
        #expect(profile.binCount == 2000)
        let empty = profile.count.indices.filter { profile.count[$0] == 0 }
        #expect(!empty.isEmpty)
        #expect(empty.allSatisfy { profile.intensity[$0] == 0 && profile.sigma[$0] == 0 })
        let filled = profile.nonEmpty()
        #expect(filled.binCount == 2000 - empty.count)
        #expect(filled.count.allSatisfy { $0 > 0 })
        let range = try #require(profile.radialRange)
        #expect(range.lowerBound == filled.radial.first && range.upperBound == filled.radial.last)
    }
}
