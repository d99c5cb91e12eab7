import SAXSFrames
import Testing
@testable import SAXSIntegration

/// Sectors, cakes and azimuthal profiles are the whole-ring integration with other azimuthal axes: put back
/// together over chi they give the whole-ring profile. Without corrections a bin's normalization is its count
/// Σ c, so I·count is the bin's signal and the sums below hold up to rounding (the single-precision weights of
/// the matrices, ~1e-7).
@Suite struct SectorAndCakeTests {
    static let frame = Synthetic.frame(Synthetic.counts)

    static func settings(_ split: PixelSplitting, npt: Int = 40, sector: AzimuthRange? = nil) -> IntegrationSettings {
        IntegrationSettings(npt: npt, split: split, solidAngle: false, polarization: nil, azimuthRange: sector)
    }

    /// Two sectors that make up the ring; the second crosses chi = ±180°.
    static let sectors = (AzimuthRange(lower: -40, upper: 100), AzimuthRange(lower: 100, upper: 320))

    /// Without splitting every pixel lies in exactly one of the two sectors, by its centre: signals, counts and
    /// Poisson variances add up to the ring's.
    @Test func complementarySectorsRecombineIntoTheRing() throws {
        let full = try Synthetic.integrator(Self.settings(.no)).integrate(Self.frame)
        let a = try Synthetic.integrator(Self.settings(.no, sector: Self.sectors.0)).integrate(Self.frame)
        let b = try Synthetic.integrator(Self.settings(.no, sector: Self.sectors.1)).integrate(Self.frame)
        #expect(a.radial == full.radial && b.radial == full.radial)
        #expect(a.nonEmptyBins.count > 20 && b.nonEmptyBins.count > 20)
        for bin in full.nonEmptyBins {
            #expect(a.count[bin] + b.count[bin] == full.count[bin])
            let signal = a.intensity[bin] * a.count[bin] + b.intensity[bin] * b.count[bin]
            #expect(relative(signal / full.count[bin], full.intensity[bin]) <= 1e-12)
            let variance = pow2(a.sigma[bin] * a.count[bin]) + pow2(b.sigma[bin] * b.count[bin])
            #expect(relative(variance.squareRoot() / full.count[bin], full.sigma[bin]) <= 1e-12)
        }
        #expect(full.nonEmptyBins.allSatisfy { a.count[$0] + b.count[$0] > 0 })
    }

    /// With bounding boxes a pixel goes wholly into a sector its arc of chi reaches, as pyFAI does, so a pixel
    /// whose arc reaches across a boundary between the sectors is in both: the sectors add up to the ring plus
    /// exactly those pixels, with the radial shares they have in the ring.
    @Test func complementarySectorsWithBoundingBoxesShareOnlyThePixelsAstrideTheirBoundaries() throws {
        let ring = try Synthetic.integrator(Self.settings(.bbox))
        let sectorA = try Synthetic.integrator(Self.settings(.bbox, sector: Self.sectors.0))
        let sectorB = try Synthetic.integrator(Self.settings(.bbox, sector: Self.sectors.1))
        let full = try ring.integrate(Self.frame)
        let a = try sectorA.integrate(Self.frame)
        let b = try sectorB.integrate(Self.frame)
        #expect(a.radial == full.radial && b.radial == full.radial)

        let inA = Set((0..<Synthetic.shape.pixelCount).filter { sectorA.engine.matrix.firstBin[$0] != IntegrationMatrix.unused })
        let inB = Set((0..<Synthetic.shape.pixelCount).filter { sectorB.engine.matrix.firstBin[$0] != IntegrationMatrix.unused })
        let both = inA.intersection(inB)
        let valid = (0..<Synthetic.shape.pixelCount).filter { !Synthetic.mask.isMasked[$0] }
        #expect(inA.union(inB) == Set(valid))
        // The shared pixels are those whose arc [chi − h, chi + h] holds a boundary (-40° or 100°), with a margin
        // for arcs that just touch one.
        let table = PixelTable(geometry: Synthetic.geometry, shape: Synthetic.shape, mask: Synthetic.mask,
                               settings: Self.settings(.bbox), corrections: PixelCorrections(), azimuthal: true)
        let boundaries = [-40.0, 100.0].map { $0 * Double.pi / 180 }
        func reach(_ pixel: Int) -> Double {
            boundaries.map { table.chiHalfWidth[pixel] - abs(PixelTable.wrapped(table.chi[pixel] - $0)) }.max()!
        }
        #expect(!both.isEmpty && both.count < valid.count / 10)
        #expect(both.allSatisfy { reach($0) >= -1e-9 })
        #expect(valid.allSatisfy { both.contains($0) || reach($0) <= 1e-9 })

        var sharedCount = [Double](repeating: 0, count: full.binCount)
        var sharedSignal = [Double](repeating: 0, count: full.binCount)
        for pixel in both {
            ring.engine.matrix.forEachBin(of: pixel) { bin, c in
                guard c > 0 else { return }  // band padding, possibly past the last bin
                sharedCount[bin] += c
                sharedSignal[bin] += c * Self.frame.pixels[pixel]
            }
        }
        for bin in full.nonEmptyBins {
            let count = a.count[bin] + b.count[bin] - sharedCount[bin]
            #expect(abs(count - full.count[bin]) <= 1e-9 * full.count[bin])
            let signal = a.intensity[bin] * a.count[bin] + b.intensity[bin] * b.count[bin] - sharedSignal[bin]
            #expect(relative(signal / full.count[bin], full.intensity[bin]) <= 1e-9)
        }
    }

