/// The phases saxsd identifies, with DESIGN.md's labels.
public enum PhaseLabel: String, Sendable, Hashable, CaseIterable, Codable {
    case lamellar
    case hexagonal
    case cubicPn3m = "cubic_Pn3m"
    case cubicIm3m = "cubic_Im3m"
    case cubicIa3d = "cubic_Ia3d"
    case micellarFd3m = "micellar_Fd3m"
    case disordered
    case cellulose
    case empty

    /// The lattice whose Bragg peaks mark the phase; nil for the phases without long-range order.
    public var lattice: LatticePhase? {
        switch self {
        case .lamellar: .lamellar
        case .hexagonal: .hexagonal
        case .cubicPn3m: .cubicPn3m
        case .cubicIm3m: .cubicIm3m
        case .cubicIa3d: .cubicIa3d
        case .micellarFd3m: .micellarFd3m
        case .disordered, .cellulose, .empty: nil
        }
    }
}
