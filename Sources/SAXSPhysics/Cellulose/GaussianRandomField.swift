import Foundation

/// A stationary Gaussian random field on a periodic grid: white noise filtered in Fourier space so that its power
/// spectrum is S(k) ∝ (k² + μ²)^(−p/2).
///
/// p (`powExp`) sets how rough the field is at short range: for p > 4 the field is differentiable and its level
/// sets are smooth curves with a finite length per area (Porod's law holds for the phases cut from it); for
/// 2 < p ≤ 4 the level sets are fractal down to the pixel. μ (`mu`, nm^-1) flattens the spectrum below k ≈ μ, so
/// 1/μ is the correlation length and 2π/μ roughly the size of the amorphous domains.
///
/// The k = 0 mode is left out: every realization has a spatial mean of exactly zero, the correlation computed by
/// `normalizedCorrelation` is that of this zero-mean field (slightly negative at long range), and the level cut
/// then only has to absorb the field's sample variance.
public struct GaussianRandomField: Sendable, Hashable {
    public var powExp: Double
    /// nm^-1.
    public var mu: Double

    public init(powExp: Double, mu: Double) {
        precondition(powExp > 0 && mu >= 0)
        self.powExp = powExp
        self.mu = mu
    }

    /// S(k) at every entry of the half-plane spectrum of `grid` (0 at k = 0). Values below 10^-14 of the largest
    /// are set to zero: they carry less than 10^-9 of the variance together, and zero amplitudes let
    /// `realize` skip drawing their noise, which matters for smooth fields (large p), where most of the plane is
    /// such.
    public func spectrum(on grid: CrossSectionGrid) -> [Double] {
        let q = grid.halfPlaneQ()
        var s = q.map { k in k == 0 ? 0 : Foundation.pow(k * k + mu * mu, -powExp / 2) }
        let largest = s.max() ?? 0
        let floor = largest * 1e-14
        for index in s.indices where s[index] < floor { s[index] = 0 }
        return s
    }

    /// One realization into `field` (size² doubles, unnormalised: only the shape matters to a level cut).
    /// `amplitude` is √S from `spectrum(on:)`; `spectrumBuffer` is scratch.
    ///
    /// The noise is drawn directly in Fourier space, which saves the forward transform of real white noise: each
    /// half-plane mode gets a complex Gaussian with E|W|² = 1, except that the modes that are their own conjugate
    /// (kx = 0 or size/2, ky = 0 or size/2) are real, and within the kx = 0 and kx = size/2 columns the entry at
    /// −ky is the conjugate of the one at ky. That is exactly the distribution of the transform of real white
    /// noise, so the field's covariance is the inverse transform of S.
    public func realize(amplitude: [Double], plans: FourierPlans, spectrumBuffer: FFTWBuffer, field: FFTWBuffer,
                        generator: inout SeededGenerator) {
        let size = plans.size
        let columns = size / 2 + 1
        let half = size / 2
        precondition(amplitude.count == plans.spectrumCount)
        let out = spectrumBuffer.doubles
        let scale = 0.5.squareRoot()
        amplitude.withUnsafeBufferPointer { a in
            for row in 0..<size {
                for kx in 1..<(columns - 1) {
                    let index = row * columns + kx
                    let amp = a[index]
                    if amp == 0 {
                        out[2 * index] = 0
                        out[2 * index + 1] = 0
                    } else {
                        let (x, y) = generator.normalPair()
                        out[2 * index] = amp * scale * x
                        out[2 * index + 1] = amp * scale * y
                    }
                }
            }
            // The self-conjugate columns kx = 0 and kx = size/2.
            for kx in [0, half] {
                for row in [0, half] {
                    let index = row * columns + kx
                    out[2 * index] = a[index] == 0 ? 0 : a[index] * generator.normal()
                    out[2 * index + 1] = 0
                }
                for row in 1..<half {
                    let index = row * columns + kx
                    let mirror = (size - row) * columns + kx
                    let amp = a[index]
                    var (x, y) = (0.0, 0.0)
                    if amp != 0 { (x, y) = generator.normalPair() }
                    out[2 * index] = amp * scale * x
                    out[2 * index + 1] = amp * scale * y
                    out[2 * mirror] = amp * scale * x
                    out[2 * mirror + 1] = -amp * scale * y
                }
            }
        }
        plans.backward(spectrumBuffer, into: field)
    }

    /// The normalised two-point correlation g(r) = C(r)/C(0) of the field on `grid`, at every pixel offset
    /// (row-major, periodic: offset (dx, dy) at [dy * size + dx]). It is the inverse transform of S.
    public func normalizedCorrelation(on grid: CrossSectionGrid) -> [Double] {
        let plans = FourierPlans.shared(size: grid.size)
        let s = spectrum(on: grid)
        let spectrumBuffer = FFTWBuffer(complexCount: plans.spectrumCount)
        for index in s.indices {
            spectrumBuffer.doubles[2 * index] = s[index]
            spectrumBuffer.doubles[2 * index + 1] = 0
        }
        let real = FFTWBuffer(realCount: plans.pixelCount)
        plans.backward(spectrumBuffer, into: real)
        let zero = real.doubles[0]
        return real.array.map { $0 / zero }
    }
}
