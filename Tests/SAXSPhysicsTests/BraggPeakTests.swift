import Foundation
import Testing
import SAXSPhysics

/// Peak positions, areas, widths and shapes of the Bragg patterns, measured on the computed curves.
@Suite struct BraggPeakTests {
    func model(_ phase: LatticePhase, _ profile: PeakProfile, resolution: BraggPeakModel.Resolution = .init(),
               peaks: Int = 20) -> BraggPeakModel {
        BraggPeakModel(phase: phase, configuration: .init(profile: profile, resolution: resolution, peakCount: peaks))
    }

    /// Values by name on the model's defaults.
    func values(_ model: BraggPeakModel, _ named: [String: Double]) throws -> [Double] {
        try model.values(named)
    }

    /// Trapezoid integral.
    func area(_ q: [Double], _ y: [Double]) -> Double {
        var sum = 0.0
        for i in 1..<q.count { sum += (q[i] - q[i - 1]) * (y[i] + y[i - 1]) / 2 }
        return sum
    }

    /// Full width at half maximum of the single peak on the grid, from linear interpolation of the crossings.
    func fwhm(_ q: [Double], _ y: [Double]) -> Double {
        let top = y.indices.max { y[$0] < y[$1] }!
        let half = y[top] / 2
        var left = top, right = top
        while left > 0 && y[left] > half { left -= 1 }
        while right < y.count - 1 && y[right] > half { right += 1 }
        let qLeft = q[left] + (half - y[left]) / (y[left + 1] - y[left]) * (q[left + 1] - q[left])
        let qRight = q[right - 1] + (half - y[right - 1]) / (y[right] - y[right - 1]) * (q[right] - q[right - 1])
        return qRight - qLeft
    }

    @Test(arguments: LatticePhase.allCases)
    func peaksSitWhereTheLatticePutsThem(_ phase: LatticePhase) throws {
        // Narrow Gaussians (D = 2 µm) so neighbours do not pull the maxima.
        let model = model(phase, .gaussian, peaks: 6)
        let length = 9.0
        let v = try values(model, [phase.lengthParameter: length, "domain_size": 2000, "background": 0])
        let u = phase == .hexagonal ? 4 * Double.pi / 3.0.squareRoot() : 2 * Double.pi
        for reflection in model.reflections {
            let expected = u * Double(reflection.quadraticForm).squareRoot() / (length * 10)
            let q = AnalysisCurves.linear(expected * 0.99, expected * 1.01, 20001)
            let y = model.intensity(q: q, values: v)
            let top = y.indices.max { y[$0] < y[$1] }!
            #expect(abs(q[top] - expected) <= q[1] - q[0], "\(phase.label) N=\(reflection.quadraticForm)")
            if reflection == model.reflections[0] {
                // The length comes back from the first peak (DESIGN.md's formulas).
                #expect(abs(phase.length(firstPeakAt: q[top]) / length - 1) < 1e-5)
            }
        }
    }

    @Test(arguments: [PeakProfile.gaussian, .pseudoVoigt])
    func areaIsTheWeightWhateverTheWidth(_ profile: PeakProfile) throws {
        // Lamellar: every order has multiplicity 2 and N = n², so the areas go as 1/n², damped by e^(−σ²q²).
        let model = model(.lamellar, profile, peaks: 3)
        let d = 6.0, fluctuation = 0.4, scale = 2.5
        for domain in [60.0, 150.0, 400.0] {
            var named = ["d_spacing": d, "domain_size": domain, "scale": scale, "background": 0,
                         "fluctuation": fluctuation]
            if profile == .pseudoVoigt { named["eta"] = 0 }
            let v = try values(model, named)
            for n in 1...3 {
                let centre = 2 * Double.pi * Double(n) / (d * 10)
                let q = AnalysisCurves.linear(centre - 0.045, centre + 0.045, 40001)
                let measured = area(q, model.intensity(q: q, values: v))
                let sigma = fluctuation * 10
                let expected = scale / Double(n * n) * exp(-sigma * sigma * centre * centre)
                #expect(abs(measured / expected - 1) < 1e-6, "D=\(domain) n=\(n): area \(measured), expected \(expected)")
            }
        }
    }

