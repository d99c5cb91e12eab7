import Benchmark
import Foundation
import SAXSFrames
import SAXSIntegration

/// Issue 3's speed targets, on the cases pyFAI and azint were timed on (`scripts/pyfai_benchmark.py`): the
/// Pilatus 1M reference frame of `shared/reference/pyfai` and a simulated Eiger 4M, 1000 bins, solid angle +
/// polarization + Poisson errors. Building an integrator is paid once per geometry change, loading a cached
/// matrix once per restart, integrating once per frame (on one core: the service runs frames in parallel).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 2,
        maxDuration: .seconds(10),
        maxIterations: 300
    )

    var cases: [DetectorCase] = []
    do {
        cases.append(try DetectorCase.pilatus1M())
    } catch {
        print("Pilatus 1M benchmarks skipped: \(error)")
    }
    cases.append(DetectorCase.eiger4M())

    for detector in cases {
        for split in [PixelSplitting.no, .bbox] {
            let settings = IntegrationSettings(npt: 1000, unit: .qNm, split: split, solidAngle: true, polarization: 0.99)
            let label = "\(detector.name) split=\(split.rawValue)"

            Benchmark("Build matrix \(label)", configuration: .init(maxDuration: .seconds(20), maxIterations: 20)) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(try detector.integrator(settings))
                }
            }

            // One folder, emptied before the first build, so that runs do not accumulate cached matrices.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("saxsd-benchmark-cache").path
            try? FileManager.default.removeItem(atPath: folder)
            let cache = MatrixCache(directory: folder)
            _ = try? detector.integrator(settings, cache: cache)
            Benchmark("Load cached matrix \(label)", configuration: .init(maxDuration: .seconds(10), maxIterations: 50)) { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(try detector.integrator(settings, cache: cache))
                }
            }

            let integrator = try? detector.integrator(settings)
            if let integrator {
                // What one frame reads: the pixels (8 B), each pixel's first bin (4 B) and its band of weights.
                let bytes = detector.frame.pixels.count * 12 + integrator.elementCount * 4
                print("\(label): \(integrator.elementCount) stored weights, \(bytes / 1_000_000) MB read per frame")
            }
            Benchmark("Integrate frame \(label)") { benchmark in
                guard let integrator else { throw DetectorCase.Unavailable(reason: "the integrator could not be built") }
                for _ in benchmark.scaledIterations {
                    blackHole(try integrator.integrate(detector.frame))
                }
            }
        }
    }
}

struct DetectorCase: Sendable {
    struct Unavailable: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    var name: String
    var geometry: Geometry
    var frame: Frame
    var mask: DetectorMask?

    /// `shared/` sits beside the checkout: four folders above this file's own.
    static func pilatus1M() throws -> DetectorCase {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/reference/pyfai")
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let geometry = try Geometry.load(poniPath: path("pilatus1m.poni"))
        guard let frame = try FrameFile().readFrames(path: path("pilatus1m_frame.fits")).first else {
            throw Unavailable(reason: "the reference frame file holds no image")
        }
        let mask = try DetectorMask.load(path: path("pilatus1m_mask.fits"), expectedShape: frame.shape)
        return DetectorCase(name: "Pilatus1M", geometry: geometry, frame: frame, mask: mask)
    }

    /// An Eiger 4M (2167 x 2070, 75 µm) at 1.5 m with the beam near its centre, counts falling off as q⁻³ with a
    /// deterministic ripple in place of noise.
    static func eiger4M() -> DetectorCase {
        let shape = FrameShape(rows: 2167, columns: 2070)
        let geometry = Geometry(distance: 1.5, poni1: 0.0815, poni2: 0.0775, rot1: 0.002, rot2: 0.001,
                                wavelength: 1e-10, pixel1: 75e-6, pixel2: 75e-6, detector: "Eiger4M",
                                maxShape: shape)
        var pixels = [Double](repeating: 0, count: shape.pixelCount)
        for row in 0..<shape.rows {
            for column in 0..<shape.columns {
                let dr = Double(row) - 1086.7, dc = Double(column) - 1033.3
                let r2 = dr * dr + dc * dc + 25
                pixels[row * shape.columns + column] = (3e7 / (r2 * r2.squareRoot()) + 3).rounded(.down)
                    + Double((row * 7919 + column * 104_729) % 7)
            }
        }
        var isMasked = [Bool](repeating: false, count: shape.pixelCount)
        for row in 0..<shape.rows {
            for column in 0..<shape.columns {
                // Eiger module gaps (every 514 rows, 1030 columns) and a beamstop of 20 pixels.
                let dr = Double(row) - 1086.7, dc = Double(column) - 1033.3
                isMasked[row * shape.columns + column] = (row % 551) >= 514 || (column % 1040) >= 1030
                    || dr * dr + dc * dc < 400
            }
        }
        return DetectorCase(name: "Eiger4M", geometry: geometry, frame: Frame(shape: shape, pixels: pixels),
                            mask: DetectorMask(shape: shape, isMasked: isMasked))
    }

    func integrator(_ settings: IntegrationSettings, cache: MatrixCache? = nil) throws -> RadialIntegrator {
        try RadialIntegrator(geometry: geometry, shape: frame.shape, mask: mask, settings: settings, cache: cache)
    }
}
