/// The ASCII tags that describe how a TIFF frame was taken, which saxsd copies into the frame's header and
/// `TIFFWriter` can write. Cases are in tag order, the order a TIFF directory stores them.
public enum TIFFTextTag: UInt32, Sendable, CaseIterable {
    /// Dectris detectors write their text header (exposure time, wavelength, beam centre) here.
    case imageDescription = 270
    case make = 271
    case model = 272
    case software = 305
    case dateTime = 306
    /// SAXSLAB instruments put their XML parameter block (geometry, wavelength) here.
    case artist = 315

    /// The tag's name in the TIFF 6.0 specification; the header key when the text is kept as it is.
    public var name: String {
        switch self {
        case .imageDescription: "ImageDescription"
        case .make: "Make"
        case .model: "Model"
        case .software: "Software"
        case .dateTime: "DateTime"
        case .artist: "Artist"
        }
    }
}
