import Foundation

/// A training set for the `cellulose` phase like the seed's (10 000 curves of 500 points with their 10
/// parameters), generated on every core and identical for a seed whatever the number of cores: curve i's
/// parameters come from generator stream (seed, i, 0), its realizations from streams (seed, i, 1 …), and each
/// curve is written to its own row.
///
/// Files written into the output folder:
/// - `parameters.csv`: a header of the 10 column names (`CelluloseParameters.names`), then one row per curve:
///   the drawn generating parameters (`CellulosePriors`), except that the three area fractions and the surface
///   area are the values measured on the curve's maps (mean over its realizations). The fractions are within
///   1 % of area of the drawn ones; the measured ones are what produced the curve, so they are the labels.
/// - `curves.npy`: float32, shape (count, points), I(q) in nm² per unit section area, SLD relative to crystal.
/// - `sigma.npy`: float32, same shape, the standard error of each point over the realizations.
/// - `q.npy`: float64, shape (points,), nm^-1.
/// - `manifest.json`: format, seed, count, version, grid, q range, realizations, priors, packing, file names.
public struct CelluloseDataset: Sendable {
    public var count: Int
    public var seed: UInt64
    public var simulator: CelluloseSimulator.Settings
    public var priors: CellulosePriors
    /// Concurrent workers; defaults to the active processor count.
    public var workers: Int

    public init(count: Int, seed: UInt64, simulator: CelluloseSimulator.Settings = .init(),
                priors: CellulosePriors = .init(), workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.count = count
        self.seed = seed
        self.simulator = simulator
        self.priors = priors
        self.workers = max(1, workers)
    }

    public struct Rows: Sendable {
        public var parameters: [CelluloseParameters]
        /// count × points, row-major.
        public var intensity: [Float]
        public var standardError: [Float]
        public var q: [Double]
    }

    /// The parameters drawn for curve `index` (before measurement).
    public func drawnParameters(index: Int) -> CelluloseParameters {
        var generator = SeededGenerator(seed: seed, index: UInt64(index), stream: 0)
        return priors.draw(using: &generator)
    }

    /// Simulates every curve. `progress` is called (from worker threads) with the number of curves done.
    public func generate(progress: @escaping @Sendable (Int) -> Void = { _ in }) async -> Rows {
        let simulator = CelluloseSimulator(settings: simulator)
        let curves = await DatasetWorkers.map(count: count, workers: workers, workspace: { simulator.makeWorkspace() },
                                              progress: progress) { index, workspace in
            simulator.curve(drawnParameters(index: index), seed: seed, index: index, workspace: workspace)
        }
        return Rows(parameters: curves.map(\.parameters), intensity: curves.flatMap { $0.intensity.map(Float.init) },
                    standardError: curves.flatMap { $0.standardError.map(Float.init) }, q: self.simulator.q)
    }

    public struct Manifest: Codable, Sendable, Equatable {
        public var format = "saxsd.dataset.cellulose/1"
        public var software: String
        public var version: String
        public var seed: UInt64
        public var count: Int
        public var parameters: [String]
        public var parameterUnits: [String]
        public var priors: [String: [Double]]
        public var grid: Grid
        public var realizations: Int
        public var packing: FibrilPacking
        public var files: [String: String]
        public var elapsedSeconds: Double?

        public struct Grid: Codable, Sendable, Equatable {
            public var mapPixels: Int
            public var pixelSizeNm: Double
            public var boxLengthNm: Double
            public var qPoints: Int
            public var qMin: Double
            public var qMax: Double
            public var qSpacing: String
            public var qUnit: String
            public var intensityUnit: String
        }
    }

    public func manifest(software: String, version: String, elapsedSeconds: Double?) -> Manifest {
        let grid = simulator.grid
        return Manifest(
            software: software, version: version, seed: seed, count: count,
            parameters: CelluloseParameters.names, parameterUnits: CelluloseParameters.units,
            priors: priors.description,
            grid: .init(mapPixels: grid.size, pixelSizeNm: grid.pixelSize, boxLengthNm: grid.length,
                        qPoints: simulator.q.count, qMin: simulator.q.first ?? 0, qMax: simulator.q.last ?? 0,
                        qSpacing: "log", qUnit: "nm^-1",
                        intensityUnit: "nm^2 per unit section area, SLD relative to crystal"),
            realizations: simulator.realizations, packing: simulator.packing,
            files: ["parameters": "parameters.csv", "curves": "curves.npy", "sigma": "sigma.npy", "q": "q.npy"],
            elapsedSeconds: elapsedSeconds)
    }

    /// Writes the files (each to a temporary name, then renamed, so none is seen half-written).
    public func write(_ rows: Rows, to folder: String, manifest: Manifest) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var csv = CelluloseParameters.names.joined(separator: ",") + "\n"
        for parameters in rows.parameters {
            csv += parameters.values.map { String(format: "%.9g", $0) }.joined(separator: ",") + "\n"
        }
        let points = rows.q.count
        try DatasetFiles.write(Array(csv.utf8), to: folder + "/parameters.csv")
        try DatasetFiles.write(NPYFile(float32: rows.intensity, shape: [rows.parameters.count, points]).bytes,
                               to: folder + "/curves.npy")
        try DatasetFiles.write(NPYFile(float32: rows.standardError, shape: [rows.parameters.count, points]).bytes,
                               to: folder + "/sigma.npy")
        try DatasetFiles.write(NPYFile(float64: rows.q, shape: [points]).bytes, to: folder + "/q.npy")
        try DatasetFiles.writeManifest(manifest, to: folder + "/manifest.json")
    }
}
