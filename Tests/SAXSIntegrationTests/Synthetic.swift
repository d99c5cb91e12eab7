import Foundation
import SAXSFrames
@testable import SAXSIntegration

/// A small tilted detector that is in no reference file: invariants that hold for any geometry are checked on it.
/// The direct beam hits it unmasked, near row 44, column 82, so the pixels around the beam and astride the
/// chi = ±π cut are integrated too.
enum Synthetic {
    static let shape = FrameShape(rows: 120, columns: 160)
    static let geometry = Geometry(distance: 0.4, poni1: 0.005, poni2: 0.009, rot1: 0.002, rot2: -0.0015, rot3: 0.3,
                                   wavelength: 1e-10, pixel1: 1e-4, pixel2: 1e-4)

    static func frame(_ value: (Int) -> Double) -> Frame {
        Frame(shape: shape, pixels: (0..<shape.pixelCount).map(value))
    }

    /// Deterministic counts between 50 and 1050 without a random generator.
    static func counts(_ pixel: Int) -> Double {
        Double(50 + (pixel * 7919 + 13) % 1001)
    }

    /// A disk beside the beam and a one-pixel gap, like a beamstop off centre and a module edge.
    static let mask: DetectorMask = {
        var isMasked = [Bool](repeating: false, count: shape.pixelCount)
        for row in 0..<shape.rows {
            for column in 0..<shape.columns {
                let dr = Double(row) - 50, dc = Double(column) - 90
                isMasked[row * shape.columns + column] = dr * dr + dc * dc < 64 || column == 30
            }
        }
        return DetectorMask(shape: shape, isMasked: isMasked)
    }()

    static func integrator(_ settings: IntegrationSettings, mask: DetectorMask? = Synthetic.mask) throws -> RadialIntegrator {
        try RadialIntegrator(geometry: geometry, shape: shape, mask: mask, settings: settings)
    }
}
