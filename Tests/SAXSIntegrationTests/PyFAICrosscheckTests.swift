import SAXSFrames
import Testing
@testable import SAXSIntegration

/// saxsd against pyFAI on a detector in no shared file: non-square pixels, three rotations, NaN and dummy
/// pixels, every unit, both error models, radial ranges, sectors of chi (one astride chi = ±180°), a turned
/// polarization plane, dark and flat fields with dead pixels, normalization factors. The reference comes from
/// `scripts/pyfai_crosscheck.py`.
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

    /// The script's mask without the beamstop: only the gaps.
    static let maskWithoutBeamstop: DetectorMask = {
        let shape = PyFAICrosscheckReference.shape
        let isMasked = (0..<shape.pixelCount).map { index in
            index % shape.columns == 100 || index / shape.columns == 75
        }
        return DetectorMask(shape: shape, isMasked: isMasked)
    }()

    /// The script's dark (2 ... 14 counts, NaN holes) and flat field (0.75 ... 1.25, NaN and zero pixels).
    static let corrections: (dark: [Double], flat: [Double]) = {
        let count = PyFAICrosscheckReference.shape.pixelCount
        var dark = [Double](repeating: 0, count: count)
        var flat = [Double](repeating: 0, count: count)
        for index in 0..<count {
            dark[index] = index % 263 == 17 ? .nan : 2 + Double((index * 31) % 13)
            flat[index] = 0.75 + Double((index * 17) % 51) / 100
            if index % 281 == 19 { flat[index] = .nan }
            if index % 281 == 29 { flat[index] = 0 }
        }
        return (dark, flat)
    }()

    /// The cases saxsd integrates (see `fullSplittingWithARadialRangeMatchesPyFAI` for the one it cannot).
    static let cases = PyFAICrosscheckReference.cases.filter { !($0.split == .full && $0.radialRange != nil) }

    @Test(arguments: cases)
    func matchesPyFAI(reference: PyFAICrosscheckReference.Case) throws {
        try check(reference)
    }

    /// Full splitting over a radial range that cuts through pixels: the part of a pixel beyond the range is
    /// cut off.
    @Test(arguments: PyFAICrosscheckReference.cases.filter { $0.split == .full && $0.radialRange != nil })
    func fullSplittingWithARadialRangeMatchesPyFAI(reference: PyFAICrosscheckReference.Case) throws {
        try check(reference)
    }

    func check(_ reference: PyFAICrosscheckReference.Case) throws {
        let geometry = try Geometry(poniText: PyFAICrosscheckReference.poni, path: "crosscheck.poni")
        let unit = try #require(RadialUnit(rawValue: reference.unit))
        let settings = IntegrationSettings(npt: reference.npt, unit: unit, split: reference.split,
                                           solidAngle: reference.solidAngle, polarization: reference.polarization,
                                           errorModel: reference.errorModel, dummy: reference.dummy,
                                           deltaDummy: reference.deltaDummy,
                                           polarizationAxisOffset: reference.polarizationAxisOffset,
                                           radialRange: reference.radialRange, azimuthRange: reference.azimuthRange,
                                           normalization: Normalization(factor: reference.normalization))
        let corrections = PixelCorrections(dark: reference.dark ? Self.corrections.dark : nil,
                                           flat: reference.flat ? Self.corrections.flat : nil)
        let integrator = try RadialIntegrator(geometry: geometry, shape: Self.inputs.frame.shape,
                                              mask: reference.beamstop ? Self.inputs.mask : Self.maskWithoutBeamstop,
                                              settings: settings, corrections: corrections)
        let profile = try integrator.integrate(Self.inputs.frame)
        let rows = reference.profile.split(whereSeparator: \.isNewline).map { line in
            let columns = line.split(separator: " ").compactMap { Double($0) }
            return (radial: columns[0], intensity: columns[1], sigma: columns[2])
        }
        // At the ends of a radial range (and at q = 0 when pixels around the beam reach below it) pyFAI clamps a
        // pixel's bin index but not its extent, and takes in the pixels less than one bin below the range (see
        // the script's edge_bins); saxsd leaves out what lies beyond the range and gives a pixel astride its edge
        // wholly to the bins inside. Those bins are compared apart: up to 2.3 % apart in I and 39 % in sigma
        // here.
        let agreement = Agreement(profile, reference: rows, edgeBins: Set(reference.edgeBins))
        print("\(reference.name) vs pyFAI: \(agreement)")
        #expect(agreement.emptyMismatches.isEmpty)
        // A sector covers part of the radial span: the pixels of the whole ring set the bins.
        #expect(agreement.filledBins > reference.npt / (reference.azimuthRange == nil ? 2 : 4))
        #expect(agreement.maxPosition <= 1e-9)
        #expect(agreement.maxIntensity <= 1e-5 && agreement.medianIntensity <= 1e-6)
        #expect(agreement.maxEdgeIntensity <= 0.05 && agreement.maxEdgeSigma <= 0.5)
        #expect(agreement.maxSigma <= 1e-5 && agreement.medianSigma <= 1e-6)
    }
}
