import SAXSPhysics

/// Compares a model's hand-written Jacobian with central finite differences of its intensity.
enum GradientCheck {
    /// One derivative that disagrees, for the test's message.
    struct Mismatch: CustomStringConvertible {
        var parameter: String
        var q: Double
        var analytic: Double
        var numeric: Double
        var description: String { "∂I/∂\(parameter) at q=\(q): analytic \(analytic), finite difference \(numeric)" }
    }

    /// Every ∂I(q_i)/∂θ_j whose analytic and central-difference values differ by more than `tolerance`, relative to
    /// the larger of the two derivatives and a floor of `tolerance`·I(q_i)/|θ_j| (a derivative that is zero up to
    /// rounding compares against the intensity's own scale). The step is `relativeStep`·|θ_j| (or `relativeStep`
    /// when θ_j is 0); parameters listed in `oneSided` step forward only (they sit at a bound, like a width of 0).
    static func mismatches(_ model: some ScatteringModel, q: [Double], values: [Double], relativeStep: Double = 1e-6,
                           tolerance: Double = 1e-6, oneSided: Set<String> = []) -> [Mismatch] {
        let curve = model.curve(q: q, values: values)
        let base = model.intensity(q: q, values: values)
        var found: [Mismatch] = []
        for (j, parameter) in model.parameters.enumerated() {
            let step = relativeStep * (values[j] == 0 ? 1 : abs(values[j]))
            var up = values
            up[j] += step
            let above = model.intensity(q: q, values: up)
            let numeric: [Double]
            if oneSided.contains(parameter.name) {
                numeric = zip(above, base).map { ($0 - $1) / step }
            } else {
                var down = values
                down[j] -= step
                let below = model.intensity(q: q, values: down)
                numeric = zip(above, below).map { ($0 - $1) / (2 * step) }
            }
            for i in q.indices {
                let analytic = curve[derivative: i, parameter: j]
                let floor = tolerance * abs(base[i]) / max(abs(values[j]), step)
                let scale = max(abs(analytic), abs(numeric[i]), floor)
                if abs(analytic - numeric[i]) > tolerance * scale + floor {
                    found.append(Mismatch(parameter: parameter.name, q: q[i], analytic: analytic, numeric: numeric[i]))
                }
            }
        }
        return found
    }
}
