import SAXSIntegration

/// The cake I(q, chi) as FITS, which astropy, fitsio, cfitsio and ds9 read without options:
///
/// | HDU | EXTNAME | content |
/// |---|---|---|
/// | 0 | `INTENSITY` | float32 image, NAXIS1 = radial bins, NAXIS2 = azimuthal bins (numpy: `data[chi, q]`) |
/// | 1 | `SIGMA` | float32 image of the same shape: standard errors |
/// | 2 | `RADIAL` | float64 vector: radial bin centres in the unit of keyword `RADUNIT` |
/// | 3 | `AZIMUTH` | float64 vector: azimuthal bin centres in degrees of chi |
///
/// Bins that received no pixel are NaN in both images, FITS' own mark for an undefined float. The bin centres
/// are tables rather than WCS keywords because log-spaced radial bins have no linear WCS.
///
/// Encoded here rather than through cfitsio so that the bytes go through `AtomicFile` like every other
/// sidecar: cfitsio writes only to a path, in place.
public struct CakeFile: Sendable {
    public var cake: Cake
    public var spacing: BinSpacing

    public init(cake: Cake, spacing: BinSpacing) {
        self.cake = cake
        self.spacing = spacing
    }

    public func bytes() -> [UInt8] {
        let empty = cake.count.map { $0 <= 0 }
        let intensity = zip(cake.intensity, empty).map { $1 ? Double.nan : $0 }
        let sigma = zip(cake.sigma, empty).map { $1 ? Double.nan : $0 }
        let axes = [cake.radial.count, cake.azimuth.count]
        var out: [UInt8] = []
        out += FITSHeader.primary(bitpix: -32, axes: axes, cards: [
            .string("EXTNAME", "INTENSITY", "mean corrected intensity per bin, NaN = empty"),
            .string("CREATOR", "\(Software.name) \(Software.version)", nil),
            .string("RADUNIT", cake.unit.rawValue, "unit of NAXIS1 and of HDU RADIAL"),
            .string("RADSPACE", spacing.rawValue, "radial bin spacing"),
            .string("AZIUNIT", "deg", "unit of NAXIS2 and of HDU AZIMUTH (chi)"),
        ])
        out += FITSData.float32(intensity)
        out += FITSHeader.image(bitpix: -32, axes: axes, name: "SIGMA", cards: [
            .string("RADUNIT", cake.unit.rawValue, nil),
        ])
        out += FITSData.float32(sigma)
        out += FITSHeader.image(bitpix: -64, axes: [cake.radial.count], name: "RADIAL", cards: [
            .string("RADUNIT", cake.unit.rawValue, "radial bin centres"),
            .string("RADSPACE", spacing.rawValue, nil),
        ])
        out += FITSData.float64(cake.radial)
        out += FITSHeader.image(bitpix: -64, axes: [cake.azimuth.count], name: "AZIMUTH", cards: [
            .string("BUNIT", "deg", "azimuthal bin centres, chi"),
        ])
        out += FITSData.float64(cake.azimuth)
        return out
    }
}
