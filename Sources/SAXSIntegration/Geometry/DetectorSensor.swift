import Foundation

/// The X-ray absorbing layer of a detector, as pyFAI's `Detector_config` gives it:
/// `"sensor": {"material": "Si", "thickness": 0.00045}`.
///
/// Photons are absorbed at some depth in the sensor, so an inclined ray is recorded further from the PONI than
/// where it hit the surface; how far depends on the material's attenuation at the beam energy and on the
/// thickness. That is what the parallax correction undoes.
public struct DetectorSensor: Sendable, Hashable, Codable, CustomStringConvertible {
    /// pyFAI's material name, case-sensitive: "Si", "Ge", "CdTe", "GaAs", "Gd2O2S", "BaFBr0.85I0.15", "Se", "CZT".
    public var material: String
    /// Thickness in metres; nil for a sensor much thicker than the absorption length (pyFAI's "∞").
    public var thickness: Double?

    public init(material: String, thickness: Double? = nil) {
        self.material = material
        self.thickness = thickness
    }

    /// pyFAI's short form, "Si,450um" (ASCII "um" because it lands in `.dat` comments).
    public var description: String {
        guard let thickness else { return "\(material),inf" }
        return "\(material)," + String(format: "%.6g", thickness * 1e6) + "um"
    }
}
