#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Conversions to and from Fit2D's parameters with pyFAI's formulas, evaluated in the same order so that the
/// numbers agree with pyFAI's to the last bit or two (the inverse trigonometry near zero tilt amplifies any
/// difference in rounding).
extension Geometry {
    /// The geometry pyFAI's `setFit2D` makes of these Fit2D parameters. Without tilt rot3 is 0; otherwise it is
    /// the rotation about the beam that Fit2D's tilt plane implies.
    public init(fit2d: Fit2DGeometry) throws(GeometryError) {
        try fit2d.validate()
        let tiltRadians = radians(fit2d.tilt)
        let planRadians = radians(fit2d.tiltPlanRotation)
        let cosTilt = cos(tiltRadians)
        let sinTilt = sin(tiltRadians)
        let cosPlan = cos(planRadians)
        let sinPlan = sin(planRadians)
        let pixel1 = fit2d.pixelY * 1e-6
        let pixel2 = fit2d.pixelX * 1e-6

        let rot2 = asin(sinTilt * sinPlan)
        let product = sinPlan * sinTilt
        var rot1 = acos(min(1, max(-1, cosTilt / (1 - product * product).squareRoot())))
        if cosPlan * sinTilt > 0 { rot1 = -rot1 }
        var rot3 = 0.0
        if fit2d.tilt != 0 {
            let cosine = (cosTilt * cosPlan * sinPlan - cosPlan * sinPlan)
                / (1 - sinPlan * sinPlan * sinTilt * sinTilt).squareRoot()
            rot3 = Double.pi / 2 - acos(min(1, max(-1, cosine)))
        }
        self.init(
            distance: fit2d.directDist * cosTilt * 1e-3,
            poni1: fit2d.centerY * pixel1 - fit2d.directDist * sinTilt * sinPlan * 1e-3,
            poni2: fit2d.centerX * pixel2 - fit2d.directDist * sinTilt * cosPlan * 1e-3,
            rot1: rot1,
            rot2: rot2,
            rot3: rot3,
            wavelength: fit2d.wavelength * 1e-10,
            pixel1: pixel1,
            pixel2: pixel2,
            detector: fit2d.detector,
            maxShape: fit2d.maxShape,
            orientation: fit2d.orientation
        )
        try validate()
    }

    /// This geometry as pyFAI's `getFit2D` gives it. rot3 and the sensor have no Fit2D counterpart and are
    /// left out; the centre is in pyFAI's native pixel coordinates whatever the orientation.
    public var fit2d: Fit2DGeometry {
        var cosTilt = cos(rot1) * cos(rot2)
        var sinTilt = (1 - cosTilt * cosTilt).squareRoot()
        let tanTilt = sinTilt / cosTilt
        let cosPlan: Double
        let sinPlan: Double
        if sinTilt == 0 {
            // Without tilt the tilt plane is undefined; pyFAI reports 0°.
            cosTilt = 1
            sinTilt = 0
            cosPlan = 1
            sinPlan = 0
        } else {
            cosPlan = max(-1, min(1, -cos(rot2) * sin(rot1) / sinTilt))
            sinPlan = sin(rot2) / sinTilt
        }
        let tilt = degrees(acos(cosTilt))
        let plan = sinPlan < 0 ? -degrees(acos(cosPlan)) : degrees(acos(cosPlan))
        // Below 1e-5° pyFAI takes the PONI as the centre along y (not along x): kept, so the numbers match.
        let centerY = abs(tilt) < 1e-5 ? poni1 / pixel1 : (poni1 + distance * tanTilt * sinPlan) / pixel1
        return Fit2DGeometry(
            directDist: 1e3 * distance / cosTilt,
            centerX: (poni2 + distance * tanTilt * cosPlan) / pixel2,
            centerY: centerY,
            tilt: tilt,
            tiltPlanRotation: plan,
            pixelX: pixel2 * 1e6,
            pixelY: pixel1 * 1e6,
            wavelength: wavelength * 1e10,
            detector: detector,
            maxShape: maxShape,
            orientation: orientation
        )
    }
}

private func radians(_ degrees: Double) -> Double { degrees * Double.pi / 180 }

private func degrees(_ radians: Double) -> Double { 180 * radians / Double.pi }
