import SAXSFrames
import Testing
@testable import SAXSIntegration

/// Dark current, flat field and the polarization plane's orientation, on frames built so that the corrected
/// profile is known.
@Suite struct CorrectionsTests {
    /// A dark of 3 ... 19 counts and a flat field of 0.7 ... 1.3, without a pattern along the rings.
    static let dark = (0..<Synthetic.shape.pixelCount).map { Double(3 + ($0 * 37) % 17) }
    static let flat = (0..<Synthetic.shape.pixelCount).map { 0.7 + Double(($0 * 53) % 61) / 100 }

    static func settings(_ split: PixelSplitting, corrected: Bool = false) -> IntegrationSettings {
        IntegrationSettings(npt: 40, split: split, solidAngle: corrected, polarization: corrected ? 0.9 : nil)
    }

    static func integrator(_ settings: IntegrationSettings, dark: [Double]? = CorrectionsTests.dark,
                           flat: [Double]? = CorrectionsTests.flat,
                           mask: DetectorMask = Synthetic.mask) throws -> RadialIntegrator {
        try RadialIntegrator(geometry: Synthetic.geometry, shape: Synthetic.shape, mask: mask, settings: settings,
                             corrections: PixelCorrections(dark: dark, flat: flat))
    }

    /// frame = dark + flat × (solid angle × polarization) × K integrates to K in every bin: the dark is taken
    /// away and the flat divides, as pyFAI's preprocessing does.
    @Test(arguments: [PixelSplitting.no, .bbox, .full], [false, true])
    func darkPlusFlatTimesAConstantGivesTheConstant(split: PixelSplitting, corrected: Bool) throws {
        let norm = corrected
            ? zip(try Synthetic.geometry.solidAngleMap(shape: Synthetic.shape),
                  try Synthetic.geometry.polarizationMap(shape: Synthetic.shape, factor: 0.9)).map(*)
            : [Double](repeating: 1, count: Synthetic.shape.pixelCount)
        let frame = Synthetic.frame { Self.dark[$0] + Self.flat[$0] * norm[$0] * 250 }
        let profile = try Self.integrator(Self.settings(split, corrected: corrected)).integrate(frame)
        #expect(profile.nonEmptyBins.count > 30)
        for bin in profile.nonEmptyBins {
            #expect(abs(profile.intensity[bin] - 250) <= 1e-9 * 250)
        }
    }

    /// Poisson statistics on the raw counts, as pyFAI 2026.9: variance max(raw, 1) per pixel, over Σ flat; the
    /// dark changes the signal, not its variance.
    @Test func poissonSigmaIsThatOfTheRawCounts() throws {
        let integrator = try Self.integrator(Self.settings(.no))
        let frame = Synthetic.frame { Double($0 % 5 == 0 ? 0 : 40 + $0 % 300) }
        let profile = try integrator.integrate(frame)
        let matrix = integrator.engine.matrix
        var variance = [Double](repeating: 0, count: matrix.binCount)
        var norm = [Double](repeating: 0, count: matrix.binCount)
        for pixel in 0..<matrix.pixelCount {
            matrix.forEachBin(of: pixel) { bin, c in
                guard c > 0 else { return }
                variance[bin] += c * c * max(frame.pixels[pixel], 1)
                norm[bin] += c * Self.flat[pixel]
            }
        }
        #expect(profile.nonEmptyBins.count > 30)
        for bin in profile.nonEmptyBins {
            #expect(relative(profile.sigma[bin], variance[bin].squareRoot() / norm[bin]) <= 1e-12)
        }
        let withoutDark = try Self.integrator(Self.settings(.no), dark: nil).integrate(frame)
        #expect(profile.nonEmptyBins.allSatisfy { profile.sigma[$0] == withoutDark.sigma[$0] })
    }

