extension RadialUnit {
    /// The physical quantity behind a unit. Units of one space share their binning: pyFAI bins in the space's
    /// base unit and scales the bin positions afterwards, so q in nm⁻¹ and in Å⁻¹ give the same bins.
    public enum Space: Sendable, Hashable {
        /// Scattering vector, base unit nm⁻¹.
        case q
        /// Scattering angle 2θ, base unit rad.
        case twoTheta
        /// Distance from the direct beam in the plane normal to the beam, base unit m.
        case radius
    }

    public var space: Space {
        switch self {
        case .qNm, .qA: .q
        case .twoThetaDeg: .twoTheta
        case .rMm: .radius
        }
    }

    /// Factor from the space's base unit to this unit.
    public var scale: Double {
        switch self {
        case .qNm: 1
        case .qA: 0.1
        case .twoThetaDeg: 180 / Double.pi
        case .rMm: 1000
        }
    }
}
