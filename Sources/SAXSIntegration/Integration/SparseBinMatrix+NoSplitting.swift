extension SparseBinMatrix {
    /// pyFAI's ("no", "histogram") integration: each pixel goes whole into the bin of its centre.
    ///
    /// The range follows pyFAI exactly: from the lowest centre over *all* pixels, masked ones included, to the
    /// highest widened by one single-precision ulp. Bins below the first valid pixel stay empty, as in pyFAI.
    static func withoutSplitting(_ pixels: PixelTable, binCount: Int) throws(IntegrationError) -> (RadialBinning, SparseBinMatrix) {
        var lowest = Double.infinity
        var highest = -Double.infinity
        for position in pixels.radial where position.isFinite {
            lowest = min(lowest, position)
            highest = max(highest, position)
        }
        let binning = try RadialBinning(lower: lowest, highest: highest, count: binCount)
        var builder = Builder(reservingCapacity: pixels.radial.count)
        for pixel in pixels.radial.indices where pixels.isValid[pixel] {
            builder.add(bin: binning.bin(pixels.radial[pixel]), pixel: pixel, coefficient: 1)
        }
        return (binning, builder.build(binCount: binCount, normalization: pixels.normalization))
    }
}
