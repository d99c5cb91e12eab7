import SAXSFrames
import Testing
@testable import SAXSIntegration

/// saxsd against pyFAI on a detector in no shared file: non-square pixels, three rotations, NaN and dummy
/// pixels, every unit, both error models. The reference comes from `scripts/pyfai_crosscheck.py`.
@Suite struct PyFAICrosscheckTests {
    /// The script's frame and mask, rebuilt with the same integer arithmetic so that the values agree bit for bit.
    static let inputs: (frame: Frame, mask: DetectorMask) = {
        let shape = PyFAICrosscheckReference.shape
        var pixels = [Double](repeating: 0, count: shape.pixelCount)
        var isMasked = [Bool](repeating: false, count: shape.pixelCount)
        for row in 0..<shape.rows {
            for column in 0..<shape.columns {
                let index = row * shape.columns + column
                let distance2 = (row - 40) * (row - 40) + (column - 70) * (column - 70)
                var value = 5000.0 / (1.0 + Double(distance2) / 400.0) + Double((index * 7919) % 101)
                if index % 211 == 3 { value = .nan }
                if index % 211 == 5 { value = -2 }
                pixels[index] = value
                isMasked[index] = distance2 < 36 || column == 100 || row == 75
            }
        }
        return (Frame(shape: shape, pixels: pixels), DetectorMask(shape: shape, isMasked: isMasked))
    }()

    @Test(arguments: PyFAICrosscheckReference.cases)
    func matchesPyFAI(reference: PyFAICrosscheckReference.Case) throws {
        let geometry = try Geometry(poniText: PyFAICrosscheckReference.poni, path: "crosscheck.poni")
        let unit = try #require(RadialUnit(rawValue: reference.unit))
        let settings = IntegrationSettings(npt: reference.npt, unit: unit, split: reference.split,
                                           solidAngle: reference.solidAngle, polarization: reference.polarization,
                                           errorModel: reference.errorModel, dummy: reference.dummy,
                                           deltaDummy: reference.deltaDummy)
        let integrator = try RadialIntegrator(geometry: geometry, shape: Self.inputs.frame.shape, mask: Self.inputs.mask,
                                              settings: settings)
        let profile = try integrator.integrate(Self.inputs.frame)
        let rows = reference.profile.split(whereSeparator: \.isNewline).map { line in
            let columns = line.split(separator: " ").compactMap { Double($0) }
            return (radial: columns[0], intensity: columns[1], sigma: columns[2])
        }
        let agreement = Agreement(profile, reference: rows)
        print("\(reference.name) vs pyFAI: \(agreement)")
        #expect(agreement.emptyMismatches.isEmpty)
        #expect(agreement.filledBins > reference.npt / 2)
        #expect(agreement.maxPosition <= 1e-9)
        #expect(agreement.maxIntensity <= 1e-5 && agreement.medianIntensity <= 1e-6)
        #expect(agreement.maxSigma <= 1e-5 && agreement.medianSigma <= 1e-6)
    }
}
