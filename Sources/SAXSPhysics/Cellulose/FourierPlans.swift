import CFFTW
import Synchronization

/// FFTW's planner (`fftw_plan_*`, `fftw_destroy_plan`) reads and writes global state (wisdom, twiddle caches) and
/// is not thread-safe; every call to it goes through this lock. Executing an existing plan is thread-safe.
private let fftwPlanner = Mutex<[Int: FourierPlans]>([:])

/// The two real 2-D transforms of one square periodic grid (real → half-plane complex and back), planned once and
/// shared by every worker.
///
/// Why `@unchecked Sendable` is sound: after `init` the plans are never modified, and they are only run through
/// FFTW's new-array functions (`fftw_execute_dft_r2c`, `fftw_execute_dft_c2r`), which FFTW documents as safe to
/// call from several threads at once on the same plan as long as each call has its own arrays with the layout and
/// alignment of the planning arrays. Every array handed in is an `FFTWBuffer` from `fftw_malloc`, so the
/// alignment holds; the layout is the grid's, checked by precondition. Creation and destruction take the planner
/// lock.
public final class FourierPlans: @unchecked Sendable {
    /// Pixels per side.
    public let size: Int
    private let forwardPlan: OpaquePointer
    private let backwardPlan: OpaquePointer

    /// Number of complex values in the half-plane spectrum of a `size`² real grid: size × (size / 2 + 1), stored
    /// row-major with kx (0 … size/2) fastest.
    public var spectrumCount: Int { size * (size / 2 + 1) }
    public var pixelCount: Int { size * size }

    /// The plans for a grid of this size, made on first use and then reused (planning costs far more than a
    /// transform).
    public static func shared(size: Int) -> FourierPlans {
        fftwPlanner.withLock { cache in
            if let plans = cache[size] { return plans }
            let plans = FourierPlans(lockedSize: size)
            cache[size] = plans
            return plans
        }
    }

    /// Called with the planner lock held.
    private init(lockedSize size: Int) {
        precondition(size >= 4 && size % 2 == 0, "the grid must have an even number of pixels per side")
        self.size = size
        let real = FFTWBuffer(realCount: size * size)
        let spectrum = FFTWBuffer(complexCount: size * (size / 2 + 1))
        // FFTW_ESTIMATE: measuring would take longer than the few hundred transforms of a short run gain from it,
        // and an estimated plan gives the same numbers on every run (measured plans may differ between runs in
        // the last bits, which would spoil bit-for-bit determinism of data sets).
        let flags = UInt32(1 << 6)
        forwardPlan = fftw_plan_dft_r2c_2d(Int32(size), Int32(size), real.doubles, spectrum.complex, flags)
        backwardPlan = fftw_plan_dft_c2r_2d(Int32(size), Int32(size), spectrum.complex, real.doubles, flags)
    }

    deinit {
        // The cache keeps plans alive for the process; this runs only if that ever changes.
        let forward = forwardPlan, backward = backwardPlan
        fftwPlanner.withLock { _ in
            fftw_destroy_plan(forward)
            fftw_destroy_plan(backward)
        }
    }

    /// Unnormalised forward transform: spectrum[k] = Σ_n real[n] e^{-2πi k·n/size}.
    public func forward(_ real: FFTWBuffer, into spectrum: FFTWBuffer) {
        precondition(real.count == pixelCount && spectrum.count == 2 * spectrumCount)
        fftw_execute_dft_r2c(forwardPlan, real.doubles, spectrum.complex)
    }

    /// Unnormalised backward transform (result × size² of the true inverse). Overwrites `spectrum`.
    public func backward(_ spectrum: FFTWBuffer, into real: FFTWBuffer) {
        precondition(real.count == pixelCount && spectrum.count == 2 * spectrumCount)
        fftw_execute_dft_c2r(backwardPlan, spectrum.complex, real.doubles)
    }
}

/// Doubles allocated by `fftw_malloc`, which aligns them the way FFTW's SIMD code paths expect; plans made on such
/// arrays may be run on any other such array. Owned by one worker at a time (not `Sendable`).
public final class FFTWBuffer {
    /// Number of doubles (a complex buffer holds interleaved real and imaginary parts).
    public let count: Int
    public let doubles: UnsafeMutablePointer<Double>

    public init(realCount: Int) {
        count = realCount
        doubles = fftw_alloc_real(realCount)!
        doubles.initialize(repeating: 0, count: realCount)
    }

    public convenience init(complexCount: Int) {
        self.init(realCount: 2 * complexCount)
    }

    deinit { fftw_free(doubles) }

    var complex: UnsafeMutablePointer<fftw_complex> {
        UnsafeMutableRawPointer(doubles).assumingMemoryBound(to: fftw_complex.self)
    }

    public var buffer: UnsafeMutableBufferPointer<Double> { UnsafeMutableBufferPointer(start: doubles, count: count) }

    public var array: [Double] { Array(buffer) }
}
