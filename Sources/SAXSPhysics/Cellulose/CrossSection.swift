/// One realization of the cellulose model: a periodic map of phase labels and the SLD map they give.
public struct CrossSection: Sendable {
    public enum Phase: UInt8, Sendable, CaseIterable {
        case crystal = 0
        case grf1 = 1
        case grf2 = 2
    }

    public var grid: CrossSectionGrid
    /// Row-major labels (`Phase` raw values).
    public var labels: [UInt8]
    /// SLD of each phase by label.
    public var slds: [Double]
    public var crystals: [FibrilPacking.Crystal]

    /// Area fraction of each phase, by label.
    public var fractions: [Double] {
        var counts = [0, 0, 0]
        for label in labels { counts[Int(label)] += 1 }
        return counts.map { Double($0) / Double(labels.count) }
    }

    public var boundaryLength: BoundaryLength {
        BoundaryLength(labels: labels, size: grid.size, pixelSize: grid.pixelSize)
    }

    public var sldMap: [Double] { labels.map { slds[Int($0)] } }

    /// The SLD map as an 8-bit grey image, SLD 0 black to 1 (crystal) white.
    public var image: GreyscaleImage {
        let pixels = labels.map { label -> UInt8 in
            UInt8((min(1, max(0, slds[Int(label)])) * 255).rounded())
        }
        return GreyscaleImage(width: grid.size, height: grid.size, pixels: pixels)
    }
}
