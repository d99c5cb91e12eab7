extension PhaseModel {
    /// Significance, in standard deviations of the counting noise, that the features marking a phase must reach in
    /// a simulated curve before it counts as a curve of that phase.
    static let visibleSignificance = 5.0
    /// A peak's own counts in its centre bin over that bin's √counts: what makes it stand out of the noise point by
    /// point, as on a plot, rather than only in a fit over its width.
    static let visiblePointSignificance = 3.0

    /// Whether a curve with these expected counts shows what makes the phase this phase, rather than only what
    /// every sample shows (a power law, a flat background). A beamline scientist would not name the phase of a
    /// curve that does not, and neither can a classifier; curves drawn from the priors that fail are drawn again
    /// (`CurveSimulator`).
    ///
    /// - Mesophases: the first reflections, enough to index the lattice (two for the lamellar stack's 1 : 2, three
    ///   for the others), each lie inside the q range, each peak's own counts within its half-maximum window stand
    ///   `visibleSignificance` σ above the √counts of everything in that window, and neighbouring ones are resolved
    ///   (the Bragg intensity between them dips below ¾ of the lower one).
    /// - `disordered`: the particles' Guinier knee (q·R_g ≈ 1) or the correlation term's (q·ξ ≈ 1) lies inside
    ///   the q range, and within a factor 1.5 of it that term gives at least half the counts, `visibleSignificance` σ
    ///   above their √counts: otherwise the curve is a bare power law, which is what an empty cell gives.
    /// - `empty` always qualifies.
    ///
    /// `q` is in nm⁻¹; `expected` is the model's intensity there and `gain` the counts per unit of intensity.
    func isVisible(values: [Double], q: [Double], expected: [Double], gain: [Double]) -> Bool {
        let counts = zip(expected, gain).map { max($0, 0) * $1 }
        if label.lattice != nil { return peaksAreVisible(values: values, q: q, counts: counts, gain: gain) }
        if label == .disordered { return particlesAreVisible(values: values, q: q, counts: counts, gain: gain) }
        return true
    }

    private func counts(of component: CompositeModel.Component, values: [Double], q: [Double],
                        gain: [Double]) -> [Double] {
        let intensity = component.model.intensity(q: q, unit: .qNm, values: model.componentValues(component, values))
        return zip(intensity, gain).map { max($0, 0) * $1 }
    }

    private func peaksAreVisible(values: [Double], q: [Double], counts: [Double], gain: [Double]) -> Bool {
        guard let component = model.components.first, let bragg = component.model as? BraggPeakModel else {
            return false
        }
        let required = label == .lamellar ? 2 : 3
        let positions = bragg.peakPositions(values: model.componentValues(component, values))
            .prefix(required).map { $0 * Self.angstromsPerNanometre }
        guard positions.count == required, let first = q.first, let last = q.last,
              positions.allSatisfy({ $0 > first && $0 < last }) else { return false }
        let peaks = self.counts(of: component, values: values, q: q, gain: gain)
        let centres = positions.map { position in
            q.indices.min { abs(q[$0] - position) < abs(q[$1] - position) }!
        }
        for centre in centres {
            let half = peaks[centre] / 2
            var (low, high) = (centre, centre)
            while low > 0, peaks[low - 1] >= half { low -= 1 }
            while high < q.count - 1, peaks[high + 1] >= half { high += 1 }
            let own = peaks[low...high].reduce(0, +)
            let all = counts[low...high].reduce(0, +)
            guard all > 0, own / all.squareRoot() >= Self.visibleSignificance,
                  peaks[centre] >= Self.visiblePointSignificance * counts[centre].squareRoot() else { return false }
        }
        for (a, b) in zip(centres, centres.dropFirst()) {
            guard b - a >= 2, let dip = peaks[(a + 1)..<b].min(), dip < 0.75 * min(peaks[a], peaks[b]) else {
                return false
            }
        }
        return true
    }

    private func particlesAreVisible(values: [Double], q: [Double], counts: [Double], gain: [Double]) -> Bool {
        guard model.components.count >= 2, let radius = parameterValue("radius", values),
              let length = parameterValue("correlation_length", values) else { return false }
        // A sphere's Guinier knee at q·R_g ≈ 1, R_g = √(3/5)·R; the Lorentzian's half height at q·ξ = 1.
        let knees = [(model.components[0], 1 / ((3.0 / 5).squareRoot() * radius)), (model.components[1], 1 / length)]
        return knees.contains { component, knee in
            let window = q.indices.filter { q[$0] >= knee / 1.5 && q[$0] <= knee * 1.5 }
            guard let low = window.first, let high = window.last, q[low] < knee, q[high] > knee else { return false }
            let own = self.counts(of: component, values: values, q: q, gain: gain)[low...high].reduce(0, +)
            let all = counts[low...high].reduce(0, +)
            return all > 0 && own / all.squareRoot() >= Self.visibleSignificance && own >= all / 2
        }
    }

    private func parameterValue(_ name: String, _ values: [Double]) -> Double? {
        model.parameters.firstIndex { $0.name == name }.map { values[$0] }
    }
}
