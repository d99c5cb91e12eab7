import SAXSFrames
import SAXSIntegration

extension Pipeline {
    /// Warnings when the frame's header states a wavelength or distance the geometry does not share: a PONI
    /// left over from another energy or detector position gives wrong q for every frame, silently otherwise.
    func crossCheck(_ metadata: FrameMetadata) -> [Sidecar.Warning] {
        let geometry = settings.geometry
        let tolerance = settings.metadata.tolerance
        var warnings: [Sidecar.Warning] = []
        func check(_ kind: String, _ what: String, frame: Double?, geometry: Double, scale: Double, unit: String) {
            guard let frame, frame > 0, geometry > 0 else { return }
            let difference = abs(frame - geometry) / geometry
            guard difference > tolerance else { return }
            let message = "the frame's header gives \(what) \(Self.format(frame * scale)) \(unit), the geometry "
                + "\(Self.format(geometry * scale)) \(unit) (\(Self.format(difference * 100)) % apart, tolerance "
                + "\(Self.format(tolerance * 100)) %)"
            warnings.append(Sidecar.Warning(kind: kind, message: message))
        }
        check("wavelength_mismatch", "the wavelength", frame: metadata.wavelength, geometry: geometry.wavelength,
              scale: 1e10, unit: "Å")
        check("distance_mismatch", "the sample–detector distance", frame: metadata.distance,
              geometry: geometry.distance, scale: 1e3, unit: "mm")
        return warnings
    }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
