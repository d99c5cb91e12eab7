import Foundation

/// A training set of simulated curves of several phases (`CurveSimulator`), and its files:
/// - `parameters.csv`: one row per curve, `index,phase,total_counts,relative_resolution` and then every parameter
///   any of the phases has (a phase's own filled in, the others empty);
/// - `q.npy`, `intensity.npy`, `sigma.npy`: float32, curves × points, q in nm⁻¹ (each curve has its own range);
/// - `manifest.json`: the phases with their parameters, units and priors, the settings, seed and version.
/// Rows are phase by phase in the order asked, `count` of each; curve i of a phase depends only on (seed, phase, i).
public struct CurveDataset: Sendable {
    public var phases: [PhaseLabel]
    public var count: Int
    /// Index of each phase's first curve: a held-out set starts beyond every training set's curves.
    public var firstIndex = 0
    public var seed: UInt64
    public var simulator: CurveSimulator
    /// The maps cellulose curves come from (one realization each; see `celluloseSimulator`).
    public var cellulose = CelluloseSimulator.Settings()
    public var workers: Int

    public init(phases: [PhaseLabel], count: Int, seed: UInt64, simulator: CurveSimulator = CurveSimulator(),
                workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.phases = phases
        self.count = count
        self.seed = seed
        self.simulator = simulator
        self.workers = max(1, workers)
    }

    /// Cellulose curves come from maps of a fixed size and pixel (see `CelluloseSimulator`), on as many points as
    /// the others, and from one realization each: the counting noise then adds to that of one map, as it would for
    /// one measured cross-section.
    var celluloseSimulator: CelluloseSimulator {
        var settings = cellulose
        settings.realizations = 1
        if settings.q.count != simulator.settings.points {
            settings.q = RadialBinning.logSpaced(from: settings.q.first!, to: settings.q.last!, count: simulator.settings.points)
        }
        return CelluloseSimulator(settings: settings)
    }

    /// Every curve, in row order, made on `workers` threads.
    public func generate(progress: @escaping @Sendable (Int) -> Void = { _ in }) async -> [CurveSimulator.Curve] {
        await map(progress: progress) { $0 }
    }

    /// `transform` of every curve, in row order, each applied on the thread that made the curve: a data set that
    /// is only wanted as something smaller (features) need not be held whole.
    public func map<Row: Sendable>(progress: @escaping @Sendable (Int) -> Void = { _ in },
                                   _ transform: @escaping @Sendable (CurveSimulator.Curve) -> Row) async -> [Row] {
        let rows = phases.flatMap { phase in (firstIndex..<firstIndex + count).map { (phase, $0) } }
        let cellulose = phases.contains(.cellulose) ? celluloseSimulator : nil
        return await DatasetWorkers.map(count: rows.count, workers: workers, workspace: { cellulose?.makeWorkspace() },
                                        progress: progress) { [simulator, seed] row, workspace in
            let (phase, index) = rows[row]
            if phase == .cellulose, let cellulose, let workspace {
                return transform(simulator.celluloseCurve(seed: seed, index: index, simulator: cellulose,
                                                          workspace: workspace))
            }
            return transform(simulator.curve(phase, seed: seed, index: index))
        }
    }

    public struct Manifest: Codable, Sendable {
        public struct Phase: Codable, Sendable {
            public var label: String
            public var parameters: [String]
            public var units: [String]
            /// Low and high of each drawn parameter (absent: held at its default).
            public var priors: [String: [Double]]
            public var logScale: [String]
        }

        public var format = "saxsd.dataset.curves/1"
        public var software: String
        public var version: String
        public var seed: UInt64
        public var countPerPhase: Int
        public var points: Int
        public var phases: [Phase]
        public var lowestQ: [Double]
        public var highestQ: [Double]
        public var totalCounts: [Double]
        public var relativeResolution: [Double]
        public var qUnit = "nm^-1"
        public var intensityUnit = "1/cm"
        public var files: [String: String]
    }

    public func manifest(software: String, version: String) -> Manifest {
        let settings = simulator.settings
        let described = phases.map { label -> Manifest.Phase in
            guard let model = PhaseModel(label)?.model else {
                return Manifest.Phase(label: label.rawValue, parameters: CelluloseParameters.names,
                                      units: CelluloseParameters.units, priors: CellulosePriors().description, logScale: ["mu"])
            }
            return Manifest.Phase(label: label.rawValue, parameters: model.parameters.map(\.name),
                                  units: model.parameters.map(\.unit),
                                  priors: Dictionary(uniqueKeysWithValues: model.parameters.compactMap { p in
                                      p.prior.map { (p.name, [$0.lowerBound, $0.upperBound]) }
                                  }),
                                  logScale: model.parameters.filter { $0.prior != nil && $0.priorScale == .log }.map(\.name))
        }
        return Manifest(software: software, version: version, seed: seed, countPerPhase: count, points: settings.points,
                        phases: described, lowestQ: [settings.lowestQ.lowerBound, settings.lowestQ.upperBound],
                        highestQ: [settings.highestQ.lowerBound, settings.highestQ.upperBound],
                        totalCounts: [settings.totalCounts.lowerBound, settings.totalCounts.upperBound],
                        relativeResolution: [settings.relativeResolution.lowerBound, settings.relativeResolution.upperBound],
                        files: ["parameters": "parameters.csv", "q": "q.npy", "intensity": "intensity.npy",
                                "sigma": "sigma.npy"])
    }

    public func write(_ curves: [CurveSimulator.Curve], to folder: String, manifest: Manifest) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var columns: [String] = []
        for curve in curves { for (name, _) in curve.parameters where !columns.contains(name) { columns.append(name) } }
        var csv = (["index", "phase", "total_counts", "relative_resolution"] + columns).joined(separator: ",") + "\n"
        var indexInPhase: [PhaseLabel: Int] = [:]
        for curve in curves {
            let index = indexInPhase[curve.label, default: firstIndex]
            indexInPhase[curve.label] = index + 1
            let values = Dictionary(curve.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            let fields = ["\(index)", curve.label.rawValue, String(format: "%.6g", curve.totalCounts),
                          String(format: "%.6g", curve.relativeResolution)]
                + columns.map { values[$0].map { String(format: "%.9g", $0) } ?? "" }
            csv += fields.joined(separator: ",") + "\n"
        }
        let points = curves.first?.q.count ?? simulator.settings.points
        let shape = [curves.count, points]
        try DatasetFiles.write(Array(csv.utf8), to: folder + "/parameters.csv")
        for (name, column) in [("q", \CurveSimulator.Curve.q), ("intensity", \.intensity), ("sigma", \.sigma)] {
            let values = curves.flatMap { $0[keyPath: column].map(Float.init) }
            try DatasetFiles.write(NPYFile(float32: values, shape: shape).bytes, to: folder + "/\(name).npy")
        }
        try DatasetFiles.writeManifest(manifest, to: folder + "/manifest.json")
    }
}
