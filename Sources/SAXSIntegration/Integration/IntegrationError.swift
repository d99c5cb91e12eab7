/// Why an integrator could not be built or a frame not integrated. `kind` is the stable word an error sidecar
/// records; `message` is for people.
public struct IntegrationError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The settings contradict themselves or are out of range.
        case invalidSettings = "invalid_settings"
        /// The geometry is unusable (see the message for the PONI key at fault).
        case geometry
        /// Frame, mask and detector disagree on the frame size.
        case shapeMismatch = "shape_mismatch"
        /// A valid request that saxsd does not implement.
        case unsupported
        /// Every pixel is masked, so there is nothing to integrate.
        case noValidPixels = "no_valid_pixels"
        /// The frame lacks a header value the normalization divides by, or holds an unusable one.
        case missingMetadata = "missing_metadata"
        /// A dark or flat field cannot be read or does not fit the frames.
        case corrections
    }

    public var kind: Kind
    public var message: String
    /// The setting at fault, named as the configuration file names it ("radial_range"), when one is.
    public var setting: String?

    public init(_ kind: Kind, _ message: String, setting: String? = nil) {
        self.kind = kind
        self.message = message
        self.setting = setting
    }

    public var description: String { message }
}
