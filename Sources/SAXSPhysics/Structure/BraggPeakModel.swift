/// The powder pattern of an ordered phase: one peak per allowed reflection position of the phase's lattice,
/// on a flat background.
///
///     I(q) = background + scale · Σ_N  w_N · exp(−σ²q_N²) · P(q − q_N)
///
/// - Positions: q_N = u·√N / a (`LatticePhase.positionConstant`): 2πn/d for the stack, 2π√N/a for the cubic
///   cells, 4π√(h²+hk+k²)/(√3 a) for the hexagonal lattice.
/// - Weights: w_N = (m_N / q_N²) / (m_1 / q_1²), multiplicity times the powder Lorentz factor 1/q² (a point of the
///   reciprocal lattice spreads over a sphere of area 4πq² when domains are randomly oriented), relative to the
///   first peak. Every reflection is given the same structure factor |F|²: the real ones depend on the
///   bilayer's or micelle's electron density, which is not known before a fit, and a flat |F|² keeps the
///   pattern a property of the lattice alone. So `scale` is the integrated intensity (area over q) of the first
///   peak before damping. The Lorentz factor is taken at the peak's centre rather than across it, so that each
///   peak keeps exactly its weight as area whatever its width.
/// - Damping: exp(−σ²q_N²), σ = `fluctuation`, a Debye–Waller-like factor for the rms displacement of the
///   lattice (or the bilayers) along q, which fades the higher orders. Taken at the centre, like the weight.
/// - Shape P: unit area, FWHM from the Scherrer relation FWHM_q = 2πK/D with D = `domain_size` and
///   K = `Configuration.scherrerConstant` (0.9 by default, the usual value for compact domains), with the
///   chosen `PeakProfile`, then blurred by the instrument's Gaussian resolution σ_res (constant, ∝ q, or both
///   in quadrature, taken at the peak's centre):
///   - the Gaussian part: σ² = σ_D² + σ_res², exact for Gaussians;
///   - the Lorentzian part: a Voigt, replaced by its Thompson–Cox–Hastings pseudo-Voigt (`VoigtApproximation`),
///     within about 1% of the exact convolution; exact when there is no resolution.
///
/// Parameters, in order: `d_spacing` (lamellar) or `lattice` (nm), `domain_size` (nm), `scale` (1/(cm Å)),
/// `background` (1/cm), `fluctuation` (nm) and, for the pseudo-Voigt profile, `eta`.
public struct BraggPeakModel: ScatteringModel {
    /// How peaks are drawn; fixed for a model (not fitted).
    public struct Configuration: Sendable, Hashable {
        public var profile: PeakProfile
        public var resolution: Resolution
        /// K in FWHM_q = 2πK/D.
        public var scherrerConstant: Double
        /// How many peak positions (distinct N) the pattern has; higher orders are left out.
        public var peakCount: Int

        public init(profile: PeakProfile = .pseudoVoigt, resolution: Resolution = Resolution(),
                    scherrerConstant: Double = 0.9, peakCount: Int = 20) {
            self.profile = profile
            self.resolution = resolution
            self.scherrerConstant = scherrerConstant
            self.peakCount = peakCount
        }
    }

    /// The instrument's q resolution as a Gaussian standard deviation, σ_res(q) = √(σ² + (relative·q)²): a
    /// constant part (beam size, pixel size) and a part proportional to q (wavelength spread, divergence).
    public struct Resolution: Sendable, Hashable {
        /// Constant σ_q in 1/Å.
        public var sigma: Double
        /// σ_q / q.
        public var relative: Double

        public init(sigma: Double = 0, relative: Double = 0) {
            precondition(sigma >= 0 && relative >= 0, "a resolution is not negative")
            self.sigma = sigma
            self.relative = relative
        }

        public func sigma(at q: Double) -> Double {
            (sigma * sigma + relative * relative * q * q).squareRoot()
        }
    }

    public let phase: LatticePhase
    public let configuration: Configuration
    /// The peak positions in the pattern, in increasing q.
    public let reflections: [Reflection]
    public let parameters: [ModelParameter]

    /// `bragg_` and the phase's label: `bragg_lamellar`, `bragg_cubic_Pn3m`… (plain `lamellar` is sasmodels'
    /// sheet form factor).
    public var name: String { "bragg_" + phase.label }

    public init(phase: LatticePhase, configuration: Configuration = Configuration()) {
        precondition(configuration.peakCount > 0, "a pattern has at least one peak")
        precondition(configuration.scherrerConstant > 0, "the Scherrer constant is positive")
        self.phase = phase
        self.configuration = configuration
        reflections = phase.reflections(count: configuration.peakCount)
        var parameters = [
            ModelParameter(phase.lengthParameter, unit: "nm", default: phase.typicalLength, bounds: 0.5...1000,
                           prior: phase.lengthPrior,
                           summary: phase == .lamellar ? "repeat distance of the stack" : "edge of the unit cell"),
            ModelParameter("domain_size", unit: "nm", default: 100, bounds: 1...100_000, prior: 20...1000,
                           priorScale: .log, summary: "size of the ordered domains (Scherrer)"),
            ModelParameter("scale", unit: "1/(cm Å)", default: 1, bounds: 0...Double.infinity, prior: 0.01...100,
                           priorScale: .log, summary: "integrated intensity of the first peak before damping"),
            ModelParameter("background", unit: "1/cm", default: 0.001, bounds: -Double.infinity...Double.infinity,
                           prior: 1e-4...1, priorScale: .log, summary: "flat background"),
            ModelParameter("fluctuation", unit: "nm", default: 0, bounds: 0...10, prior: 0...0.5,
                           summary: "rms lattice displacement: peaks are damped by exp(−σ²q²)"),
        ]
        if configuration.profile == .pseudoVoigt {
            parameters.append(ModelParameter("eta", unit: "", default: 0.5, bounds: 0...1, prior: 0...1,
                                             summary: "Lorentzian fraction of the pseudo-Voigt peak"))
        }
        self.parameters = parameters
    }

    /// The peaks' centres in 1/Å for the given values.
    public func peakPositions(values: [Double]) -> [Double] {
        let cell = values[0] * 10
        return reflections.map { phase.positionConstant * $0.rootQuadraticForm / cell }
    }
}

extension LatticePhase {
    /// The d spacing (lamellar) or cell edge, in nm, that puts the first allowed peak at `q1` (1/Å): d = 2π/q1,
    /// a = 2π√N₁/q1 for the cubic cells, a = 4π/(√3 q10) for the hexagonal lattice (DESIGN.md).
    public func length(firstPeakAt q1: Double) -> Double {
        let first = reflections(count: 1)[0]
        return positionConstant * first.rootQuadraticForm / q1 / 10
    }

    /// A typical lipid mesophase's repeat in nm: the default of the length parameter.
    var typicalLength: Double {
        switch self {
        case .lamellar: 6
        case .hexagonal: 7
        case .cubicPn3m: 10
        case .cubicIm3m: 14
        case .cubicIa3d: 15
        case .micellarFd3m: 16
        }
    }

    /// The range simulated training curves draw the length from: lipid (monoolein, phytantriol, lipid
    /// nanoparticle) mesophases in water.
    var lengthPrior: ClosedRange<Double> {
        switch self {
        case .lamellar: 4...8
        case .hexagonal: 5...9
        case .cubicPn3m: 8...13
        case .cubicIm3m: 11...18
        case .cubicIa3d: 12...20
        case .micellarFd3m: 13...20
        }
    }
}