    @Test func lorentzianAreaCountsItsTails() throws {
        // A unit-area Lorentzian of half width γ has (2/π)·atan(W/γ) of its area within ±W.
        let model = model(.lamellar, .lorentzian, peaks: 1)
        let v = try values(model, ["d_spacing": 5, "domain_size": 100, "scale": 1, "background": 0])
        let gamma = Double.pi * 0.9 / 1000
        let centre = 2 * Double.pi / 50
        let q = AnalysisCurves.linear(centre - 0.1, centre + 0.1, 200_001)
        let expected = 2 / Double.pi * atan(0.1 / gamma)
        #expect(abs(area(q, model.intensity(q: q, values: v)) / expected - 1) < 1e-6)
    }

    @Test(arguments: [PeakProfile.gaussian, .lorentzian])
    func scherrerWidth(_ profile: PeakProfile) throws {
        let model = model(.lamellar, profile, peaks: 1)
        for domain in [50.0, 200.0] {
            let v = try values(model, ["d_spacing": 5, "domain_size": domain, "background": 0])
            let centre = 2 * Double.pi / 50
            let q = AnalysisCurves.linear(centre - 0.03, centre + 0.03, 60001)
            let expected = 2 * Double.pi * 0.9 / (domain * 10)
            #expect(abs(fwhm(q, model.intensity(q: q, values: v)) / expected - 1) < 1e-4, "D=\(domain)")
        }
    }

