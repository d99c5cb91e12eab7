import Benchmark
import Foundation
import SAXSFrames
import SAXSIntegration

/// The Pilatus 1M reference case of `shared/reference/pyfai`: building an integrator is paid once per geometry
/// change, integrating once per frame.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 200
    )

    let reference: ReferenceCase
    do {
        reference = try ReferenceCase.load()
    } catch {
        print("Integration benchmarks skipped: \(error)")
        return
    }

    for split in [PixelSplitting.no, .bbox] {
        let settings = IntegrationSettings(npt: 1000, unit: .qNm, split: split, solidAngle: true, polarization: 0.99)

        Benchmark("Build integrator Pilatus1M split=\(split.rawValue)",
                  configuration: .init(maxDuration: .seconds(20), maxIterations: 20)) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try reference.integrator(settings))
            }
        }

        let integrator = try? reference.integrator(settings)
        Benchmark("Integrate frame Pilatus1M split=\(split.rawValue)") { benchmark in
            guard let integrator else { throw ReferenceCase.Unavailable(reason: "the integrator could not be built") }
            for _ in benchmark.scaledIterations {
                blackHole(try integrator.integrate(reference.frame))
            }
        }
    }
}

struct ReferenceCase: Sendable {
    struct Unavailable: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    var geometry: Geometry
    var frame: Frame
    var mask: DetectorMask

    /// `shared/` sits beside the checkout: four folders above this file's own.
    static func load() throws -> ReferenceCase {
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
        return ReferenceCase(geometry: geometry, frame: frame, mask: mask)
    }

    func integrator(_ settings: IntegrationSettings) throws -> RadialIntegrator {
        try RadialIntegrator(geometry: geometry, shape: frame.shape, mask: mask, settings: settings)
    }
}
