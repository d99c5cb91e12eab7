import Foundation

/// The square periodic grid a cross-section is drawn on: `size`² pixels of `pixelSize` nm. Periodic boundaries
/// make the discrete Fourier transform the exact scattering amplitude of an infinite tiling, with no edge
/// artefacts; the price is that q is resolved only from 2π/L (one period) to π/pixelSize (Nyquist).
public struct CrossSectionGrid: Sendable, Hashable, Codable {
    public var size: Int
    /// nm.
    public var pixelSize: Double

    public init(size: Int, pixelSize: Double) {
        precondition(size >= 4 && size % 2 == 0 && pixelSize > 0)
        self.size = size
        self.pixelSize = pixelSize
    }

    public var pixelCount: Int { size * size }
    /// Side of the periodic box, nm.
    public var length: Double { Double(size) * pixelSize }
    /// Spacing of the reciprocal lattice, 2π/L (nm^-1): the smallest non-zero q on the grid.
    public var qStep: Double { 2 * .pi / length }
    /// Nyquist, π/pixelSize (nm^-1): the largest q a full ring of modes reaches.
    public var qNyquist: Double { .pi / pixelSize }

    /// Signed frequency index of row `j` of a transform (0, 1, …, size/2, −size/2 + 1, …, −1).
    @inline(__always)
    func signedIndex(_ j: Int) -> Int { j <= size / 2 ? j : j - size }

    /// How many modes of the full plane the half-plane entry in column `kx` stands for: 1 in the self-conjugate
    /// columns kx = 0 and size/2, 2 elsewhere (the entry and its conjugate at −k).
    @inline(__always)
    func halfPlaneWeight(column kx: Int) -> Double { kx == 0 || kx == size / 2 ? 1 : 2 }

    /// |q| (nm^-1) of every entry of the half-plane spectrum, row-major (ky rows, kx = 0 … size/2 fastest).
    public func halfPlaneQ() -> [Double] {
        let columns = size / 2 + 1
        var q = [Double](repeating: 0, count: size * columns)
        for row in 0..<size {
            let ky = Double(signedIndex(row))
            for kx in 0..<columns {
                q[row * columns + kx] = qStep * (Double(kx * kx) + ky * ky).squareRoot()
            }
        }
        return q
    }
}
