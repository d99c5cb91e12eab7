/// The training features as histogram bin indices, with the cut points that define the bins: XGBoost's `hist`
/// method. Each feature gets at most `maxBin` bins at its quantiles; bin `b` holds the values in
/// `[cut[b-1], cut[b])`, so a split after bin `b` is the float32 rule `x < cut[b]` that the saved tree uses.
struct BinnedFeatures: Sendable {
    let rowCount: Int
    let featureCount: Int
    /// Cut points of feature `f` are `cuts[cutStarts[f] ..< cutStarts[f + 1]]`, strictly ascending; the last one
    /// lies above the feature's largest value.
    let cuts: [Float]
    let cutStarts: [Int]
    /// Just below each feature's smallest value: the threshold of a split that sends only missing values left.
    let minimums: [Float]
    /// Column-major: the bin of row `r`, feature `f` is at `f * rowCount + r`. A missing value has bin
    /// `binCount(f)`, one past the real bins, so histograms collect missing rows in a bin of their own.
    /// UInt16 because 256 bins plus the missing one do not fit a byte.
    let bins: [UInt16]

    init(_ matrix: FeatureMatrix, maxBin: Int, threads: Int) {
        let rows = matrix.rowCount
        let features = matrix.columnCount
        var featureCuts = [[Float]](repeating: [], count: features)
        var featureMinimums = [Float](repeating: 0, count: features)
        var bins = [UInt16](repeating: 0, count: rows * features)
        featureCuts.withUnsafeMutableBufferPointer { cutSlots in
            featureMinimums.withUnsafeMutableBufferPointer { minimumSlots in
                bins.withUnsafeMutableBufferPointer { binSlots in
                    nonisolated(unsafe) let cutSlots = cutSlots
                    nonisolated(unsafe) let minimumSlots = minimumSlots
                    nonisolated(unsafe) let binSlots = binSlots
                    matrix.values.withUnsafeBufferPointer { values in
                        nonisolated(unsafe) let values = values
                        ParallelLoop.forEach(features, threads: threads) { feature in
                            // The known values with their rows, sorted; the bins are then handed out in one sweep.
                            var order = [UInt64]()
                            order.reserveCapacity(rows)
                            for row in 0..<rows where !values[row * features + feature].isNaN {
                                order.append(UInt64(Self.sortKey(values[row * features + feature])) << 32 | UInt64(row))
                            }
                            Self.radixSortByHighHalf(&order)
                            let sorted = order.map { values[Int($0 & 0xFFFF_FFFF) * features + feature] }
                            let cuts = Self.quantileCuts(sorted: sorted, maxBin: maxBin)
                            cutSlots[feature] = cuts
                            minimumSlots[feature] = sorted.first.map { Float(Double($0) - (abs(Double($0)) + 1e-5)) } ?? 0
                            let column = binSlots.baseAddress! + feature * rows
                            column.update(repeating: UInt16(cuts.count), count: rows)
                            var bin = 0
                            for (entry, value) in zip(order, sorted) {
                                while cuts[bin] <= value { bin += 1 }
                                column[Int(entry & 0xFFFF_FFFF)] = UInt16(bin)
                            }
                        }
                    }
                }
            }
        }
        rowCount = rows
        featureCount = features
        cuts = featureCuts.flatMap { $0 }
        cutStarts = featureCuts.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        minimums = featureMinimums
        self.bins = bins
    }

    func binCount(_ feature: Int) -> Int { cutStarts[feature + 1] - cutStarts[feature] }

    /// The float32 threshold of a split that sends bins `0...bin` left; bin -1 sends only missing values left.
    func threshold(feature: Int, bin: Int) -> Float {
        bin < 0 ? minimums[feature] : cuts[cutStarts[feature] + bin]
    }

    /// Cut points as XGBoost places them. The sorted values form an exact weighted quantile summary (each
    /// distinct value with its rank range); when it has more than `maxBin + 1` entries it is pruned to that many
    /// at evenly spaced ranks, by the rule of XGBoost's `WQSummary::SetPrune` (with its float32 rank arithmetic),
    /// so that on data XGBoost summarizes exactly (a few thousand rows) the cuts are XGBoost's to the bit. The
    /// entries after the smallest become cuts, and a last cut above the largest value (max + |max| + 1e-5)
    /// closes the top bin.
    static func quantileCuts(sorted values: [Float], maxBin: Int) -> [Float] {
        guard !values.isEmpty else { return [] }
        var distinct: [Float] = []
        var rankBelow: [Float] = []
        for (index, value) in values.enumerated() where index == 0 || value != values[index - 1] {
            distinct.append(value)
            rankBelow.append(Float(index))
        }
        let count = distinct.count
        rankBelow.append(Float(values.count))
        // Entry j holds ranks (rankBelow[j], rankBelow[j + 1]]: rmin, rmax and their difference wmin.
        let rmin = { (j: Int) in rankBelow[j] }
        let rmax = { (j: Int) in rankBelow[j + 1] }
        var summary: [Float]
        if count <= maxBin + 1 {
            summary = distinct
        } else {
            summary = [distinct[0]]
            let begin = rmax(0)
            let range = rmin(count - 1) - begin
            var i = 1
            var last = 0
            for k in 1..<maxBin {
                let target = 2 * (Float(k) * range / Float(maxBin) + begin)
                while i < count - 1, target >= rmax(i + 1) + rmin(i + 1) { i += 1 }
                if i == count - 1 { break }
                // Entry i or i + 1, whichever the target rank lies nearer: their boundary is rmax(i) = rmin(i + 1).
                let chosen = target < 2 * rmax(i) ? i : i + 1
                if chosen != last {
                    summary.append(distinct[chosen])
                    last = chosen
                }
            }
            if last != count - 1 { summary.append(distinct[count - 1]) }
        }
        var cuts = Array(summary[1..<min(summary.count, maxBin)])
        cuts.append(Float(Double(summary.last!) + (abs(Double(summary.last!)) + 1e-5)))
        return cuts
    }

    /// The float's bits made into an unsigned integer of the same order (negative values flipped whole,
    /// positive ones with the sign bit set), so that integers can be sorted in its place. Not for NaN.
    static func sortKey(_ value: Float) -> UInt32 {
        let bits = value.bitPattern
        return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    }

    /// Sorts by the upper 32 bits, in four stable passes of one byte each (least significant first): linear in
    /// the row count, where a comparison sort of every feature was a tenth of the training time.
    static func radixSortByHighHalf(_ entries: inout [UInt64]) {
        var buffer = entries
        for shift in stride(from: 32, to: 64, by: 8) {
            var starts = [Int](repeating: 0, count: 257)
            for entry in entries { starts[Int((entry >> UInt64(shift)) & 0xFF) + 1] += 1 }
            for digit in 0..<256 { starts[digit + 1] += starts[digit] }
            for entry in entries {
                let digit = Int((entry >> UInt64(shift)) & 0xFF)
                buffer[starts[digit]] = entry
                starts[digit] += 1
            }
            swap(&entries, &buffer)
        }
    }
}
