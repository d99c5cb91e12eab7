/// An ordered lyotropic phase whose Bragg peaks saxsd fits: its label in DESIGN.md's phase table, its lattice
/// (1-D stack, 2-D hexagonal, or cubic space group) and the reflections that lattice allows.
public enum LatticePhase: String, Sendable, Hashable, CaseIterable {
    /// L-alpha: a 1-D stack of bilayers, period `d_spacing`.
    case lamellar
    /// Inverse hexagonal H-II: water rods on a 2-D hexagonal lattice (plane group p6mm), parameter `lattice`.
    case hexagonal
    /// Bicontinuous double-diamond cubic, space group Pn-3m (No. 224).
    case cubicPn3m = "cubic_Pn3m"
    /// Bicontinuous primitive cubic, space group Im-3m (No. 229).
    case cubicIm3m = "cubic_Im3m"
    /// Bicontinuous gyroid cubic, space group Ia-3d (No. 230).
    case cubicIa3d = "cubic_Ia3d"
    /// Inverse micellar cubic, space group Fd-3m (No. 227).
    case micellarFd3m = "micellar_Fd3m"

    /// The label DESIGN.md's phase table and the sidecar use (the raw value, as `PhaseLabel`'s).
    public var label: String { rawValue }

    /// The phase with a DESIGN.md label, or nil.
    public init?(label: String) {
        self.init(rawValue: label)
    }

    /// How many Miller indices a reflection has: 1 for the stack, 2 for the hexagonal plane lattice, 3 for cubic.
    public var dimension: Int {
        switch self {
        case .lamellar: 1
        case .hexagonal: 2
        case .cubicPn3m, .cubicIm3m, .cubicIa3d, .micellarFd3m: 3
        }
    }

    /// The name of the length that sets the peak positions, as in DESIGN.md: `d_spacing` for the stack,
    /// `lattice` (the cell edge) otherwise.
    public var lengthParameter: String {
        self == .lamellar ? "d_spacing" : "lattice"
    }

    /// The constant u in q = u·√N / a: 2π for the stack (N = n²) and cubic cells (N = h²+k²+l²), 4π/√3 for the
    /// hexagonal lattice (N = h²+hk+k², a the rod-to-rod distance), whose reciprocal vectors are 2/√3 longer than
    /// the square lattice's.
    public var positionConstant: Double {
        self == .hexagonal ? 4 * Double.pi / 3.0.squareRoot() : 2 * Double.pi
    }

    /// The quadratic form N of a reflection's indices: n² (stack), h²+hk+k² (hexagonal), h²+k²+l² (cubic).
    public func quadraticForm(_ indices: [Int]) -> Int {
        switch self {
        case .lamellar: indices[0] * indices[0]
        case .hexagonal: indices[0] * indices[0] + indices[0] * indices[1] + indices[1] * indices[1]
        default: indices.reduce(0) { $0 + $1 * $1 }
        }
    }
}
