import Testing
@testable import SAXSIntegration

/// The integrator against pyFAI 2026.9 and MAX IV azint on the Pilatus 1M reference frame.
@Suite struct ReferenceIntegrationTests {
    @Test func noSplittingMatchesPyFAIHistogram() throws {
        let integrator = try Pilatus1M.integrator(Pilatus1M.settings(.no))
        let profile = try integrator.integrate(try Pilatus1M.inputs().frame)
        let agreement = Agreement(profile, reference: try ReferenceFiles.profile("I_no_histogram_cython.txt"))
        print("no/histogram vs pyFAI: \(agreement)")
        #expect(agreement.emptyMismatches.isEmpty)
        #expect(agreement.filledBins == 977)
        #expect(agreement.maxPosition <= 1e-9)
        #expect(agreement.maxIntensity <= 1e-4 && agreement.medianIntensity <= 1e-6)
        #expect(agreement.maxSigma <= 1e-4 && agreement.medianSigma <= 1e-6)
        #expect(profile.count.reduce(0, +) == 943_304)
    }

    @Test func noSplittingWithoutCorrectionsMatchesPyFAI() throws {
        let integrator = try Pilatus1M.integrator(Pilatus1M.settings(.no, corrected: false))
        let profile = try integrator.integrate(try Pilatus1M.inputs().frame)
        let agreement = Agreement(profile, reference: try ReferenceFiles.profile("I_no_histogram_cython_nocorr.txt"))
        print("no/histogram without corrections vs pyFAI: \(agreement)")
        #expect(agreement.emptyMismatches.isEmpty)
        #expect(agreement.maxPosition <= 1e-9)
        #expect(agreement.maxIntensity <= 1e-4 && agreement.medianIntensity <= 1e-6)
        #expect(agreement.maxSigma <= 1e-4 && agreement.medianSigma <= 1e-6)
    }

    @Test func boundingBoxSplittingMatchesPyFAICSR() throws {
        let integrator = try Pilatus1M.integrator(Pilatus1M.settings(.bbox))
        let profile = try integrator.integrate(try Pilatus1M.inputs().frame)
        let agreement = Agreement(profile, reference: try ReferenceFiles.profile("I_bbox_csr_cython.txt"))
        print("bbox/csr vs pyFAI: \(agreement)")
        #expect(agreement.emptyMismatches.isEmpty)
        #expect(agreement.maxPosition <= 1e-9)
        #expect(agreement.maxIntensity <= 1e-5 && agreement.medianIntensity <= 1e-6)
        #expect(agreement.maxSigma <= 1e-5 && agreement.medianSigma <= 1e-6)
        #expect(abs(profile.count.reduce(0, +) - 943_304) < 1e-3)
    }

    @Test func fullSplittingMatchesPyFAICSR() throws {
        let integrator = try Pilatus1M.integrator(Pilatus1M.settings(.full))
        let profile = try integrator.integrate(try Pilatus1M.inputs().frame)
        let agreement = Agreement(profile, reference: try ReferenceFiles.profile("I_full_csr_cython.txt"))
        print("full/csr vs pyFAI: \(agreement)")
        #expect(agreement.emptyMismatches.isEmpty)
        #expect(agreement.maxPosition <= 1e-9)
        #expect(agreement.maxIntensity <= 1e-4 && agreement.medianIntensity <= 1e-6)
        #expect(agreement.maxSigma <= 1e-4 && agreement.medianSigma <= 1e-6)
        #expect(abs(profile.count.reduce(0, +) - 943_304) < 1e-3)
    }

    /// azint rebins the same frame into the same bins in single precision: intensities agree to a median of
    /// 6e-6, as its README states. Its sigma is not pyFAI's Poisson sem, so only intensities are compared.
    @Test func noSplittingMatchesAzint() throws {
        let integrator = try Pilatus1M.integrator(Pilatus1M.settings(.no))
        let profile = try integrator.integrate(try Pilatus1M.inputs().frame)
        let agreement = Agreement(profile, reference: try ReferenceFiles.profile("azint_nsplit1_pilatus1m.txt"))
        print("no splitting vs azint n_splitting=1: \(agreement)")
        #expect(agreement.emptyMismatches.isEmpty)
        #expect(agreement.maxPosition <= 1e-5)
        #expect(agreement.medianIntensity <= 1e-5)
    }
}
