import Foundation
import Testing
import SAXSFrames
import SAXSIntegration
import SAXSPhysics

/// Frames simulated from the phase curves: the azimuthal average gives back the curve, and a fibre's frame has the
/// Hermans parameter it was made with, as saxsd's own orientation analysis measures it.
@Suite struct FrameSimulationTests {
    /// A small square detector 0.5 m from the sample at 1 Å, beam in the middle: q up to about 2.4 nm⁻¹.
    static let geometry: Geometry = {
        let text = """
            poni_version: 2.1
            Detector: Detector
            Detector_config: {"pixel1": 0.0005, "pixel2": 0.0005, "max_shape": [201, 201]}
            Distance: 0.5
            Poni1: 0.05025
            Poni2: 0.05025
            Rot1: 0
            Rot2: 0
            Rot3: 0
            Wavelength: 1e-10
            """
        return try! Geometry(poniText: text)
    }()
    static let shape = FrameShape(rows: 201, columns: 201)

    @Test(arguments: [-0.3, 0.0, 0.2, 0.5, 0.8])
    func theOrientationHasTheHermansParameterItWasBuiltFor(_ hermans: Double) {
        let orientation = FibreOrientation(hermans: hermans, axis: 30)
        #expect(abs(FibreOrientation.hermans(concentration: orientation.concentration) - hermans) < 1e-9)
        // g averages to 1 over the ring, so the azimuthal average of a frame is the curve.
        let mean = (0..<3600).map { orientation.weight(chi: Double($0) / 10) }.reduce(0, +) / 3600
        #expect(abs(mean - 1) < 1e-6)
    }

    @Test(arguments: [0.6, -0.25])
    func aFibreFrameMeasuresItsHermansParameter(_ hermans: Double) throws {
        let detector = try DetectorSimulator(geometry: Self.geometry, shape: Self.shape, polarization: 0, beamstopQ: nil)
        let orientation = FibreOrientation(hermans: hermans, axis: 20)
        // Many counts, a flat curve: the measured ⟨P2⟩ is then limited by the 72 azimuthal bins, not by noise.
        let frame = detector.frame(orientation: orientation, exposure: 1, seed: 5) { _ in 5_000 }
        let settings = IntegrationSettings(npt: 1, split: .bbox, solidAngle: true, polarization: nil)
        let profile = try AzimuthalIntegrator(geometry: Self.geometry, shape: Self.shape, mask: nil, settings: settings,
                                              band: 0.5...2.0, azimuthBins: 72).integrate(frame)
        let measured = try #require(profile.orientation(reference: 20))
        #expect(abs(measured.p2 - hermans) < 0.02, "measured \(measured.p2), built \(hermans)")
    }

    @Test func aPhaseFramesAverageIsItsCurveAndItsCountsAreTheTotalAsked() throws {
        let detector = try DetectorSimulator(geometry: Self.geometry, shape: Self.shape, polarization: 0.99, beamstopQ: 0.3)
        let source = PhaseFrames(detector: detector, totalCounts: 5e7)
        let shot = source.shot(.disordered, seed: 11, index: 0)
        let counted = zip(shot.frame.pixels, detector.maskedPixels).filter { !$1 }.map(\.0).reduce(0, +)
        // Poisson: the total is within a few √N of what was asked.
        #expect(abs(counted - 5e7) < 5 * 5e7.squareRoot())
        #expect(detector.maskedPixels.contains(true), "the beamstop shadows pixels")
        #expect(shot.frame.header.entries.contains { $0.key == "PHASE" })

        // The integrated frame follows the phase model's curve up to one scale factor (a smooth phase: bins
        // average a Bragg peak over their width, the model gives its centre).
        let settings = IntegrationSettings(npt: 200, unit: .qNm, split: .bbox, solidAngle: true, polarization: 0.99)
        let mask = DetectorMask(shape: Self.shape, isMasked: detector.maskedPixels)
        let profile = try RadialIntegrator(geometry: Self.geometry, shape: Self.shape, mask: mask, settings: settings)
            .integrate(shot.frame)
        let model = try #require(PhaseModel(.disordered)).model
        let values = shot.parameters.map(\.value)
        let bins = profile.nonEmptyBins.filter { profile.radial[$0] > 0.4 && profile.radial[$0] < 2.0 }
        let expected = model.intensity(q: bins.map { profile.radial[$0] / 10 }, values: values)
        let ratios = zip(bins, expected).map { profile.intensity[$0] / $1 }
        let median = ratios.sorted()[ratios.count / 2]
        let within = zip(bins, ratios).filter { abs($1 / median - 1) < 5 * profile.sigma[$0] / profile.intensity[$0] + 0.05 }
        #expect(within.count >= bins.count * 9 / 10, "\(within.count) of \(bins.count) bins follow the model")
    }
}
