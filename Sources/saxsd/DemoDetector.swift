import Foundation
import SAXSFrames
import SAXSIntegration
import SAXSPhysics
import SAXSPipeline
import Synchronization

/// The demo's simulated detector: a Pilatus 1M two metres from the sample at 12.4 keV, writing frames of every
/// phase in turn (`PhaseFrames`: each phase's parameters drawn from its priors), as a sample changer would.
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

    /// nm⁻¹ below which the beamstop shadows the detector: about 3 mm at 2 m and 1 Å.
    static let beamstopQ = 0.06

    private let source: PhaseFrames
    private let folder: String
    private let closed = Mutex<[String: (time: Double, phase: PhaseLabel)]>([:])

    init(settings: PipelineSettings, folder: String) throws {
        var detector = try DetectorSimulator(geometry: settings.geometry, shape: Self.shape,
                                             polarization: settings.integration.polarization ?? 0,
                                             beamstopQ: Self.beamstopQ)
        // The beamstop and its arm are masked as a beamline's mask file would mask them: written as -1 like the
        // module gaps, which `dummy = -1` leaves out of the integration.
        for pixel in detector.gaps.indices where detector.beamstop[pixel] { detector.gaps[pixel] = true }
        source = PhaseFrames(detector: detector, totalCounts: 3e7)
        self.folder = folder
    }

    /// Monotonic time at which the frame at `path` was renamed into place.
    func closeTime(of path: String) -> Double? {
        closed.withLock { $0[path]?.time }
    }

    /// The phase the frame at `path` shows.
    func phase(of path: String) -> PhaseLabel? {
        closed.withLock { $0[path]?.phase }
    }

    func run(frames: Int, intervalMilliseconds: Int) {
        let writer = FITSWriter(sampleType: .int32)
        var next = Timestamp.monotonic()
        for index in 1...frames {
            let phase = PhaseLabel.allCases[(index - 1) % PhaseLabel.allCases.count]
            let frame = source.shot(phase, seed: 1, index: index).frame
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
            closed.withLock { $0[final] = (Timestamp.monotonic(), phase) }
            rename(temporary, final)
        }
    }
}
