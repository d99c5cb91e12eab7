/// The parts of a sidecar that describe the frame's anisotropy (`[anisotropy]` in the configuration).
extension Sidecar {
    /// A profile over one sector of chi, in its own `.saxs.sectorN.dat`.
    public struct Sector: Codable, Sendable, Equatable {
        /// [low, high] in degrees of chi.
        public var azimuthRangeDeg: [Double]
        /// Name of the `.saxs.sectorN.dat` beside this file; absent when `[output] formats` leaves out dat.
        public var file: String?
        public var unit: String
        public var points: Int
        public var pixels: Int
        public var qMin: Double?
        public var qMax: Double?

        enum CodingKeys: String, CodingKey {
            case azimuthRangeDeg = "azimuth_range_deg", file, unit, points, pixels
            case qMin = "q_min", qMax = "q_max"
        }
    }

    /// I(chi) over one radial band, small enough (one value per azimuthal bin) to live in the JSON itself.
    public struct AzimuthalProfile: Codable, Sendable, Equatable {
        /// [low, high] of the band in `unit`.
        public var band: [Double]
        public var unit: String
        /// Bin centres in degrees of chi; bins that received no pixel are left out of all three arrays.
        public var chiDeg: [Double]
        public var intensity: [Double]
        public var sigma: [Double]

        enum CodingKeys: String, CodingKey {
            case band, unit, chiDeg = "chi_deg", intensity, sigma
        }
    }

    /// Hermans' orientation parameter of the azimuthal profile.
    public struct Orientation: Codable, Sendable, Equatable {
        /// <P2> = (3<cos^2 phi> - 1) / 2: 1 all along the reference, 0 isotropic, -1/2 all perpendicular.
        public var p2: Double
        public var sigma: Double
        public var cos2Mean: Double
        /// The direction phi is measured from, degrees of chi.
        public var referenceChiDeg: Double
        /// `given` (configured) or `maximum` (the direction of the strongest scattering).
        public var referenceSource: String
        /// `none` or `minimum` (the isotropic part subtracted first).
        public var baseline: String
        /// Empty azimuthal bins that took the value of the bin opposite.
        public var filledBins: Int

        enum CodingKeys: String, CodingKey {
            case p2, sigma, cos2Mean = "cos2_mean", referenceChiDeg = "reference_chi_deg"
            case referenceSource = "reference_source", baseline, filledBins = "filled_bins"
        }
    }

    /// The cake I(q, chi) in its own `.saxs.cake.fits` (see docs/sidecar.md for the layout).
    public struct CakeSummary: Codable, Sendable, Equatable {
        public var file: String
        public var unit: String
        public var radialBins: Int
        public var azimuthBins: Int

        enum CodingKeys: String, CodingKey {
            case file, unit, radialBins = "radial_bins", azimuthBins = "azimuth_bins"
        }
    }
}