    @Test func pseudoVoigtReducesToItsEnds() throws {
        let resolution = BraggPeakModel.Resolution(sigma: 0.0008, relative: 0.01)
        for resolution in [BraggPeakModel.Resolution(), resolution] {
            let mixed = model(.cubicPn3m, .pseudoVoigt, resolution: resolution)
            let gaussian = model(.cubicPn3m, .gaussian, resolution: resolution)
            let lorentzian = model(.cubicPn3m, .lorentzian, resolution: resolution)
            let q = AnalysisCurves.linear(0.02, 0.4, 500)
            let common: [String: Double] = ["lattice": 10, "domain_size": 80, "scale": 3, "background": 0.01,
                                            "fluctuation": 0.2]
            let ends = try (gaussian.intensity(q: q, values: values(gaussian, common)),
                            lorentzian.intensity(q: q, values: values(lorentzian, common)))
            var named = common
            for (eta, expected) in [(0.0, ends.0), (1.0, ends.1)] {
                named["eta"] = eta
                let found = mixed.intensity(q: q, values: try values(mixed, named))
                for i in q.indices { #expect(abs(found[i] - expected[i]) <= 1e-12 * expected[i], "η=\(eta) q=\(q[i])") }
            }
            // In between, the mixture of the two (the background counted once).
            named["eta"] = 0.3
            let found = mixed.intensity(q: q, values: try values(mixed, named))
            for i in q.indices {
                let expected = 0.7 * ends.0[i] + 0.3 * ends.1[i]
                #expect(abs(found[i] - expected) <= 1e-12 * expected)
            }
        }
    }

    @Test func gaussianResolutionAddsInQuadrature() throws {
        let resolutionSigma = 0.002
        let model = model(.lamellar, .gaussian, resolution: .init(sigma: resolutionSigma), peaks: 1)
        let v = try values(model, ["d_spacing": 5, "domain_size": 100, "background": 0])
        let centre = 2 * Double.pi / 50
        let q = AnalysisCurves.linear(centre - 0.04, centre + 0.04, 80001)
        let domainFWHM = 2 * Double.pi * 0.9 / 1000
        let expected = (domainFWHM * domainFWHM + pow(resolutionSigma * (8 * log(2.0)).squareRoot(), 2)).squareRoot()
        #expect(abs(fwhm(q, model.intensity(q: q, values: v)) / expected - 1) < 1e-4)
    }

    @Test func lorentzianResolutionIsAVoigt() throws {
        // Against the Lorentzian without resolution convolved numerically with the Gaussian.
        let resolutionSigma = 0.0015
        let blurred = model(.lamellar, .lorentzian, resolution: .init(sigma: resolutionSigma), peaks: 1)
        let sharp = model(.lamellar, .lorentzian, peaks: 1)
        let v = try values(sharp, ["d_spacing": 5, "domain_size": 150, "background": 0])
        let centre = 2 * Double.pi / 50
        let step = 4e-5
        let q = (-2000...2000).map { centre + Double($0) * step }
        let wide = (-2500...2500).map { centre + Double($0) * step }
        let lorentz = sharp.intensity(q: wide, values: v)
        let kernelHalf = Int(8 * resolutionSigma / step)
        let kernel = (-kernelHalf...kernelHalf).map {
            exp(-0.5 * pow(Double($0) * step / resolutionSigma, 2)) * step / (resolutionSigma * (2 * Double.pi).squareRoot())
        }
        let convolved = q.indices.map { i in
            kernel.indices.reduce(0.0) { $0 + kernel[$1] * lorentz[i + 500 + $1 - kernelHalf] }
        }
        let found = blurred.intensity(q: q, values: v)
        let height = convolved.max()!
        let worst = zip(found, convolved).map { abs($0 - $1) }.max()!
        // Thompson–Cox–Hastings is good to about 1% of the peak height.
        #expect(worst < 0.015 * height, "largest difference \(worst / height) of the height")
        // Width: Olivero & Longbothum's Voigt FWHM, 0.5346Γ_L + √(0.2166Γ_L² + Γ_G²), good to 0.02%.
        let gammaL = 2 * Double.pi * 0.9 / 1500, gammaG = resolutionSigma * (8 * log(2.0)).squareRoot()
        let voigtFWHM = 0.5346 * gammaL + (0.2166 * gammaL * gammaL + gammaG * gammaG).squareRoot()
        #expect(abs(fwhm(q, found) / voigtFWHM - 1) < 0.01)
        #expect(fwhm(q, found) > fwhm(q, sharp.intensity(q: q, values: v)))
    }

    @Test func relativeResolutionWidensHigherOrders() throws {
        // Domains so large that the resolution, σ = 2%·q, is all the width.
        let model = model(.lamellar, .gaussian, resolution: .init(relative: 0.02), peaks: 3)
        let v = try values(model, ["d_spacing": 5, "domain_size": 100_000, "background": 0])
        for n in [1, 3] {
            let centre = 2 * Double.pi * Double(n) / 50
            let q = AnalysisCurves.linear(centre * 0.85, centre * 1.15, 60001)
            let expected = 0.02 * centre * (8 * log(2.0)).squareRoot()
            #expect(abs(fwhm(q, model.intensity(q: q, values: v)) / expected - 1) < 1e-3, "n=\(n)")
        }
    }

    @Test func unorderedGridGivesTheSameCurve() throws {
        // An increasing grid takes the bisection path to each Gaussian's window, any other grid the full scan.
        let model = model(.cubicIa3d, .pseudoVoigt, resolution: .init(sigma: 0.0006, relative: 0.01))
        let values = try model.values(["lattice": 14, "domain_size": 70, "fluctuation": 0.1, "eta": 0.4])
        let q = AnalysisCurves.linear(0.02, 0.35, 400)
        // A fixed permutation (reversal, then odd and even halves interleaved) keeps the test deterministic.
        let reversed = Array(q.reversed())
        let order = stride(from: 0, to: q.count, by: 2).map { $0 } + stride(from: 1, to: q.count, by: 2).map { $0 }
        for shuffled in [reversed, order.map { q[$0] }] {
            let sorted = model.curve(q: q, values: values)
            let other = model.curve(q: shuffled, values: values)
            let plain = model.intensity(q: shuffled, values: values)
            for (k, value) in shuffled.enumerated() {
                let i = q.firstIndex(of: value)!
                #expect(abs(other.intensity[k] - sorted.intensity[i]) <= 1e-13 * sorted.intensity[i])
                #expect(abs(plain[k] - sorted.intensity[i]) <= 1e-13 * sorted.intensity[i])
                for j in 0..<model.parameters.count {
                    let a = other[derivative: k, parameter: j], b = sorted[derivative: i, parameter: j]
                    #expect(abs(a - b) <= 1e-12 * max(abs(b), 1e-300), "q=\(value) \(model.parameters[j].name)")
                }
            }
        }
    }

    @Test func parametersFollowThePhaseTable() {
        #expect(BraggPeakModel(phase: .lamellar).parameters.map(\.name)
                == ["d_spacing", "domain_size", "scale", "background", "fluctuation", "eta"])
        #expect(model(.cubicIa3d, .gaussian).parameters.map(\.name)
                == ["lattice", "domain_size", "scale", "background", "fluctuation"])
        for phase in LatticePhase.allCases {
            let model = BraggPeakModel(phase: phase)
            #expect(model.parameters[0].unit == "nm" && model.parameters[1].unit == "nm")
            #expect(model.reflections.count == 20)
            for parameter in model.parameters {
                #expect(parameter.bounds.contains(parameter.defaultValue), "\(model.name).\(parameter.name)")
            }
        }
    }
}