    /// Each radial bin of a cake averaged over chi with the counts as weights is the profile's bin: the cake's
    /// chi shares of a pixel add up to 1 round the ring, the part of an arc beyond chi = ±180° included.
    @Test(arguments: [PixelSplitting.no, .bbox])
    func cakeSummedOverChiIsTheProfile(split: PixelSplitting) throws {
        let settings = Self.settings(split)
        let profile = try Synthetic.integrator(settings).integrate(Self.frame)
        let integrator = try CakeIntegrator(geometry: Synthetic.geometry, shape: Synthetic.shape, mask: Synthetic.mask,
                                            settings: settings, azimuthBins: 36)
        let cake = try integrator.integrate(Self.frame)
        #expect(cake.radial == profile.radial)
        #expect(cake.azimuth.count == 36)
        for (index, centre) in cake.azimuth.enumerated() {
            #expect(abs(centre - (-175 + 10 * Double(index))) <= 1e-12)
        }
        try expectSummedOverChi(cake, equals: profile, exactVariance: split == .no)
        // Azimuth-major: slice a is the radial profile of azimuthal bin a.
        let slice = cake.slice(7)
        #expect(slice.intensity == Array(cake.intensity[(7 * 40)..<(8 * 40)]) && slice.radial == cake.radial)
    }

    /// A cake over a sector (one crossing chi = ±180° here) put back together is the sector's profile: a pixel
    /// astride the sector's edge goes wholly into the sector in both, shared among the cake's bins it reaches.
    @Test(arguments: [PixelSplitting.no, .bbox])
    func cakeOverASectorSummedOverChiIsTheSectorsProfile(split: PixelSplitting) throws {
        let settings = Self.settings(split, sector: AzimuthRange(lower: 150, upper: 215))
        let profile = try Synthetic.integrator(settings).integrate(Self.frame)
        let cake = try CakeIntegrator(geometry: Synthetic.geometry, shape: Synthetic.shape, mask: Synthetic.mask,
                                      settings: settings, azimuthBins: 13).integrate(Self.frame)
        #expect(abs(cake.azimuth[0] - 152.5) <= 1e-12 && abs(cake.azimuth[12] - 212.5) <= 1e-12)
        #expect(profile.nonEmptyBins.count > 10)
        try expectSummedOverChi(cake, equals: profile, exactVariance: split == .no)
    }

    /// An azimuthal profile over a band, averaged over chi, is the one-bin radial profile over the band.
    @Test(arguments: [PixelSplitting.no, .bbox])
    func azimuthalProfileSummedOverChiIsTheBand(split: PixelSplitting) throws {
        let band = 0.3...0.9
        var settings = Self.settings(split, npt: 1)
        settings.radialRange = band
        let profile = try Synthetic.integrator(settings).integrate(Self.frame)
        let azimuthal = try AzimuthalIntegrator(geometry: Synthetic.geometry, shape: Synthetic.shape,
                                                mask: Synthetic.mask, settings: Self.settings(split), band: band,
                                                azimuthBins: 72).integrate(Self.frame)
        #expect(azimuthal.azimuth.count == 72 && azimuthal.band == band)
        let cake = Cake(unit: .qNm, radial: profile.radial, azimuth: azimuthal.azimuth, intensity: azimuthal.intensity,
                        sigma: azimuthal.sigma, count: azimuthal.count)
        try expectSummedOverChi(cake, equals: profile, exactVariance: split == .no)
    }

    func expectSummedOverChi(_ cake: Cake, equals profile: Profile, exactVariance: Bool) throws {
        let radialBins = cake.radial.count
        for r in 0..<radialBins {
            var count = 0.0, signal = 0.0, variance = 0.0
            for a in cake.azimuth.indices {
                let bin = a * radialBins + r
                count += cake.count[bin]
                signal += cake.intensity[bin] * cake.count[bin]
                variance += pow2(cake.sigma[bin] * cake.count[bin])
            }
            guard profile.count[r] > 0 else {
                #expect(count == 0)
                continue
            }
            // Cake weights are the radial share times the chi share, rounded to single precision once.
            #expect(relative(count, profile.count[r]) <= 1e-6)
            #expect(relative(signal / count, profile.intensity[r]) <= 1e-6)
            if exactVariance {
                // Whole pixels: a pixel's c² is the same in the bin it goes to.
                #expect(relative(variance.squareRoot() / count, profile.sigma[r]) <= 1e-9)
            } else {
                // A pixel shared between chi bins adds Σ c_k² < c² to the variance: the cake's bins are finer.
                #expect(variance.squareRoot() / count <= profile.sigma[r] * (1 + 1e-6))
            }
        }
    }
}

func pow2(_ x: Double) -> Double { x * x }
