import Foundation

extension Geometry {
    /// One line for sidecars and logs: what an operator checks after changing the geometry. Plain ASCII, since
    /// it lands in `.dat` comments that some reduction programs read as Latin-1.
    public var summary: String {
        let centre: String
        if let beam = beamCentre {
            centre = String(format: "beam centre row %.2f col %.2f px", beam.row, beam.column)
        } else if nativeBeamCentre != nil {
            // A flipped orientation counts pixels from the far edge, which needs the detector's size.
            centre = "beam centre in frame pixels unknown without max_shape"
        } else {
            centre = "beam misses the detector"
        }
        let numbers = String(format: "distance %.3f mm, wavelength %.5f A, rot1 %.6f rot2 %.6f rot3 %.6f rad, pixel %.1fx%.1f um",
                             distance * 1e3, wavelength * 1e10, rot1, rot2, rot3, pixel1 * 1e6, pixel2 * 1e6)
        var parts = [detector, numbers]
        if orientation != 3 { parts.append("orientation \(orientation)") }
        if let sensor { parts.append("sensor \(sensor)") }
        if parallax { parts.append("parallax corrected") }
        parts.append(centre)
        return parts.joined(separator: ", ")
    }

    /// Every field in a fixed order with round-trip precision: equal texts mean equal geometries, on every
    /// platform and in every release. Hash it together with the settings to key cached integrators and results.
    /// The sensor and parallax fields are appended only when set, so that geometries without them keep the
    /// fingerprints (and cached results) they had before those fields existed.
    public var fingerprint: String {
        let shape = maxShape.map { "\($0.rows)x\($0.columns)" } ?? "any"
        var text = "geometry/1 detector=\(detector) shape=\(shape) orientation=\(orientation) distance=\(distance) "
            + "poni1=\(poni1) poni2=\(poni2) rot1=\(rot1) rot2=\(rot2) rot3=\(rot3) wavelength=\(wavelength) "
            + "pixel1=\(pixel1) pixel2=\(pixel2)"
        if let sensor {
            text += " sensor=\(sensor.material),\(sensor.thickness.map { "\($0)" } ?? "thick")"
        }
        if parallax { text += " parallax=true" }
        return text
    }
}
