import SAXSPhysics
import Testing

/// The training curves: reproducible, and each showing the phase it is labelled with.
@Suite struct CurveSimulatorTests {
    /// nm⁻¹ of the first Bragg peak of a mesophase curve.
    private func firstPeak(_ curve: CurveSimulator.Curve) throws -> Double {
        let lattice = try #require(curve.label.lattice)
        let length = try #require(curve.parameters.first { $0.name == lattice.lengthParameter }?.value)
        return BraggPeakModel(phase: lattice).peakPositions(values: [length])[0] * 10
    }

    /// How many of `count` curves of every mesophase have a peak found within 2 % of their first reflection.
    private func curvesShowingTheirFirstPeak(_ settings: CurveSimulator.Settings, count: Int) throws -> Int {
        let simulator = CurveSimulator(settings: settings)
        var shown = 0
        for label in PhaseLabel.allCases where label.lattice != nil {
            for index in 0..<count {
                let curve = simulator.curve(label, seed: 7, index: index)
                let q1 = try firstPeak(curve)
                let analysis = try AnalysisCurve(q: curve.q, intensity: curve.intensity, sigma: curve.sigma)
                let peaks = try PeakSearch().find(in: analysis).peaks
                if peaks.contains(where: { abs($0.q - q1) < 0.02 * q1 }) { shown += 1 }
            }
        }
        return shown
    }

    @Test func aCurveDependsOnlyOnSeedPhaseAndIndex() {
        let simulator = CurveSimulator()
        let a = simulator.curve(.cubicIa3d, seed: 3, index: 11)
        let b = simulator.curve(.cubicIa3d, seed: 3, index: 11)
        let other = simulator.curve(.cubicIa3d, seed: 3, index: 12)
        #expect(a.intensity == b.intensity && a.q == b.q)
        #expect(a.intensity != other.intensity)
    }

    /// Drawn straight from the priors, many mesophase curves hide their peaks under the particles, the power law
    /// and the counting noise; drawn again until visible, the peak search finds the first reflection of nearly
    /// every one.
    @Test func mesophaseCurvesShowTheirFirstReflectionOnlyWhenDrawnVisible() throws {
        var settings = CurveSimulator.Settings()
        let count = 8
        let total = count * PhaseLabel.allCases.filter { $0.lattice != nil }.count
        let visible = try curvesShowingTheirFirstPeak(settings, count: count)
        settings.visiblePhase = false
        let anyDraw = try curvesShowingTheirFirstPeak(settings, count: count)
        #expect(Double(visible) >= 0.9 * Double(total), "\(visible) of \(total)")
        #expect(anyDraw < visible - total / 8, "from the priors \(anyDraw), drawn visible \(visible) of \(total)")
    }

    @Test func aVisibleDisorderedCurveIsNotABarePowerLaw() throws {
        let simulator = CurveSimulator()
        for index in 0..<10 {
            let curve = simulator.curve(.disordered, seed: 5, index: index)
            let value = { (name: String) in curve.parameters.first { $0.name == name }!.value }
            let lowest = try #require(curve.q.first), highest = try #require(curve.q.last)
            // The particles' Guinier knee or the correlation length's lies inside the measured range.
            let knees = [1 / ((3.0 / 5).squareRoot() * value("radius")), 1 / value("correlation_length")]
            #expect(knees.contains { $0 > lowest && $0 < highest }, "curve \(index): knees \(knees)")
        }
    }

    @Test func celluloseCurvesSpanADrawnRangeLikeTheOtherPhases() {
        let settings = CurveSimulator.Settings()
        let simulator = CurveSimulator(settings: settings)
        var cellulose = CelluloseSimulator.Settings()
        cellulose.realizations = 1
        cellulose.grid = CrossSectionGrid(size: 128, pixelSize: 0.6)
        let maps = CelluloseSimulator(settings: cellulose)
        let workspace = maps.makeWorkspace()
        var lows: Set<Double> = []
        for index in 0..<4 {
            let curve = simulator.celluloseCurve(seed: 1, index: index, simulator: maps, workspace: workspace)
            #expect(curve.q.count == settings.points)
            #expect(settings.lowestQ.contains(curve.q[0]))
            #expect(curve.q[curve.q.count - 1] <= maps.binning.q[maps.binning.q.count - 1] * (1 + 1e-12))
            #expect(curve.intensity.allSatisfy { $0.isFinite && $0 >= 0 })
            lows.insert(curve.q[0])
        }
        #expect(lows.count == 4)
    }
}
