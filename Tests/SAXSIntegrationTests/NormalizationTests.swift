import SAXSFrames
import Testing
@testable import SAXSIntegration

/// Division towards absolute scale: by a constant, and by header values of each frame.
@Suite struct NormalizationTests {
    static let settings = IntegrationSettings(npt: 50, split: .bbox)

    static func integrator(_ normalization: Normalization) throws -> RadialIntegrator {
        var settings = Self.settings
        settings.normalization = normalization
        return try Synthetic.integrator(settings)
    }

    static func frame(_ header: [(key: String, value: FrameHeader.Value)]) -> Frame {
        Frame(shape: Synthetic.shape, pixels: Synthetic.frame(Synthetic.counts).pixels, header: FrameHeader(header))
    }

    static func expect(_ profile: Profile, isDividedBy divisor: Double, from plain: Profile) {
        #expect(profile.count == plain.count && profile.radial == plain.radial)
        for bin in plain.nonEmptyBins {
            #expect(relative(profile.intensity[bin] * divisor, plain.intensity[bin]) <= 1e-14)
            #expect(relative(profile.sigma[bin] * divisor, plain.sigma[bin]) <= 1e-14)
        }
    }

    @Test func aConstantFactorDividesIntensityAndSigma() throws {
        let plain = try Self.integrator(Normalization()).integrate(Self.frame([]))
        let scaled = try Self.integrator(Normalization(factor: 2.5)).integrate(Self.frame([]))
        Self.expect(scaled, isDividedBy: 2.5, from: plain)
    }

    /// Header values divide too, looked up whatever their case, numbers written as text included.
    @Test func headerValuesDivideWithTheFactor() throws {
        let plain = try Self.integrator(Normalization()).integrate(Self.frame([]))
        let integrator = try Self.integrator(Normalization(factor: 0.5, headerKeys: ["monitor", "EXPTIME"]))
        let header: [(key: String, value: FrameHeader.Value)] = [("Monitor", .integer(200_000)), ("ExpTime", .string(" 2.5 ")),
                                                                  ("TEMP", .real(-3))]
        Self.expect(try integrator.integrate(Self.frame(header)), isDividedBy: 0.5 * 200_000 * 2.5, from: plain)
        // Cakes share the normalization.
        var settings = Self.settings
        settings.normalization = Normalization(headerKeys: ["Monitor"])
        let cake = try CakeIntegrator(geometry: Synthetic.geometry, shape: Synthetic.shape, mask: Synthetic.mask,
                                      settings: settings, azimuthBins: 8)
        let plainCake = try CakeIntegrator(geometry: Synthetic.geometry, shape: Synthetic.shape, mask: Synthetic.mask,
                                           settings: Self.settings, azimuthBins: 8).integrate(Self.frame([]))
        let scaledCake = try cake.integrate(Self.frame(header))
        for bin in plainCake.intensity.indices where plainCake.count[bin] > 0 {
            #expect(relative(scaledCake.intensity[bin] * 200_000, plainCake.intensity[bin]) <= 1e-14)
        }
    }

    /// A frame without a usable value for a normalization key is refused with missing_metadata, and the
    /// integrator goes on with the next frame.
    @Test(arguments: [nil, FrameHeader.Value.integer(0), .real(-2), .real(.nan), .real(.infinity), .string("n/a"),
                      .logical(true)])
    func missingOrNonPositiveHeaderValuesAreMissingMetadata(value: FrameHeader.Value?) throws {
        let integrator = try Self.integrator(Normalization(headerKeys: ["EXPTIME", "I0"]))
        var header: [(key: String, value: FrameHeader.Value)] = [("EXPTIME", .real(1))]
        if let value { header.append(("I0", value)) }
        do {
            _ = try integrator.integrate(Self.frame(header))
            Issue.record("I0 = \(String(describing: value)) was accepted")
        } catch {
            #expect(error.kind == .missingMetadata)
            #expect(error.message.contains("I0"))
            #expect(IntegrationError.Kind.missingMetadata.rawValue == "missing_metadata")
        }
        let good = try integrator.integrate(Self.frame([("EXPTIME", .real(1)), ("I0", .real(4))]))
        #expect(good.nonEmptyBins.count > 40)
    }

    @Test(arguments: [0.0, -1, .nan, .infinity])
    func nonPositiveFactorsAreRefused(factor: Double) throws {
        do {
            _ = try Self.integrator(Normalization(factor: factor))
            Issue.record("factor \(factor) was accepted")
        } catch let error as IntegrationError {
            #expect(error.kind == .invalidSettings)
        }
    }
}
