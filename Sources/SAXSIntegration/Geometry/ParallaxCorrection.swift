#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// pyFAI's parallax correction (its `Parallax` with a thin or thick sensor and no beam profile).
///
/// A ray that meets the detector at incidence angle α is absorbed on average some way into the sensor, so the
/// pixel that counts it lies further from the PONI than where the ray crossed the surface. pyFAI tabulates the
/// mean sideways displacement for 1024 angles from 0 to 90°, turns it into the radial shift that brings a
/// recorded position back to where its ray crossed the surface, and moves every pixel by that shift towards the
/// PONI before applying the rotations. The same tables and interpolations are used here, so the positions agree
/// with pyFAI's to rounding.
struct ParallaxCorrection: Sendable {
    private static let angleCount = 1024
    /// h·c in keV·Å from the exact SI constants, in the order pyFAI evaluates it.
    static let planckTimesLightSpeed = 299_792_458.0 * 6.626_070_15e-34 / 1.602_176_634e-19 * 1e7

    private let distance: Double
    /// sin α of the tabulated incidence angles, ascending.
    private let sinIncidence: [Double]
    /// Signed radial shift (m, ≤ 0) for each tabulated angle.
    private let shift: [Double]

    /// Errors carry the PONI key to blame: `Parallax` without a sensor, `Detector_config` for an unknown
    /// material, `Wavelength` for an energy the material's table does not cover. The sensor thickness is
    /// checked by `Geometry.validate()`.
    init(_ geometry: Geometry) throws(GeometryError) {
        guard let sensor = geometry.sensor else {
            throw GeometryError(key: "Parallax", reason: "the parallax correction needs the sensor: give Detector_config "
                + #"a "sensor" with its "material" (and "thickness" in metres)"#)
        }
        guard let material = SensorMaterial.named(sensor.material) else {
            throw GeometryError(key: "Detector_config",
                                reason: "unknown sensor material '\(sensor.material)' for the parallax correction "
                                    + "(pyFAI knows \(SensorMaterial.names.joined(separator: ", ")))")
        }
        let energy = 1e-10 * Self.planckTimesLightSpeed / geometry.wavelength
        guard let attenuation = material.attenuation(energy: energy) else {
            let range = material.energyRange
            throw GeometryError(key: "Wavelength",
                                reason: "gives \(energy) keV, outside the \(material.name) attenuation table "
                                    + "(\(range.lowerBound) to \(range.upperBound) keV) that the parallax correction needs")
        }
        self.init(attenuation: attenuation, thickness: sensor.thickness, distance: geometry.distance)
    }

    /// `attenuation` μ in 1/m; `thickness` in m, nil for a thick sensor.
    init(attenuation mu: Double, thickness: Double?, distance: Double) {
        // numpy's linspace: i·step, with the last angle exactly π/2.
        let step = Double.pi / 2 / Double(Self.angleCount - 1)
        let angles = (0..<Self.angleCount).map { $0 == Self.angleCount - 1 ? Double.pi / 2 : Double($0) * step }
        let displacement = angles.map { angle in Self.meanDisplacement(angle: angle, mu: mu, thickness: thickness) }
        let sinIncidence = angles.map { sin($0) }
        // Where a ray crossing the surface at `radius` from the PONI is recorded: radius + displacement. Inverting
        // that by interpolation gives the true radius of a recorded one; the last angle (90°) is infinitely far.
        let radius = sinIncidence.map { distance * $0 / (1 - $0 * $0).squareRoot() }
        let recorded = zip(radius, displacement).map { $0 + $1 }
        self.distance = distance
        self.sinIncidence = sinIncidence
        self.shift = radius.map { LinearInterpolation.value(at: $0, xs: recorded, ys: radius) - $0 }
    }

    /// The mean depth-induced displacement along the detector for a ray at incidence `angle`: a thick sensor
    /// absorbs at a mean depth 1/μ; a thin one only over its thickness, which truncates the exponential.
    private static func meanDisplacement(angle: Double, mu: Double, thickness: Double?) -> Double {
        guard let thickness else { return sin(angle) / mu }
        if angle >= Double.pi / 2 { return 1 / mu }
        let depth = thickness * (mu / cos(angle))
        return sin(angle) / mu * (1 - (depth + 1) * exp(-depth)) / (1 - exp(-depth))
    }

    /// The position (m from the PONI, along the slow and fast axes) a recorded pixel position corresponds to.
    @inline(__always)
    func corrected(p1: Double, p2: Double) -> (p1: Double, p2: Double) {
        let squared = p1 * p1 + p2 * p2
        let sinIncidence = (squared / (distance * distance + squared)).squareRoot()
        let radialShift = LinearInterpolation.value(at: sinIncidence, xs: self.sinIncidence, ys: shift)
        let length = squared > 0 ? squared.squareRoot() : 1
        return (p1 + radialShift * (p1 / length), p2 + radialShift * (p2 / length))
    }
}
