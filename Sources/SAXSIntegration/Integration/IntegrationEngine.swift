import SAXSFrames

/// What every integrator shares: the matrix (built from the set-up's pixel maps or loaded from the cache) and
/// the per-frame pass that turns a frame into bin means with their errors.
struct IntegrationEngine: Sendable {
    let geometry: Geometry
    let shape: FrameShape
    let settings: IntegrationSettings
    let radial: BinAxis
    let azimuth: BinAxis?
    let matrix: IntegrationMatrix
    let dark: [Double]?
    private let filter: PixelFilter

    init(setup: DetectorSetup, settings: IntegrationSettings, radialBins: Int, azimuth: BinAxis?,
         cache: MatrixCache?) throws(IntegrationError) {
        try settings.validate()
        let key = cache.map { _ in
            MatrixCache.key(setup: setup.fingerprint, settings: settings, radialBins: radialBins, azimuth: azimuth)
        }
        if let cache, let key, let cached = cache.load(key: key) {
            (radial, matrix) = cached
        } else {
            let table = setup.table(settings, azimuthal: azimuth != nil)
            guard table.isValid.contains(true) else {
                throw IntegrationError(.noValidPixels, "every pixel is masked")
            }
            let bins = try PixelBins(table: table, settings: settings, radialBins: radialBins, azimuth: azimuth)
            radial = bins.radial
            matrix = IntegrationMatrix(bins)
            if let cache, let key { cache.store(key: key, radial: radial, matrix: matrix) }
        }
        geometry = setup.geometry
        shape = setup.shape
        self.settings = settings
        self.azimuth = azimuth
        dark = setup.corrections.dark
        filter = PixelFilter(invalid: settings.invalid, dummy: settings.dummyRange)
    }

    /// Bin means of one frame, divided by the normalization, with their standard errors and pixel counts; empty
    /// bins hold zeros.
    func integrate(_ frame: Frame) throws(IntegrationError) -> (intensity: [Double], sigma: [Double], count: [Double]) {
        guard frame.shape == shape else {
            throw IntegrationError(.shapeMismatch,
                                   "the frame is \(frame.shape) (rows x columns) but the integrator was built for \(shape)")
        }
        let divisor = try normalization(of: frame)
        let totals = switch settings.errorModel {
        case .poisson: matrix.poissonTotals(frame.pixels, dark: dark, filter: filter)
        case .azimuthal: matrix.azimuthalTotals(frame.pixels, dark: dark, filter: filter)
        }
        var intensity = [Double](repeating: 0, count: matrix.binCount)
        var sigma = [Double](repeating: 0, count: matrix.binCount)
        var count = [Double](repeating: 0, count: matrix.binCount)
        for bin in 0..<matrix.binCount where totals.entries[bin] > 0 && totals.norm[bin] > 0 {
            let norm = totals.norm[bin] * divisor
            intensity[bin] = totals.signal[bin] / norm
            sigma[bin] = max(totals.variance[bin], 0).squareRoot() / norm
            count[bin] = max(totals.weight[bin], 0)
        }
        return (intensity, sigma, count)
    }

    /// The constant factor times the frame's header values named by the settings.
    func normalization(of frame: Frame) throws(IntegrationError) -> Double {
        var divisor = settings.normalization.factor
        for key in settings.normalization.headerKeys {
            guard let value = frame.header[key]?.doubleValue else {
                let found = frame.header[key].map { "holds '\($0)', not a number" } ?? "is missing"
                throw IntegrationError(.missingMetadata, "the normalization divides by header value '\(key)', which \(found)")
            }
            guard value.isFinite, value > 0 else {
                throw IntegrationError(.missingMetadata, "the normalization divides by header value '\(key)' = \(value), which is not positive")
            }
            divisor *= value
        }
        return divisor
    }
}
