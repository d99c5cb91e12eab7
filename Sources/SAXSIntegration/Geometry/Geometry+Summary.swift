import Foundation

extension Geometry {
    /// Where the direct beam hits the detector, in pixels along rows and columns, in pyFAI's and Fit2D's
    /// convention: pixel i covers [i, i+1), so the centre of the first pixel is 0.5. Nil when the beam misses
    /// the detector plane.
    public var beamCentre: (row: Double, column: Double)? {
        guard let beam = LabFrame(self).directBeam else { return nil }
        return ((beam.p1 + poni1) / pixel1, (beam.p2 + poni2) / pixel2)
    }

    /// One line for sidecars and logs: what an operator checks after changing the geometry. Plain ASCII, since
    /// it lands in `.dat` comments that some reduction programs read as Latin-1.
    public var summary: String {
        let centre = beamCentre.map { String(format: "beam centre row %.2f col %.2f px", $0.row, $0.column) }
            ?? "beam misses the detector"
        let numbers = String(format: "distance %.3f mm, wavelength %.5f A, rot1 %.6f rot2 %.6f rot3 %.6f rad, pixel %.1fx%.1f um",
                             distance * 1e3, wavelength * 1e10, rot1, rot2, rot3, pixel1 * 1e6, pixel2 * 1e6)
        return "\(detector), \(numbers), \(centre)"
    }

    /// Every field in a fixed order with round-trip precision: equal texts mean equal geometries, on every
    /// platform and in every release. Hash it together with the settings to key cached integrators and results.
    public var fingerprint: String {
        let shape = maxShape.map { "\($0.rows)x\($0.columns)" } ?? "any"
        return "geometry/1 detector=\(detector) shape=\(shape) orientation=\(orientation) distance=\(distance) "
            + "poni1=\(poni1) poni2=\(poni2) rot1=\(rot1) rot2=\(rot2) rot3=\(rot3) wavelength=\(wavelength) "
            + "pixel1=\(pixel1) pixel2=\(pixel2)"
    }
}
