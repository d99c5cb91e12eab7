import SAXSFrames
import Testing
@testable import SAXSIntegration

/// Values a detector writes where it measured nothing drop out of their frame like NaN does.
@Suite struct InvalidPixelValueTests {
    /// Every 53rd pixel holds `marker`; the reference holds NaN there instead.
    static func frames(marker: (Int) -> Double) -> (marked: Frame, nan: Frame) {
        let holes = { (pixel: Int) in pixel % 53 == 7 }
        return (Synthetic.frame { holes($0) ? marker($0) : Synthetic.counts($0) },
                Synthetic.frame { holes($0) ? .nan : Synthetic.counts($0) })
    }

    static func profiles(_ invalid: InvalidPixelValues, split: PixelSplitting,
                         marker: @escaping (Int) -> Double) throws -> (marked: Profile, nan: Profile) {
        let integrator = try Synthetic.integrator(IntegrationSettings(npt: 50, split: split, invalid: invalid))
        let (marked, nan) = frames(marker: marker)
        return (try integrator.integrate(marked), try integrator.integrate(nan))
    }

    /// Pilatus detectors write -1 in module gaps and -2 for bad pixels: everything below 0 is invalid.
    @Test(arguments: [PixelSplitting.no, .bbox, .full])
    func pilatusNegativesAreLeftOutLikeNaN(split: PixelSplitting) throws {
        let invalid = InvalidPixelValues.forDetector("Pilatus 1M")
        #expect(invalid == InvalidPixelValues(below: 0))
        let (marked, nan) = try Self.profiles(invalid, split: split) { $0 % 2 == 0 ? -1 : -2 }
        #expect(marked == nan)
        #expect(marked.nonEmptyBins.count > 40)
        // Without the detector's rule the negatives are counts.
        let (counted, _) = try Self.profiles(InvalidPixelValues(), split: split) { $0 % 2 == 0 ? -1 : -2 }
        #expect(counted.count.reduce(0, +) > nan.count.reduce(0, +) + 100)
    }

    /// Eiger2 data files store 32-bit counts and mark pixels without a measurement with 0xFFFFFFFF.
    @Test(arguments: [PixelSplitting.no, .bbox])
    func eigerMaximaAreLeftOutLikeNaN(split: PixelSplitting) throws {
        let invalid = InvalidPixelValues.forDetector("Eiger2 CdTe 9M")
        #expect(invalid == InvalidPixelValues(atOrAbove: 4_294_967_295))
        let (marked, nan) = try Self.profiles(invalid, split: split) { _ in 4_294_967_295 }
        #expect(marked == nan)
        let (counted, _) = try Self.profiles(InvalidPixelValues(), split: split) { _ in 4_294_967_295 }
        #expect(counted.intensity.max()! > 1e6)
        // 16-bit Eiger frames need their own limit; a count just below it stays a count.
        let sixteen = InvalidPixelValues(atOrAbove: 65535)
        let (marked16, nan16) = try Self.profiles(sixteen, split: split) { _ in 65535 }
        #expect(marked16 == nan16)
        let (below16, _) = try Self.profiles(sixteen, split: split) { _ in 65534 }
        #expect(below16.count.reduce(0, +) > nan16.count.reduce(0, +) + 100)
    }

    @Test func otherDetectorsHaveNoInvalidValues() {
        #expect(InvalidPixelValues.forDetector("Mar345") == InvalidPixelValues())
        #expect(InvalidPixelValues.forDetector("pilatus_300k") == InvalidPixelValues(below: 0))
        #expect(InvalidPixelValues.forDetector("EIGER-4M") == InvalidPixelValues(atOrAbove: 4_294_967_295))
    }

    /// The rules are per frame: a pixel invalid in one frame counts in the next.
    @Test func invalidValuesLeaveTheNextFrameAlone() throws {
        let integrator = try Synthetic.integrator(IntegrationSettings(npt: 50, split: .bbox, invalid: .forDetector("Pilatus 1M")))
        let clean = Synthetic.frame(Synthetic.counts)
        let before = try integrator.integrate(clean)
        _ = try integrator.integrate(Self.frames { _ in -1 }.marked)
        #expect(try integrator.integrate(clean) == before)
    }

    @Test func nanBoundsAreRefused() throws {
        for invalid in [InvalidPixelValues(below: .nan), InvalidPixelValues(atOrAbove: .nan)] {
            do {
                _ = try Synthetic.integrator(IntegrationSettings(npt: 50, invalid: invalid))
                Issue.record("\(invalid) was accepted")
            } catch let error as IntegrationError {
                #expect(error.kind == .invalidSettings)
            }
        }
    }
}
