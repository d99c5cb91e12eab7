/// How one size parameter is spread: sasmodels' `<name>_pd_type`, `<name>_pd_n` and `<name>_pd_nsigma`. These
/// are configuration, fixed while fitting; the width `<name>_pd` is a model parameter with its own derivative.
public struct Polydispersity: Sendable, Hashable {
    /// The shape parameter spread, e.g. "radius".
    public var parameter: String
    public var distribution: SizeDistribution
    /// Points the distribution is sampled at (`_pd_n`).
    public var points: Int
    /// Half-width of the sampled range in standard deviations (`_pd_nsigma`).
    public var sigmas: Double

    /// Points and sigmas default to the distribution's (see `SizeDistribution`).
    public init(_ parameter: String, _ distribution: SizeDistribution = .gaussian, points: Int? = nil,
                sigmas: Double? = nil) {
        self.parameter = parameter
        self.distribution = distribution
        self.points = points ?? distribution.defaultPoints
        self.sigmas = sigmas ?? distribution.defaultSigmas
    }

    /// The name of the width parameter, sasmodels' `<name>_pd`.
    public var widthName: String { parameter + "_pd" }
}
