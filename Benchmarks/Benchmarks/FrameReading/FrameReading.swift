import Benchmark
import Foundation
import SAXSFrames
import Synchronization

/// How fast each reader turns a file in the page cache into a `Frame` (pixels as Doubles), on one core: a Pilatus
/// 1M frame (1043 x 981 int32) as uncompressed TIFF, EDF and FITS and as byte-offset CBF, and an Eiger 4M frame
/// (2162 x 2068 uint32) stored as Dectris stores it, one bitshuffle-LZ4 chunk, read by saxsd's own decoder and,
/// for comparison, through HDF5's bitshuffle plugin and without the trial process that guards against files
/// that crash libhdf5.
///
/// Targets: TIFF, EDF and FITS within 2 ms; CBF at least 1 GB/s of output (decoded pixels x 4 bytes, the
/// `Output MB/s` metric); the Eiger 4M frame within 15 ms.
///
/// The input files are written once, at start, by saxsd's own writers into a temporary folder, with seeded
/// Poisson counts falling off from a beam centre as a SAXS frame does (and module gaps on the Eiger), not zeros:
/// compression and branch prediction both depend on the counts.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, outputRate],
        timeUnits: .microseconds,
        warmupIterations: 3,
        maxDuration: .seconds(10),
        maxIterations: 300
    )

    let inputs: Inputs
    do {
        inputs = try Inputs.shared()
    } catch {
        print("frame reading benchmarks skipped: \(error)")
        return
    }

    let pilatus = inputs.pilatus.pixelCount
    Benchmark("TIFF Pilatus 1M int32") { benchmark in
        try read(benchmark, pixels: pilatus) { try TIFFReader().readFrames(path: inputs.tiff) }
    }
    Benchmark("EDF Pilatus 1M int32") { benchmark in
        try read(benchmark, pixels: pilatus) { try EDFReader().readFrames(path: inputs.edf) }
    }
    Benchmark("FITS Pilatus 1M int32") { benchmark in
        try read(benchmark, pixels: pilatus) { try FITSReader().readFrames(path: inputs.fits) }
    }
    Benchmark("CBF Pilatus 1M byte-offset") { benchmark in
        try read(benchmark, pixels: pilatus) { try CBFReader().readFrames(path: inputs.cbf) }
    }
    let eiger = inputs.eiger.pixelCount
    Benchmark("HDF5 Eiger 4M uint32 bitshuffle-LZ4") { benchmark in
        try read(benchmark, pixels: eiger) { try HDF5Reader().readFrames(path: inputs.hdf5) }
    }
    // Reads of one unchanged file make the trial once (the record keeps its verdict for the file's version); every
    // new file, or new version of one, is tried again. Here each read follows a new modification time, so every
    // read pays for its trial, as a detector's stream of new files does: in a trial server, as saxsd runs them,
    // and forked from this process, as trials run where no server can be started.
    let servers = HDF5TrialServer.installed
    for (label, server) in [("in a trial server", servers), ("forked from the reader", nil)] {
        Benchmark("HDF5 Eiger 4M uint32 bitshuffle-LZ4, trial every read \(label)") { benchmark in
            var stamp = 1_000_000_000
            try read(benchmark, pixels: eiger) {
                stamp += 1
                var times = [timespec(tv_sec: stamp, tv_nsec: 0), timespec(tv_sec: stamp, tv_nsec: 0)]
                utimensat(AT_FDCWD, inputs.hdf5, &times, 0)
                return try HDF5Reader(trialServer: server).readFrames(path: inputs.hdf5)
            }
        }
    }
    // The same read without first making libhdf5's calls in a trial process.
    Benchmark("HDF5 Eiger 4M uint32 bitshuffle-LZ4 without the trial process") { benchmark in
        try read(benchmark, pixels: eiger) { try HDF5Reader(triesInChild: false).readFrames(path: inputs.hdf5) }
    }
    Benchmark("HDF5 Eiger 4M uint32 bitshuffle-LZ4 through the HDF5 plugin") { benchmark in
        try read(benchmark, pixels: eiger) { try HDF5Reader(decodesBitshuffleLZ4: false).readFrames(path: inputs.hdf5) }
    }
}

/// Decoded output per second, as the CBF target is stated: pixels x 4 bytes (the detector's 32-bit counts).
let outputRate = BenchmarkMetric.custom("Output MB/s", polarity: .prefersLarger, useScalingFactor: false)

