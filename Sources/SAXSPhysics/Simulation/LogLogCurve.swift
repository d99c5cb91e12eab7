#if canImport(Glibc)
import Glibc
#endif

/// A positive curve sampled on increasing q, read between samples by straight lines in log I against log q (how
/// SAXS curves bend) and beyond its ends by a power law: the least-squares slope of its `endPoints` first (last)
/// samples in log-log, through its first (last) sample. More than two end points keep one noisy sample (a single
/// simulated map's lowest q holds few Fourier modes) from setting the slope of everything beyond it.
struct LogLogCurve: Sendable {
    private let logQ: [Double]
    private let logI: [Double]
    private let lowSlope: Double
    private let highSlope: Double

    init(q: [Double], intensity: [Double], endPoints: Int = 2) {
        precondition(q.count >= 2 && q.count == intensity.count)
        // A sample at or below zero (a simulated curve's noise) takes a tiny positive value: its log must exist.
        let floor = (intensity.filter { $0 > 0 }.min() ?? 1) * 1e-6
        let logQ = q.map { log($0) }
        let logI = intensity.map { log(max($0, floor)) }
        let ends = min(max(2, endPoints), q.count)
        func slope(_ points: Range<Int>) -> Double {
            var line = WeightedLineFit()
            for i in points { line.add(x: logQ[i], y: logI[i], weight: 1) }
            return line.slope
        }
        lowSlope = slope(0..<ends)
        highSlope = slope((q.count - ends)..<q.count)
        self.logQ = logQ
        self.logI = logI
    }

    func value(at q: Double) -> Double {
        guard q > 0 else { return exp(logI[0]) }
        let x = log(q)
        let last = logQ.count - 1
        if x <= logQ[0] { return exp(logI[0] + lowSlope * (x - logQ[0])) }
        if x >= logQ[last] { return exp(logI[last] + highSlope * (x - logQ[last])) }
        var low = 0, high = last
        while high - low > 1 {
            let middle = (low + high) / 2
            if logQ[middle] <= x { low = middle } else { high = middle }
        }
        let t = (x - logQ[low]) / (logQ[high] - logQ[low])
        return exp(logI[low] + t * (logI[high] - logI[low]))
    }
}