    /// A dark or flat value that is NaN or infinite, or a flat value at or below 0, takes its pixel out, as a
    /// mask would: the values are those of the masked integration. (With splitting the bins follow the static
    /// mask alone, as pyFAI's; no hole here lies at the ends of the span, so the bins agree too.)
    @Test(arguments: [PixelSplitting.no, .bbox, .full])
    func nonFiniteDarkAndDeadFlatPixelsAreLeftOut(split: PixelSplitting) throws {
        var dark = Self.dark, flat = Self.flat
        var masked = Synthetic.mask.isMasked
        let holes = stride(from: 11, to: Synthetic.shape.pixelCount, by: 89)
        for (k, pixel) in holes.enumerated() {
            switch k % 5 {
            case 0: dark[pixel] = .nan
            case 1: dark[pixel] = -.infinity
            case 2: flat[pixel] = .nan
            case 3: flat[pixel] = 0
            default: flat[pixel] = -0.5
            }
            masked[pixel] = true
        }
        let frame = Synthetic.frame { 100 + Synthetic.counts($0) }
        let settings = Self.settings(split, corrected: true)
        let profile = try Self.integrator(settings, dark: dark, flat: flat).integrate(frame)
        let expected = try Self.integrator(settings, mask: DetectorMask(shape: Synthetic.shape, isMasked: masked))
            .integrate(frame)
        #expect(profile.radial == expected.radial)
        #expect(profile.intensity.allSatisfy(\.isFinite) && profile.sigma.allSatisfy(\.isFinite))
        for bin in 0..<40 {
            #expect(relative(profile.intensity[bin], expected.intensity[bin]) <= 1e-12)
            #expect(relative(profile.sigma[bin], expected.sigma[bin]) <= 1e-12)
            #expect(profile.count[bin] == expected.count[bin])
        }
    }

    @Test func correctionsOfAnotherShapeAreRefused() throws {
        for corrections in [PixelCorrections(dark: [1, 2, 3]), PixelCorrections(flat: [Double](repeating: 1, count: 7))] {
            do {
                _ = try RadialIntegrator(geometry: Synthetic.geometry, shape: Synthetic.shape, settings: Self.settings(.no),
                                         corrections: corrections)
                Issue.record("corrections of the wrong size were accepted")
            } catch {
                #expect(error.kind == .corrections)
            }
        }
    }

    /// pyFAI's polarization term is P·cos 2(χ + offset): turning the plane by 90° flips its sign, so offset
    /// 90° with factor P is offset 0 with factor −P; the term has period 180° in the offset.
    @Test(arguments: [PixelSplitting.no, .bbox])
    func polarizationAxisOffsetOf90DegreesFlipsTheFactor(split: PixelSplitting) throws {
        func profile(_ factor: Double, _ offset: Double) throws -> Profile {
            let settings = IntegrationSettings(npt: 40, split: split, solidAngle: true, polarization: factor,
                                               polarizationAxisOffset: offset)
            return try Synthetic.integrator(settings).integrate(Synthetic.frame(Synthetic.counts))
        }
        let turned = try profile(0.8, 90)
        let flipped = try profile(-0.8, 0)
        let plain = try profile(0.8, 0)
        #expect(turned.nonEmptyBins.count > 30)
        for bin in turned.nonEmptyBins {
            #expect(relative(turned.intensity[bin], flipped.intensity[bin]) <= 1e-12)
            #expect(relative(turned.sigma[bin], flipped.sigma[bin]) <= 1e-12)
        }
        let halfTurn = try profile(0.8, 180)
        #expect(turned.nonEmptyBins.allSatisfy { relative(halfTurn.intensity[$0], plain.intensity[$0]) <= 1e-12 })
        // The offset matters: the plain and turned profiles differ somewhere.
        #expect(turned.nonEmptyBins.contains { relative(turned.intensity[$0], plain.intensity[$0]) > 1e-6 })
    }

    @Test func nonFiniteAxisOffsetsAreRefused() throws {
        let settings = IntegrationSettings(npt: 40, polarization: 0.9, polarizationAxisOffset: .nan)
        do {
            _ = try Synthetic.integrator(settings)
            Issue.record("a NaN axis offset was accepted")
        } catch let error as IntegrationError {
            #expect(error.kind == .invalidSettings)
        }
    }
}