/// Reads one frame per iteration and records the output rate of each read.
func read(_ benchmark: Benchmark, pixels: Int, _ body: () throws -> [Frame]) throws {
    for _ in benchmark.scaledIterations {
        let started = ContinuousClock.now
        let frames = try body()
        let elapsed = ContinuousClock.now - started
        blackHole(frames)
        guard frames.first?.pixels.count == pixels else { throw Inputs.Failure(reason: "the reader returned another frame") }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        benchmark.measurement(outputRate, Int(Double(pixels * 4) / seconds / 1e6))
    }
}

/// The benchmark's input files, written once per run.
struct Inputs: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    let pilatus = FrameShape(rows: 1043, columns: 981)
    let eiger = FrameShape(rows: 2162, columns: 2068)
    let folder: String
    var tiff: String { folder + "/pilatus1m.tif" }
    var edf: String { folder + "/pilatus1m.edf" }
    var fits: String { folder + "/pilatus1m.fits" }
    var cbf: String { folder + "/pilatus1m.cbf" }
    var hdf5: String { folder + "/eiger4m_data_000001.h5" }

    private static let made = Result { try Inputs() }

    static func shared() throws -> Inputs { try made.get() }

    private init() throws {
        var template = Array("\(NSTemporaryDirectory())/saxsd-frame-reading-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure(reason: "cannot make a temporary folder") }
        folder = String(cString: made)
        // The files go when the benchmark process exits; the folder is tiny next to what it measures.
        atexit { Inputs.removeFolders() }
        Inputs.created.withLock { $0.append(folder) }

        let pilatusFrame = Frame(shape: pilatus, pixels: Self.counts(pilatus, beam: (rows: 980, columns: 490), gaps: Self.pilatusGaps))
        try TIFFWriter(sampleType: .int32).write([pilatusFrame], to: tiff)
        try EDFWriter(dataType: .int32).write([pilatusFrame], to: edf)
        try FITSWriter(sampleType: .int32).write([pilatusFrame], to: fits)
        try CBFWriter().write(pilatusFrame, to: cbf)
        // Module gaps are NaN here, written as 0xFFFFFFFF, Dectris' invalid-pixel mark.
        let eigerFrame = Frame(shape: eiger, pixels: Self.counts(eiger, beam: (rows: 1100, columns: 1010), gaps: Self.eigerGaps)
            .map { $0 < 0 ? .nan : $0 })
        try HDF5Writer(pixelType: .uint32, compression: .bitshuffleLZ4,
                       detector: .init(countTime: 0.1, wavelength: 1.0, distance: 3.0, pixelSize: 75e-6))
            .write([eigerFrame], to: hdf5)
    }

    private static let created = Mutex<[String]>([])

    private static func removeFolders() {
        for folder in created.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// Pilatus modules are 487 x 195 pixels with 7- and 17-pixel gaps between them, stored as -1.
    static func pilatusGaps(_ row: Int, _ column: Int) -> Bool {
        row % 212 >= 195 || column % 494 >= 487
    }

    /// Eiger2 modules are 1028 x 512 pixels, 10 and 38 pixels apart.
    static func eigerGaps(_ row: Int, _ column: Int) -> Bool {
        row % 550 >= 512 || column % 1040 >= 1028
    }

    /// Poisson counts whose mean falls off as q^-3 from the beam (a particle's Porod tail) over a flat
    /// background of 2, from a seeded generator; -1 in the gaps.
    static func counts(_ shape: FrameShape, beam: (rows: Int, columns: Int), gaps: (Int, Int) -> Bool) -> [Double] {
        var generator = SplitMix64(state: 0x5EED_0F_F4A3E)
        var pixels = [Double](repeating: 0, count: shape.pixelCount)
        for row in 0..<shape.rows {
            for column in 0..<shape.columns {
                if gaps(row, column) {
                    pixels[row * shape.columns + column] = -1
                    continue
                }
                let dr = Double(row - beam.rows), dc = Double(column - beam.columns)
                let r2 = dr * dr + dc * dc + 100
                let mean = min(2 + 4e6 / (r2 * r2.squareRoot()), 1e5)
                pixels[row * shape.columns + column] = generator.poisson(mean)
            }
        }
        return pixels
    }
}

/// A seeded generator (SplitMix64), so every run reads the same files.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Knuth's multiplication method for small means, a rounded normal approximation for large ones.
    mutating func poisson(_ mean: Double) -> Double {
        if mean > 50 {
            let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self), u2 = Double.random(in: 0..<1, using: &self)
            let normal = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
            return max(0, (mean + normal * mean.squareRoot()).rounded())
        }
        let limit = exp(-mean)
        var product = Double.random(in: 0..<1, using: &self)
        var count = 0.0
        while product > limit {
            product *= Double.random(in: 0..<1, using: &self)
            count += 1
        }
        return count
    }
}
