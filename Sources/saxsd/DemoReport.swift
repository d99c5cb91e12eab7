import Foundation
import SAXSDaemon
import SAXSPipeline
import Synchronization

/// Collects the demo's results as the service reports them and prints the live lines and the summary.
final class DemoReport: Sendable {
    private struct State {
        var latencies: [Double] = []
        var integrate: [Double] = []
        var seen = 0
        var failures = 0
        var labelled = 0
        var labelledAsShown = 0
        var modelID: String?
    }

    private let expected: Int
    private let state = Mutex(State())

    init(expected: Int) {
        self.expected = expected
    }

    var failures: Int { state.withLock { $0.failures } }

    /// Returns true once every expected frame has been seen.
    /// `shown` is the phase the frame's simulated sample has.
    func record(job: WorkQueue.Job, outcome: FileOutcome, finished: Double, written: Double?, shown: String?) -> Bool {
        guard case .processed(let frames) = outcome else { return false }
        let name = (job.path as NSString).lastPathComponent
        return state.withLock { state in
            for frame in frames {
                state.seen += 1
                let latency = written.map { (finished - $0) * 1000 }
                if let latency { state.latencies.append(latency) }
                if let ms = frame.timingMs["integrate"] { state.integrate.append(ms) }
                var line = "  \(name)  \(frame.status.rawValue)"
                if let error = frame.error {
                    state.failures += 1
                    line += "  \(error.kind): \(error.message)"
                } else {
                    line += "  \(frame.points) points"
                    if let q = frame.qRange { line += String(format: "  q %.3f-%.3f nm^-1", q.lowerBound, q.upperBound) }
                    if let ms = frame.timingMs["read"] { line += String(format: "  read %.1f ms", ms) }
                    if let ms = frame.timingMs["integrate"] { line += String(format: "  integrate %.1f ms", ms) }
                }
                if let phase = frame.phase {
                    state.labelled += 1
                    state.modelID = phase.modelID
                    line += String(format: "  phase %@ %.2f", phase.label, phase.probability)
                    if phase.label == shown { state.labelledAsShown += 1 } else if let shown { line += " (shows \(shown))" }
                }
                if let latency { line += String(format: "  latency %.1f ms", latency) }
                print(line)
            }
            return state.seen >= expected
        }
    }

    func printSummary(folder: String) {
        let snapshot = state.withLock { $0 }
        print("")
        print("\(snapshot.seen) frame(s) processed, \(snapshot.failures) failed")
        if !snapshot.latencies.isEmpty {
            let l = Percentiles(snapshot.latencies)
            print(String(format: "latency (frame in place -> .saxs.json in place): p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                         l.p50, l.p99, l.max))
        }
        if let modelID = snapshot.modelID {
            print("phase: \(snapshot.labelledAsShown) of \(snapshot.labelled) frame(s) labelled with the phase they show (models \(modelID))")
        }
        if !snapshot.integrate.isEmpty {
            print(String(format: "integration alone: median %.1f ms", Percentiles(snapshot.integrate).p50))
        }
        print("frames, sidecars (.saxs.dat, .saxs.json) and detector.poni left in \(folder)")
    }
}

/// Nearest-rank percentiles of a sample.
struct Percentiles {
    var p50: Double
    var p99: Double
    var max: Double

    init(_ values: [Double]) {
        let sorted = values.sorted()
        func rank(_ p: Double) -> Double {
            sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
        }
        p50 = rank(0.5)
        p99 = rank(0.99)
        max = sorted.last ?? 0
    }
}
