import Benchmark
import Foundation
import SAXSIntegration
import SAXSLearning
import SAXSPhysics

/// Issue 6's inference targets: one row through the seed paper's regressor (100 trees of depth 5 on 500 features,
/// `shared/reference/xgboost/bench_regressor_100x5.json`; xgboost's own walk takes about 1.5 µs, its Python call
/// about 170 µs, see scripts/xgboost_inference_benchmark.py), and everything one frame needs: the phase
/// classifier and the parameter regressors, ≤ 20 µs: with the models shipped in `models/` (what the service runs),
/// and with a set made of that regressor's trees, a 9-class classifier of 100 rounds (900 trees) and 10
/// regressors (the most parameters a phase has, cellulose's), all depth 5 on 500 features.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 1_000,
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )
    let inputs: Inputs
    do {
        inputs = try Inputs()
    } catch {
        print("Trees benchmarks skipped: \(error)")
        return
    }

    Benchmark("bench_regressor_100x5 one row") { benchmark in
        let margins = UnsafeMutableBufferPointer<Float>.allocate(capacity: 1)
        defer { margins.deallocate() }
        var index = 0
        for _ in benchmark.scaledIterations {
            inputs.regressor.predict(inputs.rows[index], into: margins)
            blackHole(margins[0])
            index = index == inputs.rows.count - 1 ? 0 : index + 1
        }
    }

    Benchmark("frame: 9-class classifier (900 trees) + 10 regressors (100 trees each)") { benchmark in
        let output = UnsafeMutableBufferPointer<Float>.allocate(capacity: 9 + 10)
        defer { output.deallocate() }
        var index = 0
        for _ in benchmark.scaledIterations {
            let row = inputs.rows[index]
            inputs.classifier.predict(row, into: UnsafeMutableBufferPointer(rebasing: output[0..<9]))
            for (offset, regressor) in inputs.regressors.enumerated() {
                regressor.predict(row, into: UnsafeMutableBufferPointer(rebasing: output[(9 + offset)...]))
            }
            blackHole(output[18])
            index = index == inputs.rows.count - 1 ? 0 : index + 1
        }
    }

    // The shipped model folder on the features of one simulated curve of each phase with a closed-form model.
    if let shipped = try? PhaseIdentifier(folder: Inputs.repository.appendingPathComponent("models").path) {
        let simulator = CurveSimulator()
        let vectors = PhaseLabel.allCases.filter { $0 != .cellulose }.map { label in
            let curve = simulator.curve(label, seed: 1, index: 0)
            return (try? AnalysisCurve(q: curve.q, intensity: curve.intensity, sigma: curve.sigma))
                .map(shipped.features.vector) ?? []
        }
        Benchmark("frame: shipped models/, phase + the phase's parameters") { benchmark in
            var index = 0
            for _ in benchmark.scaledIterations {
                blackHole(shipped.estimate(features: vectors[index], minimumProbability: 0.5))
                index = index == vectors.count - 1 ? 0 : index + 1
            }
        }
    } else {
        print("shipped-model benchmark skipped: models/ does not load")
    }

    // The other half of a frame's phase: its profile's features (log-intensity grid, Guinier, slopes, peak search),
    // on a 1000-bin profile of a Pn3m phase as integration gives it.
    let phase = PhaseModel(.cubicPn3m)!
    let q = RadialBinning.logSpaced(from: 0.03, to: 5, count: 1000)
    let intensity = phase.model.intensity(q: q, unit: .qNm, values: phase.model.parameters.map(\.defaultValue))
    let profile = Profile(unit: .qNm, radial: q, intensity: intensity, sigma: intensity.map { ($0 * 1e-4).squareRoot() },
                          count: q.map { _ in 100 })
    let features = ProfileFeatures()
    Benchmark("features of a 1000-bin profile", configuration: .init(timeUnits: .microseconds, maxIterations: 2_000)) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try features.vector(profile)) }
    }

    Benchmark("load and flatten bench_regressor_100x5.json", configuration: .init(timeUnits: .milliseconds, maxIterations: 50)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try FlatTreeEnsemble(TreeEnsemble(contentsOfXGBoostModel: inputs.path)))
        }
    }
}

struct Inputs: @unchecked Sendable {
    let path: String
    let regressor: FlatTreeEnsemble
    let classifier: FlatTreeEnsemble
    let regressors: [FlatTreeEnsemble]
    /// The 20 rows of bench_X20.txt, kept for the whole run (never freed: the benchmarks use them to the end).
    let rows: [UnsafeBufferPointer<Float>]

    /// The checkout: three folders above this file's own.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `shared/` sits beside the checkout.
    init() throws {
        let folder = Self.repository.deletingLastPathComponent().appendingPathComponent("shared/reference/xgboost")
        path = folder.appendingPathComponent("bench_regressor_100x5.json").path
        let model = try TreeEnsemble(contentsOfXGBoostModel: path)
        regressor = try FlatTreeEnsemble(model)
        let classes = 9
        classifier = try FlatTreeEnsemble(TreeEnsemble(
            objective: .softprob, featureCount: model.featureCount, groupCount: classes,
            baseMargins: Array(repeating: 0, count: classes),
            trees: model.trees.flatMap { Array(repeating: $0, count: classes) },
            treeGroups: model.trees.indices.flatMap { _ in Array(0..<classes) }))
        // Flattened one by one, so that each has its own nodes in memory, as ten different models would.
        regressors = try (0..<10).map { _ in try FlatTreeEnsemble(model) }
        let text = try String(contentsOf: folder.appendingPathComponent("bench_X20.txt"), encoding: .utf8)
        rows = try text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let values = try line.split(separator: " ").map { field in
                guard let value = Float(field) else { throw CocoaError(.fileReadCorruptFile) }
                return value
            }
            guard values.count == model.featureCount else { throw CocoaError(.fileReadCorruptFile) }
            let row = UnsafeMutableBufferPointer<Float>.allocate(capacity: values.count)
            _ = row.initialize(from: values)
            return UnsafeBufferPointer(row)
        }
    }
}
