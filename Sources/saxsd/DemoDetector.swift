import Foundation
import SAXSFrames
import SAXSIntegration
import SAXSPhysics
import SAXSPipeline
import Synchronization

/// The demo's simulated detector: a Pilatus 1M two metres from the sample at 12.4 keV, writing frames of a
/// lamellar phase whose d-spacing drifts by a few per cent over the run, like a temperature ramp.
final class DemoDetector: Sendable {
    static let shape = FrameShape(rows: 1043, columns: 981)
    static let poni = """
        # Built-in geometry of saxsd's demo: Pilatus 1M, 2 m, 1 Angstrom, slightly tilted.
        poni_version: 2.1
        Detector: Pilatus1M
        Detector_config: {"pixel1": 0.000172, "pixel2": 0.000172, "max_shape": [1043, 981], "orientation": 3}
        Distance: 2.0
        Poni1: 0.08121101664083226
        Poni2: 0.10526106669333442
        Rot1: 0.01
        Rot2: 0.005
        Rot3: 0.0
        Wavelength: 1e-10

        """

    private let simulator: DetectorSimulator
    private let folder: String
    private let closed = Mutex<[String: Double]>([:])

    init(settings: PipelineSettings, folder: String) throws {
        let geometry = settings.geometry
        var factor = try geometry.solidAngleMap(shape: Self.shape)
        let polarization = try geometry.polarizationMap(shape: Self.shape, factor: settings.integration.polarization ?? 0)
        for i in factor.indices { factor[i] *= polarization[i] }
        simulator = DetectorSimulator(shape: Self.shape, q: try geometry.radialMap(shape: Self.shape, unit: .qNm), factor: factor,
                                      wavelength: geometry.wavelength, distance: geometry.distance)
        self.folder = folder
    }

    /// Monotonic time at which the frame at `path` was renamed into place.
    func closeTime(of path: String) -> Double? {
        closed.withLock { $0[path] }
    }

    func run(frames: Int, intervalMilliseconds: Int) {
        let writer = FITSWriter(sampleType: .int32)
        var next = Timestamp.monotonic()
        for index in 1...frames {
            let progress = frames > 1 ? Double(index - 1) / Double(frames - 1) : 0
            let pattern = RingPattern.lamellar(dSpacing: 5.838 * (1 + 0.03 * progress))
            let frame = simulator.frame(pattern: pattern, exposure: 1, seed: UInt64(index))
            let name = String(format: "frame_%05d.fits", index)
            let temporary = "\(folder)/.\(name).part"
            let final = "\(folder)/\(name)"
            do {
                try writer.write([frame], to: temporary,
                                 keywords: frame.header.entries.map { ($0.key, $0.value) } + [("FRAMENO", .integer(index))])
            } catch {
                StandardError.write("demo detector: \(error)\n")
                continue
            }
            let now = Timestamp.monotonic()
            if now < next { usleep(useconds_t((next - now) * 1_000_000)) }
            next = max(now, next) + Double(intervalMilliseconds) / 1000
            // Recorded before the rename: the service may finish before this thread runs again.
            closed.withLock { $0[final] = Timestamp.monotonic() }
            rename(temporary, final)
        }
    }
}
