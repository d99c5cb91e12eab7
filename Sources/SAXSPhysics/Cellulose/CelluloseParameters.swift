import Foundation

/// The ten parameters of the `cellulose` phase (DESIGN.md, the seed's simulated model), in the data set's column
/// order. Lengths in nm, `mu` and `surfaceArea` in nm^-1, SLDs relative to the crystals (crystal = 1), fractions
/// of the section's area.
///
/// As an input to the simulator, `surfaceArea` is ignored (it is a property of the structure, measured on the
/// maps) and the three fractions must sum to 1.
public struct CelluloseParameters: Sendable, Hashable, Codable {
    /// Mean half-size (half-side) of the crystal cross-sections, nm.
    public var alphaMean: Double
    /// Standard deviation of the half-size, nm.
    public var alphaStd: Double
    /// Exponent p of the GRF's spectral filter (k² + μ²)^(−p/2).
    public var powExp: Double
    /// Low-q smoothing μ of the filter, nm^-1.
    public var mu: Double
    /// SLD of GRF phase 1 (below the cut) relative to the crystals.
    public var sldGRF1: Double
    /// SLD of GRF phase 2 (above the cut) relative to the crystals.
    public var sldGRF2: Double
    public var vfCrystal: Double
    public var vfGRF1: Double
    public var vfGRF2: Double
    /// Boundary length between all phases per unit area, nm^-1.
    public var surfaceArea: Double

    public init(alphaMean: Double, alphaStd: Double, powExp: Double, mu: Double, sldGRF1: Double, sldGRF2: Double,
                vfCrystal: Double, vfGRF1: Double, vfGRF2: Double, surfaceArea: Double = .nan) {
        self.alphaMean = alphaMean
        self.alphaStd = alphaStd
        self.powExp = powExp
        self.mu = mu
        self.sldGRF1 = sldGRF1
        self.sldGRF2 = sldGRF2
        self.vfCrystal = vfCrystal
        self.vfGRF1 = vfGRF1
        self.vfGRF2 = vfGRF2
        self.surfaceArea = surfaceArea
    }

    /// Column names, as DESIGN.md names the phase's parameters.
    public static let names = ["alpha_mean", "alpha_std", "pow_exp", "mu", "sld_grf1", "sld_grf2",
                               "vf_crystal", "vf_grf1", "vf_grf2", "surface_area"]
    public static let units = ["nm", "nm", "", "nm^-1", "", "", "", "", "", "nm^-1"]
    /// Where each parameter can physically lie, whatever the priors: an estimate (a regressor's prediction) is
    /// kept inside. Sizes and the filter's μ are positive and well below the map's 76.8 nm; the exponent of a
    /// spectral filter that still gives a field is below 20; SLDs are relative to the crystal, the densest phase;
    /// fractions are fractions; a boundary length per area cannot exceed two edges per pixel (0.15 nm).
    public static let bounds: [ClosedRange<Double>] = [0...40, 0...40, 0...20, 0...100, 0...1, 0...1, 0...1, 0...1,
                                                       0...1, 0...14]

    public var values: [Double] {
        [alphaMean, alphaStd, powExp, mu, sldGRF1, sldGRF2, vfCrystal, vfGRF1, vfGRF2, surfaceArea]
    }

    /// Phase SLDs by label (crystal, GRF phase 1, GRF phase 2).
    public var slds: [Double] { [1, sldGRF1, sldGRF2] }
}

/// The ranges the data set's parameters are drawn from, independently and uniformly (log-uniformly for μ, a
/// scale spanning a decade). The reasons, from what is known of wood and plant cellulose:
/// - `alpha_mean` 1–3 nm: elementary fibrils are 2.5–3.5 nm across in wood (half-size ~1.5 nm), smaller in
///   some primary walls, and aggregate or grow to ~6 nm in other plants.
/// - `alpha_std` 0–30 % of the mean: measured width distributions are narrow but not monodisperse.
/// - `pow_exp` 3–7: from fractal amorphous regions (p < 4, level sets rough down to the pixel, power-law tails
///   steeper than free-chain scattering) to smooth ones (p > 4, Porod tails).
/// - `mu` 0.3–3 nm^-1: amorphous domains from ~2 nm (inter-fibril matrix) to ~20 nm (pores, lignin-rich
///   regions), while keeping several domains in the 76.8 nm map.
/// - `sld_grf1` 0.6–1.0: amorphous cellulose, hemicellulose and lignin are 60–95 % of the crystal's electron
///   density (~500 e/nm³).
/// - `sld_grf2` 0–0.7: water-swollen matrix and pores, water being 0.67 of the crystal, air 0.
/// - `vf_crystal` 0.1–0.45: crystallinity of the section; above ~0.5 random packing of squares jams.
/// - the rest of the area is split between the GRF phases with phase 1 taking 20–80 % of it.
public struct CellulosePriors: Sendable, Hashable, Codable {
    public var alphaMean: ClosedRange<Double> = 1.0...3.0
    /// As a fraction of the drawn alpha_mean.
    public var alphaStdRelative: ClosedRange<Double> = 0.0...0.3
    public var powExp: ClosedRange<Double> = 3.0...7.0
    public var mu: ClosedRange<Double> = 0.3...3.0
    public var sldGRF1: ClosedRange<Double> = 0.6...1.0
    public var sldGRF2: ClosedRange<Double> = 0.0...0.7
    public var vfCrystal: ClosedRange<Double> = 0.1...0.45
    /// GRF phase 1's share of the non-crystal area.
    public var grf1Share: ClosedRange<Double> = 0.2...0.8

    public init() {}

    public func draw(using generator: inout SeededGenerator) -> CelluloseParameters {
        func uniform(_ range: ClosedRange<Double>) -> Double { generator.uniform(range.lowerBound, range.upperBound) }
        let alphaMean = uniform(alphaMean)
        let alphaStd = alphaMean * uniform(alphaStdRelative)
        let powExp = uniform(powExp)
        let mu = Foundation.exp(generator.uniform(Foundation.log(mu.lowerBound), Foundation.log(mu.upperBound)))
        let sld1 = uniform(sldGRF1)
        let sld2 = uniform(sldGRF2)
        let vfCrystal = uniform(vfCrystal)
        let share = uniform(grf1Share)
        return CelluloseParameters(alphaMean: alphaMean, alphaStd: alphaStd, powExp: powExp, mu: mu,
                                   sldGRF1: sld1, sldGRF2: sld2, vfCrystal: vfCrystal,
                                   vfGRF1: (1 - vfCrystal) * share, vfGRF2: (1 - vfCrystal) * (1 - share))
    }

    /// Ranges by column name, for the manifest (alpha_std relative to alpha_mean, surface_area measured).
    public var description: [String: [Double]] {
        ["alpha_mean": [alphaMean.lowerBound, alphaMean.upperBound],
         "alpha_std_relative_to_alpha_mean": [alphaStdRelative.lowerBound, alphaStdRelative.upperBound],
         "pow_exp": [powExp.lowerBound, powExp.upperBound],
         "mu_log_uniform": [mu.lowerBound, mu.upperBound],
         "sld_grf1": [sldGRF1.lowerBound, sldGRF1.upperBound],
         "sld_grf2": [sldGRF2.lowerBound, sldGRF2.upperBound],
         "vf_crystal": [vfCrystal.lowerBound, vfCrystal.upperBound],
         "vf_grf1_share_of_non_crystal": [grf1Share.lowerBound, grf1Share.upperBound]]
    }
}
