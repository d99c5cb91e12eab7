import Foundation
import SAXSIntegration
import SAXSLearning
import SAXSPhysics
import Testing

/// The feature vector of a curve: its grid, what it ignores (scale, q unit) and what it must see (slopes, Rg,
/// Bragg ratios).
@Suite struct ProfileFeaturesTests {
    let features = ProfileFeatures()

    private func profile(_ q: [Double], _ intensity: [Double], unit: RadialUnit = .qNm) -> Profile {
        Profile(unit: unit, radial: q, intensity: intensity, sigma: intensity.map { max(1e-3 * $0, 1e-12) },
                count: q.map { _ in 1 })
    }

    private func value(_ vector: [Float], _ name: String) throws -> Float {
        vector[try #require(features.names.firstIndex(of: name))]
    }

    @Test func namesAreUniqueAndMatchTheVector() throws {
        #expect(Set(features.names).count == features.count)
        let q = RadialBinning.logSpaced(from: 0.02, to: 8, count: 300)
        #expect(try features.vector(profile(q, q.map { pow($0, -2) })).count == features.count)
    }

    @Test func aPowerLawGivesItsSlopeAndAStraightLogGrid() throws {
        let q = RadialBinning.logSpaced(from: 0.02, to: 8, count: 700)
        let vector = try features.vector(profile(q, q.map { 3 * pow($0, -3.0) }))
        #expect(abs(try value(vector, "low_q_slope") + 3) < 1e-4)
        #expect(abs(try value(vector, "high_q_slope") + 3) < 1e-4)
        // Successive grid cells differ by −3 × the grid's log step.
        let step = log10(features.grid[1] / features.grid[0])
        for k in 1..<features.grid.count {
            #expect(abs(Double(vector[k] - vector[k - 1]) + 3 * step) < 2e-3, "cell \(k)")
        }
        #expect(try value(vector, "peak_count") == 0)
        #expect(try value(vector, "peak_2_ratio").isNaN)
    }

    @Test func cellsOutsideTheMeasuredRangeAreMissing() throws {
        let q = RadialBinning.logSpaced(from: 0.1, to: 1, count: 200)
        let vector = try features.vector(profile(q, q.map { exp(-$0) }))
        for (k, g) in features.grid.enumerated() {
            let inside = g >= 0.1 * 1.0001 && g <= 1 / 1.0001
            if inside { #expect(!vector[k].isNaN, "cell \(k) at q \(g)") }
            if g < 0.1 / 1.05 || g > 1 * 1.05 { #expect(vector[k].isNaN, "cell \(k) at q \(g)") }
        }
    }

    @Test func theScaleAndTheQUnitDoNotChangeTheFeatures() throws {
        let (model, values) = try ModelCatalog.model(named: "sphere", arguments: ["radius": "40", "background": "0.001"])
        let q = RadialBinning.logSpaced(from: 0.03, to: 6, count: 800)
        let intensity = model.intensity(q: q, unit: .qNm, values: values)
        let base = try features.vector(profile(q, intensity))
        let scaled = try features.vector(profile(q, intensity.map { $0 * 750 }))
        let inAngstrom = try features.vector(profile(q.map { $0 / 10 }, intensity, unit: .qA))
        for k in base.indices {
            let name = features.names[k]
            #expect(base[k].isNaN == scaled[k].isNaN && base[k].isNaN == inAngstrom[k].isNaN, "\(name)")
            // `noise` is the only feature in which the scale shows (σ was made relative here, so not even that).
            if !base[k].isNaN {
                #expect(abs(base[k] - scaled[k]) < 1e-4 * max(1, abs(base[k])), "\(name)")
                #expect(abs(base[k] - inAngstrom[k]) < 1e-4 * max(1, abs(base[k])), "\(name)")
            }
        }
        // A sphere of radius R has Rg = √(3/5) R; 40 Å = 4 nm.
        #expect(abs(Double(try value(base, "guinier_log_rg")) - log10(4 * (0.6).squareRoot())) < 0.01)
    }

    @Test(arguments: [(PhaseLabel.lamellar, 2.0), (.hexagonal, 3.0.squareRoot()), (.cubicPn3m, (3.0 / 2).squareRoot())])
    func braggPeaksGiveTheirPhasesRatios(label: PhaseLabel, ratio: Double) throws {
        let phase = try #require(PhaseModel(label))
        var values = phase.model.parameters.map(\.defaultValue)
        // Sharp, strong peaks over a weak background.
        for (index, parameter) in phase.model.parameters.enumerated() {
            if parameter.name == "domain_size" { values[index] = 100 }
            if parameter.name == "peak_scale" { values[index] = 1e-1 }
        }
        let q = RadialBinning.logSpaced(from: 0.05, to: 6, count: 1000)
        let intensity = phase.model.intensity(q: q, unit: .qNm, values: values)
        let vector = try features.vector(profile(q, intensity))
        #expect(try value(vector, "peak_count") >= 2)
        let found = Double(try value(vector, "peak_2_ratio"))
        #expect(abs(found / ratio - 1) < 0.01, "\(label): ratio \(found)")
    }

    /// A mesophase of sharp, strong peaks, as in `braggPeaksGiveTheirPhasesRatios`.
    private func sharpPattern(_ label: PhaseLabel, q: [Double]) throws -> [Double] {
        let phase = try #require(PhaseModel(label))
        var values = phase.model.parameters.map(\.defaultValue)
        for (index, parameter) in phase.model.parameters.enumerated() {
            if parameter.name == "domain_size" { values[index] = 100 }
            if parameter.name == "peak_scale" { values[index] = 1e-1 }
        }
        return phase.model.intensity(q: q, unit: .qNm, values: values)
    }

    /// Each mesophase's peaks index best on its own lattice: the most of its first reflections found, and among
    /// lattices finding as many (a lamellar 1 : 2 : 3 : 4 inside the hexagonal series), the fewest peaks left
    /// unexplained.
    @Test(arguments: PhaseLabel.allCases.filter { $0.lattice != nil })
    func braggPeaksIndexBestOnTheirOwnLattice(label: PhaseLabel) throws {
        let q = RadialBinning.logSpaced(from: 0.05, to: 6, count: 1000)
        let vector = try features.vector(profile(q, try sharpPattern(label, q: q)))
        func rank(_ lattice: LatticePhase) throws -> (Float, Float) {
            (try value(vector, "index_\(lattice.label)_matched"), -(try value(vector, "index_\(lattice.label)_unexplained")))
        }
        let own = try rank(try #require(label.lattice))
        #expect(own.1 == 0, "\(label): \(-own.1) peaks unexplained")
        for lattice in LatticePhase.allCases where lattice != label.lattice {
            #expect(try rank(lattice) < own, "\(label) indexes as well on \(lattice)")
        }
    }

    /// The integrator's 1000 linear bins and the simulator's 500 log-spaced points of one curve give the same
    /// log-intensity grid and slopes: every feature is taken on common log-spaced bins.
    @Test func theBinningOfTheProfileDoesNotChangeTheCurvesShape() throws {
        let (model, values) = try ModelCatalog.model(named: "sphere", arguments: ["radius": "40", "radius_pd": "0.15",
                                                                                  "background": "0.001"])
        let logQ = RadialBinning.logSpaced(from: 0.04, to: 4, count: 500)
        let linearQ = (0..<1000).map { 0.04 + (4 - 0.04) * Double($0) / 999 }
        let logged = try features.vector(profile(logQ, model.intensity(q: logQ, unit: .qNm, values: values)))
        let linear = try features.vector(profile(linearQ, model.intensity(q: linearQ, unit: .qNm, values: values)))
        for k in features.grid.indices where features.grid[k] > 0.1 && features.grid[k] < 4 {
            #expect(abs(logged[k] - linear[k]) < 0.01, "\(features.names[k])")
        }
        for name in ["guinier_log_rg", "high_q_slope"] {
            #expect(abs(try value(logged, name) - value(linear, name)) < 0.02, "\(name)")
        }
    }
}
