import Foundation
import SAXSFrames
import Testing
@testable import SAXSIntegration

/// Log-spaced radial bins, which pyFAI does not have: checked against their definition (equal ratios between
/// edges) and against frames whose profile is known.
@Suite struct LogBinningTests {
    static func settings(_ split: PixelSplitting, unit: RadialUnit = .qNm, range: ClosedRange<Double>? = nil,
                         corrected: Bool = false) -> IntegrationSettings {
        IntegrationSettings(npt: 40, unit: unit, split: split, solidAngle: corrected, polarization: corrected ? 0.95 : nil,
                            radialRange: range, spacing: .log)
    }

    @Test(arguments: [PixelSplitting.no, .bbox], [RadialUnit.qNm, .twoThetaDeg])
    func edgesAreGeometricAndCentresTheirGeometricMeans(split: PixelSplitting, unit: RadialUnit) throws {
        let integrator = try Synthetic.integrator(Self.settings(split, unit: unit))
        let axis = integrator.engine.radial
        #expect(axis.spacing == .log && axis.count == 40)
        let ratio = axis.edge(1) / axis.edge(0)
        #expect(ratio > 1)
        for bin in 0..<40 {
            #expect(relative(axis.edge(bin + 1) / axis.edge(bin), ratio) <= 1e-12)
            let centre = (axis.edge(bin) * axis.edge(bin + 1)).squareRoot() * unit.scale
            #expect(relative(integrator.radialPositions[bin], centre) <= 1e-12)
        }
        // Without a range the bins start at the lowest positive pixel centre (masked pixels included without
        // splitting, as pyFAI spans linear bins) and end one single-precision step beyond the highest reach.
        let centres = try Synthetic.geometry.radialMap(shape: Synthetic.shape, unit: unit).map { $0 / unit.scale }
        let valid = centres.indices.filter { split == .no || !Synthetic.mask.isMasked[$0] }
        #expect(relative(axis.edge(0), valid.map { centres[$0] }.filter { $0 > 0 }.min()!) <= 1e-12)
        if split == .no {
            #expect(relative(axis.edge(40), centres.max()! * (1 + 0x1p-23)) <= 1e-12)
        }
    }

    @Test func aRangeFixesTheOuterEdges() throws {
        let integrator = try Synthetic.integrator(Self.settings(.bbox, range: 0.05...1.5))
        let axis = integrator.engine.radial
        #expect(axis.edge(0) == 0.05)
        #expect(relative(axis.edge(40), 1.5 * (1 + 0x1p-23)) <= 1e-15)
        let ratio = pow(1.5 * (1 + 0x1p-23) / 0.05, 1.0 / 40)
        #expect(relative(integrator.radialPositions[1] / integrator.radialPositions[0], ratio) <= 1e-12)
    }

    @Test(arguments: [PixelSplitting.no, .bbox])
    func flatFrameGivesAFlatProfile(split: PixelSplitting) throws {
        let profile = try Synthetic.integrator(Self.settings(split)).integrate(Synthetic.frame { _ in 7 })
        #expect(profile.nonEmptyBins.count > 30)
        #expect(profile.nonEmptyBins.allSatisfy { abs(profile.intensity[$0] - 7) <= 1e-12 })
        // The bins start at the lowest pixel (or its centre, with bounding boxes): every valid pixel is in.
        let pixels = Double(Synthetic.mask.isMasked.filter { !$0 }.count)
        #expect(abs(profile.count.reduce(0, +) - pixels) <= 1e-6 * pixels)
    }

    /// A decreasing function of q, times the corrections, comes back within what each bin reaches: its own
    /// edges without splitting, and the edges widened by the largest pixel half-width with bounding boxes.
    @Test(arguments: [PixelSplitting.no, .bbox])
    func knownFunctionOfQIsRecoveredWithinTheBinsReach(split: PixelSplitting) throws {
        let settings = Self.settings(split, corrected: true)
        let integrator = try Synthetic.integrator(settings)
        let q = try Synthetic.geometry.radialMap(shape: Synthetic.shape, unit: .qNm)
        let norm = zip(try Synthetic.geometry.solidAngleMap(shape: Synthetic.shape),
                       try Synthetic.geometry.polarizationMap(shape: Synthetic.shape, factor: 0.95)).map(*)
        // A power law with a Guinier knee: the shape log bins are for.
        let model = { (x: Double) in 1e4 / (1 + pow(x / 0.2, 3)) + 5 }
        let profile = try integrator.integrate(Synthetic.frame { model(q[$0]) * norm[$0] })
        let table = PixelTable(geometry: Synthetic.geometry, shape: Synthetic.shape, mask: Synthetic.mask,
                               settings: settings, corrections: PixelCorrections(), azimuthal: false)
        let reach = split == .no ? 0 : table.radialHalfWidth.max()!
        let axis = integrator.engine.radial
        #expect(profile.nonEmptyBins.count > 30)
        for bin in profile.nonEmptyBins {
            let high = model(max(axis.edge(bin) - reach, 0)), low = model(axis.edge(bin + 1) + reach)
            #expect(profile.intensity[bin] <= high * (1 + 1e-12) && profile.intensity[bin] >= low * (1 - 1e-12),
                    "bin \(bin): \(profile.intensity[bin]) outside \(low)...\(high)")
        }
    }

    @Test func logBinsNeedAPositiveStartAndNoFullSplitting() throws {
        for (settings, kind) in [(Self.settings(.bbox, range: 0...1), IntegrationError.Kind.invalidSettings),
                                 (Self.settings(.full), .unsupported)] {
            do {
                _ = try Synthetic.integrator(settings)
                Issue.record("\(settings.split) log bins over \(String(describing: settings.radialRange)) were accepted")
            } catch let error as IntegrationError {
                #expect(error.kind == kind)
            }
        }
    }
}
