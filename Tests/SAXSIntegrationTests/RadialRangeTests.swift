import SAXSFrames
import Testing
@testable import SAXSIntegration

/// A radial range lays the bins over the range instead of over the pixels, and leaves out what lies beyond it.
@Suite struct RadialRangeTests {
    static func settings(_ split: PixelSplitting, unit: RadialUnit, range: ClosedRange<Double>) -> IntegrationSettings {
        IntegrationSettings(npt: 30, unit: unit, split: split, solidAngle: false, polarization: nil, radialRange: range)
    }

    static let ranges: [(RadialUnit, ClosedRange<Double>)] = [(.qNm, 0.25...0.95), (.twoThetaDeg, 0.2...0.7), (.rMm, 1...4)]

    /// Without splitting a bin holds the pixels whose centre lies in it, so the whole profile holds the valid
    /// pixels whose centre lies in the range: [low, high) with high widened by a single-precision step as pyFAI
    /// does.
    @Test(arguments: ranges.indices)
    func withoutSplittingTheProfileHoldsThePixelsCentredInTheRange(index: Int) throws {
        let (unit, range) = Self.ranges[index]
        let integrator = try Synthetic.integrator(Self.settings(.no, unit: unit, range: range))
        let profile = try integrator.integrate(Synthetic.frame(Synthetic.counts))
        let centres = try Synthetic.geometry.radialMap(shape: Synthetic.shape, unit: unit)
        let high = range.upperBound * (1 + 0x1p-23)
        let inside = centres.indices.filter { !Synthetic.mask.isMasked[$0] && centres[$0] >= range.lowerBound && centres[$0] < high }
        #expect(inside.count > 1000)
        #expect(profile.count.reduce(0, +) == Double(inside.count))
        // The same pixels, so the same mean.
        let mean = inside.reduce(0) { $0 + Synthetic.counts($1) } / Double(inside.count)
        let profileMean = zip(profile.intensity, profile.count).reduce(0) { $0 + $1.0 * $1.1 } / Double(inside.count)
        #expect(relative(profileMean, mean) <= 1e-12)
        // Bins cover the range in equal widths.
        let width = (high - range.lowerBound) / 30
        #expect(relative(integrator.radialPositions[0], range.lowerBound + width / 2) <= 1e-12)
        #expect(relative(integrator.radialPositions[29], high - width / 2) <= 1e-12)
    }

    /// With bounding boxes a pixel whose box reaches into the range goes wholly into the bins inside: the
    /// profile's total count is the number of valid pixels whose box overlaps the range.
    @Test(arguments: ranges.indices)
    func withBoundingBoxesEveryPixelReachingIntoTheRangeCountsWhole(index: Int) throws {
        let (unit, range) = Self.ranges[index]
        let settings = Self.settings(.bbox, unit: unit, range: range)
        let profile = try Synthetic.integrator(settings).integrate(Synthetic.frame(Synthetic.counts))
        let table = PixelTable(geometry: Synthetic.geometry, shape: Synthetic.shape, mask: Synthetic.mask,
                               settings: settings, corrections: PixelCorrections(), azimuthal: false)
        let low = range.lowerBound / unit.scale, high = range.upperBound / unit.scale * (1 + 0x1p-23)
        let reaching = table.radial.indices.filter { pixel in
            table.isValid[pixel] && table.radial[pixel] + table.radialHalfWidth[pixel] >= low
                && max(table.radial[pixel] - table.radialHalfWidth[pixel], 0) <= high
        }
        let centred = table.radial.indices.filter { table.isValid[$0] && table.radial[$0] >= low && table.radial[$0] < high }
        #expect(reaching.count > centred.count)
        // Single-precision weights: a pixel's shares add up to 1 within ~1e-7.
        let total = profile.count.reduce(0, +), expected = Double(reaching.count)
        #expect(abs(total - expected) <= 1e-6 * expected)
    }

    @Test func aRangeBeyondThePixelsGivesEmptyBinsNotAnError() throws {
        let integrator = try Synthetic.integrator(Self.settings(.bbox, unit: .qNm, range: 50...60))
        let profile = try integrator.integrate(Synthetic.frame(Synthetic.counts))
        #expect(profile.nonEmptyBins.isEmpty && profile.binCount == 30)
    }

    @Test func invalidRangesAreRefused() throws {
        for range in [-1.0...1, 1...1, 0...Double.infinity] {
            do {
                _ = try Synthetic.integrator(Self.settings(.no, unit: .qNm, range: range))
                Issue.record("radial range \(range) was accepted")
            } catch let error as IntegrationError {
                #expect(error.kind == .invalidSettings)
            }
        }
    }
}
