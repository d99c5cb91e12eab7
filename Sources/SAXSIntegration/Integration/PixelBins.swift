#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which bins each pixel feeds and with what fraction of itself: the integration's geometry before it is packed
/// into a matrix. Bins are numbered radial-fastest, `azimuthBin * radial.count + radialBin`, so a 1-D profile,
/// a sector, an azimuthal profile I(χ) and a cake I(q, χ) are the same computation with other axes.
struct PixelBins: Sendable {
    let table: PixelTable
    let radial: BinAxis
    /// Azimuthal bins in radians of chi; nil integrates whole rings without looking at chi.
    let azimuth: BinAxis?
    let split: PixelSplitting

    var binCount: Int { radial.count * (azimuth?.count ?? 1) }

    /// Lays out the radial axis as pyFAI does when no range is given, or over the requested range.
    init(table: PixelTable, settings: IntegrationSettings, radialBins: Int, azimuth: BinAxis?) throws(IntegrationError) {
        self.table = table
        self.azimuth = azimuth
        split = settings.split
        if let range = settings.radialRange {
            let scale = settings.unit.scale
            radial = try BinAxis(lower: range.lowerBound / scale, highest: range.upperBound / scale,
                                 count: radialBins, spacing: settings.spacing)
        } else {
            let (lowest, highest) = Self.extent(table, split: settings.split, spacing: settings.spacing)
            radial = try BinAxis(lower: lowest, highest: highest, count: radialBins, spacing: settings.spacing)
        }
    }

    /// The radial extent pyFAI bins over: pixel centres of every pixel, masked ones included, without
    /// splitting; the bounding boxes (clipped at 0) or corners of the unmasked pixels with splitting. Log bins
    /// start at the lowest positive centre, since their first edge cannot be 0.
    private static func extent(_ table: PixelTable, split: PixelSplitting, spacing: BinSpacing) -> (Double, Double) {
        var lowest = Double.infinity
        var highest = -Double.infinity
        let columns = table.shape.columns
        let stride = columns + 1
        for pixel in table.radial.indices {
            let centre = table.radial[pixel]
            guard centre.isFinite, split == .no || table.isUnmasked[pixel] else { continue }
            switch split {
            case .no:
                guard spacing == .linear || centre > 0 else { continue }
                lowest = min(lowest, centre)
                highest = max(highest, centre)
            case .bbox:
                let half = table.radialHalfWidth[pixel]
                if spacing == .linear {
                    lowest = min(lowest, max(centre - half, 0))
                } else if centre > 0 {
                    lowest = min(lowest, centre)
                }
                highest = max(highest, centre + half)
            case .full:
                let corner = (pixel / columns) * stride + pixel % columns
                let corners = SIMD4(table.radialCorners[corner], table.radialCorners[corner + 1],
                                    table.radialCorners[corner + stride], table.radialCorners[corner + stride + 1])
                lowest = min(lowest, corners.min())
                highest = max(highest, corners.max())
            }
        }
        return (lowest, highest)
    }

    /// Scratch space reused from pixel to pixel.
    struct Scratch {
        var radial = AxisEntries()
        var azimuth = AxisEntries()
        var areas: [Double] = []
    }

    /// The bins of `pixel` and the fraction each receives, into `entries`; empty when the pixel is masked or
    /// lies outside the axes.
    func entries(of pixel: Int, into entries: inout AxisEntries, scratch: inout Scratch) {
        entries.removeAll()
        guard table.isValid[pixel] else { return }
        let centre = table.radial[pixel]
        switch split {
        case .no:
            let position = radial.fractionalBin(centre)
            guard position >= 0, position < Double(radial.count) else { return }
            scratch.radial.removeAll()
            scratch.radial.append(Int(position), 1)
        case .bbox:
            let half = table.radialHalfWidth[pixel]
            guard radial.split(max(centre - half, 0), centre + half, into: &scratch.radial) else { return }
        case .full:
            fullSplit(pixel, into: &scratch.radial, areas: &scratch.areas)
        }
        guard let azimuth else {
            for k in 0..<scratch.radial.count {
                entries.append(scratch.radial.bins[k], scratch.radial.weights[k])
            }
            return
        }
        let half = split == .bbox ? table.chiHalfWidth[pixel] : 0
        guard Self.splitAzimuth(table.chi[pixel], half: half, axis: azimuth, into: &scratch.azimuth) else { return }
        for a in 0..<scratch.azimuth.count {
            let offset = scratch.azimuth.bins[a] * radial.count
            for r in 0..<scratch.radial.count {
                entries.append(offset + scratch.radial.bins[r], scratch.azimuth.weights[a] * scratch.radial.weights[r])
            }
        }
    }

    /// Shares the arc [chi − half, chi + half] among the azimuthal bins it overlaps, going round the circle:
    /// the axis may start anywhere and the arc may cross its start. As along the radial axis, the part of the
    /// arc inside the sector takes the whole pixel.
    static func splitAzimuth(_ chi: Double, half: Double, axis: BinAxis, into entries: inout AxisEntries) -> Bool {
        entries.removeAll()
        let turn = 2 * Double.pi
        var centre = axis.lower + fmod(chi - axis.lower, turn)
        if centre < axis.lower { centre += turn }
        if half == 0 {
            guard centre < axis.upper else { return false }
            entries.append(min(Int((centre - axis.lower) / axis.width), axis.count - 1), 1)
            return true
        }
        var total = 0.0
        for copy in -1...1 {
            let shift = Double(copy) * turn
            let low = max(centre - half + shift, axis.lower)
            let high = min(centre + half + shift, axis.upper)
            guard high > low else { continue }
            total += high - low
            let first = min(Int((low - axis.lower) / axis.width), axis.count - 1)
            let last = min(Int((high - axis.lower) / axis.width), axis.count - 1)
            for bin in first...last {
                let overlap = min(high, axis.edge(bin + 1)) - max(low, axis.edge(bin))
                if overlap > 0 { entries.add(bin, overlap) }
            }
        }
        guard total > 0 else { return false }
        entries.scale(by: 1 / total)
        return true
    }
}
