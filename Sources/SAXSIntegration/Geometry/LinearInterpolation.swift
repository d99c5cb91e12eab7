/// numpy's `interp`, which pyFAI uses for its sensor tables: piecewise linear through (xs, ys), clamped to the
/// end values outside, with xs ascending. Repeated xs (absorption edges) resolve to the last of them, as in
/// numpy, so that an energy exactly on an edge takes the value above it.
enum LinearInterpolation {
    static func value(at x: Double, xs: [Double], ys: [Double]) -> Double {
        let last = xs.count - 1
        if x.isNaN { return .nan }
        if x >= xs[last] { return ys[last] }
        if x < xs[0] { return ys[0] }
        // xs[low] <= x < xs[high] throughout.
        var low = 0
        var high = last
        while high - low > 1 {
            let middle = (low + high) / 2
            if xs[middle] <= x { low = middle } else { high = middle }
        }
        if xs[low] == x { return ys[low] }
        let slope = (ys[low + 1] - ys[low]) / (xs[low + 1] - xs[low])
        let result = slope * (x - xs[low]) + ys[low]
        guard result.isNaN else { return result }
        // numpy's fallback when one end of the segment is infinite.
        let fromAbove = slope * (x - xs[low + 1]) + ys[low + 1]
        return fromAbove.isNaN && ys[low] == ys[low + 1] ? ys[low] : fromAbove
    }
}
