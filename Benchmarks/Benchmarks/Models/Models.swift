import Benchmark
import SAXSPhysics

/// One model on 500 log-spaced q points (0.001–0.5 1/Å), with and without its gradient: the cost of one
/// evaluation inside a fit or a training-data run.
///
/// Target: ≤ 50 µs for I(q), ≤ 200 µs with the gradient. The averaging models are the expensive ones. Here the
/// orientation-averaged cylinder (R = 20 Å, L = 400 Å) takes its series for the 315 q below q·L/2 = 10 (the
/// quadrature for the 36 of them nearest 10), 24–64 Gauss–Legendre points for the 138 q where sasmodels' 76-point
/// rule has converged, and that rule itself, J₁ and a sine at 76 points, for the 47 q above. The polydisperse
/// sphere sums 35 radii (15 in the phase models) per q.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 10,
        maxDuration: .seconds(3),
        maxIterations: 2_000
    )
    let q = RadialBinning.logSpaced(from: 0.001, to: 0.5, count: 500)

    let cases: [(String, any ScatteringModel, [Double])] = [
        "sphere", "core_shell_sphere", "vesicle", "lamellar", "cylinder_oriented", "cylinder",
        "bragg_cubic_Pn3m", "power_law", "teubner_strey", "broad_peak", "phase_cubic_Pn3m", "phase_disordered",
    ].map { name in
        let (model, values) = try! ModelCatalog.model(named: name, arguments: [:])
        return (name, model, values)
    } + [
        { let (m, v) = try! ModelCatalog.model(named: "sphere", arguments: ["radius_pd": "0.1"]); return ("sphere, gaussian pd 35", m, v) }(),
    ]

    for (name, model, values) in cases {
        Benchmark("\(name) I(q)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(model.intensity(q: q, values: values)) }
        }
        Benchmark("\(name) I(q) and gradient") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(model.curve(q: q, values: values)) }
        }
    }
}
