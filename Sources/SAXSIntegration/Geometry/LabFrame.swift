#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// pyFAI's transformation of a point on the detector into laboratory coordinates, with the rotation's
/// trigonometry evaluated once per geometry instead of once per pixel.
///
/// For a point at (p1, p2) from the PONI, in metres along the slow and fast axes, pyFAI's lab coordinates are
///   t1 = p1·c2c3 + p2·(c3s1s2 − c1s3) − L·(c1c3s2 + s1s3)
///   t2 = p1·c2s3 + p2·(c1c3 + s1s2s3) − L·(−c3s1 + c1s2s3)
///   t3 = p1·s2 − p2·c2s1 + L·c1c2
/// with t3 along the beam, cᵢ = cos(rotᵢ), sᵢ = sin(rotᵢ) and L the PONI distance. With parallax correction on,
/// (p1, p2) is first moved to where the ray crossed the sensor surface, as pyFAI does before rotating.
struct LabFrame: Sendable {
    let distance: Double
    let poni1: Double
    let poni2: Double
    let pixel1: Double
    let pixel2: Double
    let wavelength: Double
    private let a11, a12, a13, a21, a22, a23, a31, a32, a33: Double
    private let parallax: ParallaxCorrection?

    /// `geometry` must be valid (`Geometry.validate()`), as every pixel map and integrator checks first.
    init(_ geometry: Geometry) {
        distance = geometry.distance
        poni1 = geometry.poni1
        poni2 = geometry.poni2
        pixel1 = geometry.pixel1
        pixel2 = geometry.pixel2
        wavelength = geometry.wavelength
        do {
            parallax = geometry.parallax ? try ParallaxCorrection(geometry) : nil
        } catch {
            preconditionFailure("LabFrame of an unvalidated geometry: \(error)")
        }
        let c1 = cos(geometry.rot1), c2 = cos(geometry.rot2), c3 = cos(geometry.rot3)
        let s1 = sin(geometry.rot1), s2 = sin(geometry.rot2), s3 = sin(geometry.rot3)
        a11 = c2 * c3
        a12 = c3 * s1 * s2 - c1 * s3
        a13 = -(c1 * c3 * s2 + s1 * s3)
        a21 = c2 * s3
        a22 = c1 * c3 + s1 * s2 * s3
        a23 = -(-c3 * s1 + c1 * s2 * s3)
        a31 = s2
        a32 = -c2 * s1
        a33 = c1 * c2
    }

    @inline(__always)
    func lab(p1: Double, p2: Double) -> LabPoint {
        var p1 = p1
        var p2 = p2
        if let parallax { (p1, p2) = parallax.corrected(p1: p1, p2: p2) }
        let l = distance
        return LabPoint(t1: p1 * a11 + p2 * a12 + l * a13,
                        t2: p1 * a21 + p2 * a22 + l * a23,
                        t3: p1 * a31 + p2 * a32 + l * a33)
    }

    /// Where the direct beam (t1 = t2 = 0) meets the detector plane, relative to the PONI; nil when the
    /// detector is tilted so far that the beam never reaches it. Pure geometry, without parallax, like pyFAI's
    /// Fit2D beam centre.
    var directBeam: (p1: Double, p2: Double)? {
        let determinant = a11 * a22 - a12 * a21
        guard determinant != 0 else { return nil }
        let p1 = -distance * (a13 * a22 - a12 * a23) / determinant
        let p2 = -distance * (a11 * a23 - a13 * a21) / determinant
        return p1 * a31 + p2 * a32 + distance * a33 > 0 ? (p1, p2) : nil
    }

    /// The scattering quantity a radial unit bins on, in that space's base unit (q in nm⁻¹, 2θ in rad, r in m).
    @inline(__always)
    func radial(_ point: LabPoint, space: RadialUnit.Space) -> Double {
        let rho = (point.t1 * point.t1 + point.t2 * point.t2).squareRoot()
        switch space {
        case .q:
            return 4e-9 * Double.pi / wavelength * sin(atan2(rho, point.t3) / 2)
        case .twoTheta:
            return atan2(rho, point.t3)
        case .radius:
            return rho
        }
    }

    /// pyFAI's chi: the azimuth around the beam, atan2(t1, t2), in (−π, π].
    @inline(__always)
    func chi(_ point: LabPoint) -> Double {
        atan2(point.t1, point.t2)
    }

    /// pyFAI's relative solid angle: cos³ of the incidence angle on the detector, 1 at the PONI (another power
    /// with `order`, as pyFAI allows). pyFAI takes the pixel where it is, without parallax correction, and so
    /// does this.
    @inline(__always)
    func solidAngle(p1: Double, p2: Double, order: Int = 3) -> Double {
        let cosine = distance / (distance * distance + p1 * p1 + p2 * p2).squareRoot()
        if order == 3 { return cosine * cosine * cosine }
        return pow(cosine, Double(order))
    }

    /// pyFAI's polarization correction, (1 + cos²2θ − P·cos 2(χ + offset)·sin²2θ) / 2, with the axis offset in
    /// radians (pyFAI adds it to chi).
    ///
    /// Evaluated without trigonometry of the pixel: with |t|² = t1² + t2² + t3², cos 2θ = t3/|t| and
    /// cos 2χ·sin²2θ = (t2² − t1²)/|t|², sin 2χ·sin²2θ = 2·t1·t2/|t|². Building a matrix evaluates this for every
    /// pixel, and the five transcendental calls it replaces were a third of the build.
    @inline(__always)
    func polarization(_ point: LabPoint, factor: Double, axisOffset: Double = 0) -> Double {
        let t1 = point.t1, t2 = point.t2, t3 = point.t3
        let length2 = t1 * t1 + t2 * t2 + t3 * t3
        let azimuthal = (t2 * t2 - t1 * t1) * cos(2 * axisOffset) - 2 * t1 * t2 * sin(2 * axisOffset)
        return 0.5 * (1 + (t3 * t3 - factor * azimuthal) / length2)
    }
}

/// A point in pyFAI's laboratory frame (metres; t3 along the beam).
struct LabPoint: Sendable {
    var t1: Double
    var t2: Double
    var t3: Double
}
