import Foundation
import SAXSFrames

/// The detector geometry in Fit2D's terms, as pyFAI converts it (`getFit2D`, `setFit2D`).
///
/// Fit2D gives the distance along the beam to where it meets the detector, the beam centre in pixels, and the
/// detector's tilt as one angle about an axis in the detector plane whose direction is the tilt plane rotation.
/// Units are Fit2D's: mm, pixels, degrees, µm and Å. The centre is in pyFAI's native pixel coordinates (x along
/// the fast axis, y along the slow one, the first pixel's centre at 0.5), which are the frame's column and row for
/// orientation 3; pyFAI does not flip it for the other orientations, and neither does this (see
/// `Geometry.beamCentre(shape:)` for the centre in frame pixels).
///
/// Fit2D has no rotation about the beam: a geometry with any rot3 converts to the same Fit2D parameters, and
/// converting back gives the rot3 that pyFAI derives from the tilt.
public struct Fit2DGeometry: Sendable, Hashable, CustomStringConvertible {
    /// Sample to detector distance along the incident beam, in mm.
    public var directDist: Double
    /// Beam centre along the fast axis, in pixels.
    public var centerX: Double
    /// Beam centre along the slow axis, in pixels.
    public var centerY: Double
    /// Tilt of the detector plane away from normal to the beam, in degrees.
    public var tilt: Double
    /// Direction of the tilt axis in the detector plane, in degrees (meaningless without tilt).
    public var tiltPlanRotation: Double
    /// Pixel size along the fast axis, in µm.
    public var pixelX: Double
    /// Pixel size along the slow axis, in µm.
    public var pixelY: Double
    /// In Å.
    public var wavelength: Double
    /// pyFAI's detector name, carried over to and from `Geometry`.
    public var detector: String
    public var maxShape: FrameShape?
    /// pyFAI's detector orientation (1...4), carried over to and from `Geometry`.
    public var orientation: Int

    public init(
        directDist: Double,
        centerX: Double,
        centerY: Double,
        tilt: Double = 0,
        tiltPlanRotation: Double = 0,
        pixelX: Double,
        pixelY: Double,
        wavelength: Double,
        detector: String = "Detector",
        maxShape: FrameShape? = nil,
        orientation: Int = 3
    ) {
        self.directDist = directDist
        self.centerX = centerX
        self.centerY = centerY
        self.tilt = tilt
        self.tiltPlanRotation = tiltPlanRotation
        self.pixelX = pixelX
        self.pixelY = pixelY
        self.wavelength = wavelength
        self.detector = detector
        self.maxShape = maxShape
        self.orientation = orientation
    }

    /// Checks what the conversion to a `Geometry` needs; keys are the parameter names.
    public func validate() throws(GeometryError) {
        for (value, key) in [(directDist, "directDist"), (pixelX, "pixelX"), (pixelY, "pixelY"), (wavelength, "wavelength")]
        where !(value.isFinite && value > 0) {
            throw GeometryError(key: key, reason: "must be a positive finite number, got \(value)")
        }
        for (value, key) in [(centerX, "centerX"), (centerY, "centerY"), (tiltPlanRotation, "tiltPlanRotation")]
        where !value.isFinite {
            throw GeometryError(key: key, reason: "must be a finite number, got \(value)")
        }
        guard tilt.isFinite, abs(tilt) < 90 else {
            throw GeometryError(key: "tilt", reason: "must lie strictly between -90 and 90 degrees, got \(tilt)")
        }
    }

    /// pyFAI's text form of a Fit2D geometry, as its `getFit2D()` prints:
    /// `DirectBeamDist= 2000.125 mm	Center: x=495.700, y=530.300 pix	Tilt= 0.641° tiltPlanRotation= 153.434° λ= 1.000Å`.
    public var description: String {
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        return "DirectBeamDist= \(f(directDist)) mm\tCenter: x=\(f(centerX)), y=\(f(centerY)) pix\t"
            + "Tilt= \(f(tilt))\u{B0} tiltPlanRotation= \(f(tiltPlanRotation))\u{B0} \u{3BB}= \(f(wavelength))\u{C5}"
    }
}
