import Foundation
import SAXSFrames
import SAXSIntegration
import SAXSTestSupport
import Testing
@testable import SAXSPipeline

/// Sector profiles, the azimuthal profile with its orientation, and the cake, end to end on a small detector
/// whose frames scatter as I ∝ (1 + cos²(χ − χ₀)) · exp(−q / 0.5 nm⁻¹): an oriented sample whose ⟨P2⟩ is known.
///
/// With the |sin φ| weighting, u = cos φ: ⟨cos²φ⟩ = ∫(1 + u²)u² du / ∫(1 + u²) du = 0.4, so ⟨P2⟩ = 0.1 about χ₀;
/// without the isotropic part (baseline "minimum") ⟨cos²φ⟩ = ∫u⁴ / ∫u² = 0.6 and ⟨P2⟩ = 0.4; about the direction
/// 90° away, I ∝ 1 + sin²φ gives ⟨cos²φ⟩ = 0.28 and ⟨P2⟩ = −0.08.
@Suite struct AnisotropyPipelineTests {
    static let shape = FrameShape(rows: SmallDetector.rows, columns: SmallDetector.columns)
    static let geometry = try! Geometry(poniText: SmallDetector.poni)
    /// 0.3 to 0.7 nm⁻¹ is 17 to 32 pixels from the beam: whole rings on this detector.
    static let band = 0.3...0.7
    static let sectors = [AzimuthRange(lower: -10, upper: 10), AzimuthRange(lower: 80, upper: 100)]

    static func settings(anisotropy: AnisotropySettings = AnisotropySettings(sectors: sectors, band: band, azimuthBins: 180,
                                                                              cake: true, cakeRadialBins: 40, cakeAzimuthBins: 72),
                         normalizeBy: [String] = ["EXPTIME"], cache: String? = nil) -> PipelineSettings {
        let integration = IntegrationSettings(npt: 60, split: .bbox, polarization: nil,
                                              normalization: Normalization(factor: 1, headerKeys: normalizeBy))
        return PipelineSettings(geometry: geometry, integration: integration, cache: cache.map { MatrixCache(directory: $0) },
                                anisotropy: anisotropy)
    }

    /// Counts of an oriented sample with its strongest scattering along `peak` (degrees of chi).
    static func frame(peak: Double = 0) -> Frame {
        let chi = try! geometry.chiMap(shape: shape)
        let q = try! geometry.radialMap(shape: shape, unit: .qNm)
        let pixels = zip(chi, q).map { chi, q in
            let c = cos(chi - peak * .pi / 180)
            return (2000 * (1 + c * c) * exp(-q / 0.5)).rounded()
        }
        return Frame(shape: shape, pixels: pixels)
    }

    static func write(_ frame: Frame, to path: String, exposure: Double? = 2) throws {
        let keywords: [(String, FrameHeader.Value)] = exposure.map { [("EXPTIME", .real($0))] } ?? []
        try FITSWriter(sampleType: .float32).write([frame], to: path, keywords: keywords)
    }

    func outcome(_ pipeline: Pipeline, _ path: String, root: String) throws -> FrameOutcome {
        guard case .processed(let frames) = pipeline.process(path: path, root: root), let first = frames.first else {
            throw SidecarError(path: path, operation: "process the test frame", errno: EIO)
        }
        return first
    }

    @Test func orientedFrameGivesSectorsCakeAndOrientation() throws {
        let folder = try TemporaryFolder("aniso")
        let source = folder.file("fibre.fits")
        try Self.write(Self.frame(), to: source)
        let pipeline = Pipeline(settings: Self.settings())
        let result = try outcome(pipeline, source, root: folder.path)
        #expect(result.status == .ok, "\(String(describing: result.error))")
        #expect(folder.listing() == ["fibre.fits", "fibre.saxs.cake.fits", "fibre.saxs.dat", "fibre.saxs.json",
                                     "fibre.saxs.sector1.dat", "fibre.saxs.sector2.dat"])
        #expect(SchemaValidator.problems(in: [result.sidecar]) == [])

        let sidecar = try #require(Sidecar.read(path: result.sidecar))
        let sectors = try #require(sidecar.sectors)
        #expect(sectors.map(\.azimuthRangeDeg) == [[-10, 10], [80, 100]])
        #expect(sectors.map(\.file) == ["fibre.saxs.sector1.dat", "fibre.saxs.sector2.dat"])
        #expect(sectors.allSatisfy { $0.points > 0 && $0.pixels > 0 && $0.unit == "q_nm^-1" })
        #expect(sidecar.integration?.normalization == Sidecar.NormalizationSummary(factor: 1, headerKeys: ["EXPTIME"]))
        #expect(sidecar.integration?.spacing == "linear")
        #expect(sidecar.cake == Sidecar.CakeSummary(file: "fibre.saxs.cake.fits", unit: "q_nm^-1", radialBins: 40,
                                                    azimuthBins: 72))
        #expect(sidecar.timingMs["anisotropy"] != nil && sidecar.timingMs["write_cake"] != nil)

        // Along chi = 0 the sample scatters (1 + 1) / (1 + 0) = 2 times more than across it; averaged over
        // +-10 degrees, 1.97 / 1.03.
        let along = try ColumnText(path: folder.file("fibre.saxs.sector1.dat"))
        let across = try ColumnText(path: folder.file("fibre.saxs.sector2.dat"))
        #expect(along.comments.contains("# sector: chi -10.0...10.0 deg"))
        #expect(across.comments.contains("# normalization: divided by 1.0 x EXPTIME=2.0"))
        let acrossByQ = Dictionary(uniqueKeysWithValues: across.rows.map { ($0[0], $0[1]) })
        let ratios = along.rows.filter { Self.band.contains($0[0]) }.compactMap { row in acrossByQ[row[0]].map { row[1] / $0 } }
        #expect(ratios.count >= 10)
        #expect(ratios.allSatisfy { (1.8...2.0).contains($0) }, "\(ratios)")

        // The profile in the sidecar is I(chi) of the band, empty bins left out; the frame's exposure divides it.
        let azimuthal = try #require(sidecar.azimuthalProfile)
        #expect(azimuthal.band == [0.3, 0.7] && azimuthal.unit == "q_nm^-1")
        #expect(azimuthal.chiDeg.count == 180 && azimuthal.intensity.count == 180 && azimuthal.sigma.count == 180)
        #expect(azimuthal.chiDeg.allSatisfy { (-180...180).contains($0) })

        let orientation = try #require(sidecar.orientation)
        #expect(abs(orientation.p2 - 0.1) < 0.01, "\(orientation)")
        #expect(abs(orientation.cos2Mean - 0.4) < 0.01)
        #expect(orientation.referenceSource == "maximum" && orientation.baseline == "none")
        #expect(abs(orientation.referenceChiDeg) < 1, "\(orientation)")
        #expect(orientation.sigma > 0 && orientation.sigma < 0.01)
        #expect(orientation.filledBins == 0)
    }

    @Test func orientationFollowsTheConfiguredReferenceAndBaseline() throws {
        let folder = try TemporaryFolder("p2")
        let source = folder.file("fibre.fits")
        try Self.write(Self.frame(peak: 90), to: source)
        func orientation(_ reference: Double?, _ baseline: OrientationBaseline) throws -> Sidecar.Orientation {
            let anisotropy = AnisotropySettings(band: Self.band, azimuthBins: 180, orientationReference: reference,
                                                orientationBaseline: baseline)
            let result = try outcome(Pipeline(settings: Self.settings(anisotropy: anisotropy)), source, root: folder.path)
            #expect(SchemaValidator.problems(in: [result.sidecar]) == [])
            return try #require(Sidecar.read(path: result.sidecar)?.orientation)
        }
        let automatic = try orientation(nil, .none)
        #expect(abs(abs(automatic.referenceChiDeg) - 90) < 1, "\(automatic)")
        #expect(abs(automatic.p2 - 0.1) < 0.01)
        let oriented = try orientation(nil, .minimum)
        #expect(abs(oriented.p2 - 0.4) < 0.02, "\(oriented)")
        #expect(oriented.baseline == "minimum")
        let across = try orientation(0, .none)
        #expect(across.referenceSource == "given" && across.referenceChiDeg == 0)
        #expect(abs(across.p2 + 0.08) < 0.01, "\(across)")
        // Only the anisotropy that was asked for is written.
        #expect(folder.listing() == ["fibre.fits", "fibre.saxs.dat", "fibre.saxs.json"])
    }

    @Test func cakeFileHoldsTheCakeAndItsAxes() throws {
        let folder = try TemporaryFolder("cake")
        let source = folder.file("fibre.fits")
        let frame = Self.frame()
        try Self.write(frame, to: source)
        let anisotropy = AnisotropySettings(cake: true, cakeRadialBins: 40, cakeAzimuthBins: 72)
        _ = try outcome(Pipeline(settings: Self.settings(anisotropy: anisotropy)), source, root: folder.path)

        // The same cake made directly, the frame's EXPTIME = 2 given as a constant.
        var ring = Self.settings().integration
        ring.npt = 40
        ring.normalization = Normalization(factor: 2)
        let cake = try CakeIntegrator(geometry: Self.geometry, shape: Self.shape, settings: ring, azimuthBins: 72)
            .integrate(frame)
        let path = folder.file("fibre.saxs.cake.fits")
        let hdus = try FITSUnits(path: path)
        #expect(hdus.units.map { $0.cards["EXTNAME"] } == ["INTENSITY", "SIGMA", "RADIAL", "AZIMUTH"])
        #expect(hdus.units[0].cards["NAXIS1"] == "40" && hdus.units[0].cards["NAXIS2"] == "72")
        #expect(hdus.units[0].cards["RADUNIT"] == "q_nm^-1" && hdus.units[0].cards["RADSPACE"] == "linear")
        #expect(hdus.float64(unit: 2) == cake.radial)
        #expect(hdus.float64(unit: 3) == cake.azimuth)

        // cfitsio, as every FITS reader, finds the intensity in the primary image: NaN where a bin is empty.
        let image = try #require(try FITSReader().readFrames(path: path).first)
        #expect(image.shape == FrameShape(rows: 72, columns: 40))
        for bin in cake.intensity.indices {
            if cake.count[bin] > 0 {
                #expect(image.pixels[bin] == Double(Float(cake.intensity[bin])))
            } else {
                #expect(image.pixels[bin].isNaN)
            }
        }
        #expect(cake.count.contains(0), "the corners of the cake lie beyond the detector")
    }

    @Test func frameWithoutTheNormalizationKeyGetsAMissingMetadataSidecar() throws {
        let folder = try TemporaryFolder("meta")
        let source = folder.file("fibre.fits")
        try Self.write(Self.frame(), to: source)
        let pipeline = Pipeline(settings: Self.settings())
        #expect(try outcome(pipeline, source, root: folder.path).status == .ok)

        // The same file rewritten without its exposure time: no profile of the old version may survive.
        try Self.write(Self.frame(), to: source, exposure: nil)
        let failed = try outcome(pipeline, source, root: folder.path)
        #expect(failed.status == .error)
        #expect(failed.error?.kind == "missing_metadata")
        #expect(failed.error?.message.contains("EXPTIME") == true, "\(String(describing: failed.error))")
        #expect(folder.listing() == ["fibre.fits", "fibre.saxs.json"])
        let sidecar = try #require(Sidecar.read(path: failed.sidecar))
        #expect(sidecar.sectors == nil && sidecar.orientation == nil && sidecar.cake == nil && sidecar.profile == nil)
        #expect(SchemaValidator.problems(in: [failed.sidecar]) == [])
    }

    @Test func dataFilesAreWrittenBeforeTheSidecar() throws {
        let folder = try TemporaryFolder("order")
        let source = folder.file("fibre.fits")
        try Self.write(Self.frame(), to: source)
        let result = try outcome(Pipeline(settings: Self.settings()), source, root: folder.path)
        func modified(_ name: String) throws -> Date {
            try #require(try FileManager.default.attributesOfItem(atPath: folder.file(name))[.modificationDate] as? Date)
        }
        let json = try modified("fibre.saxs.json")
        for name in ["fibre.saxs.dat", "fibre.saxs.sector1.dat", "fibre.saxs.sector2.dat", "fibre.saxs.cake.fits"] {
            #expect(try modified(name) <= json, "\(name)")
        }
        #expect(result.sidecar == folder.file("fibre.saxs.json"))
        #expect(!folder.listing().contains { $0.contains("saxsd-tmp") })
    }

    @Test func matricesCachedByOnePipelineAreLoadedByTheNext() throws {
        let folder = try TemporaryFolder("cache")
        let cache = folder.file("matrices")
        let data = try folder.folder("data")
        try Self.write(Self.frame(), to: "\(data)/a.fits")
        try Self.write(Self.frame(), to: "\(data)/b.fits")

        _ = try outcome(Pipeline(settings: Self.settings(cache: cache)), "\(data)/a.fits", root: data)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache).sorted()
        // Main profile, two sectors, the azimuthal band and the cake: one matrix each.
        #expect(files.count == 5 && files.allSatisfy { $0.hasPrefix("matrix-") && $0.hasSuffix(".bin") }, "\(files)")
        func inodes() throws -> [UInt64] {
            try files.map { try #require(try FileManager.default.attributesOfItem(atPath: "\(cache)/\($0)")[.systemFileNumber] as? UInt64) }
        }
        let written = try inodes()

        // A restarted service: new integrators, same cache. A rebuilt matrix would be stored anew (new inode).
        _ = try outcome(Pipeline(settings: Self.settings(cache: cache)), "\(data)/b.fits", root: data)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).sorted() == files)
        #expect(try inodes() == written)
        for suffix in ["saxs.dat", "saxs.sector1.dat", "saxs.sector2.dat", "saxs.cake.fits"] {
            let first = try Data(contentsOf: URL(fileURLWithPath: "\(data)/a.\(suffix)"))
            let second = try Data(contentsOf: URL(fileURLWithPath: "\(data)/b.\(suffix)"))
            if suffix.hasSuffix(".dat") {
                #expect(try ColumnText(path: "\(data)/a.\(suffix)").rows == ColumnText(path: "\(data)/b.\(suffix)").rows)
            } else {
                #expect(first == second)
            }
        }
        let a = try #require(Sidecar.read(path: "\(data)/a.saxs.json"))
        let b = try #require(Sidecar.read(path: "\(data)/b.saxs.json"))
        #expect(a.orientation == b.orientation && a.azimuthalProfile == b.azimuthalProfile)
    }

    @Test func sectorHiddenByTheMaskIsReportedEmptyNotFaked() throws {
        let folder = try TemporaryFolder("sector")
        let source = folder.file("fibre.fits")
        try Self.write(Self.frame(), to: source)
        // Mask the half of the detector right of the beam: a sector about chi = 0 sees nothing.
        let mask = DetectorMask(shape: Self.shape, isMasked: (0..<Self.shape.pixelCount).map { $0 % Self.shape.columns >= 60 })
        var settings = Self.settings(anisotropy: AnisotropySettings(sectors: [AzimuthRange(lower: 170, upper: 190),
                                                                              AzimuthRange(lower: -5, upper: 5)]))
        settings.mask = mask
        let result = try outcome(Pipeline(settings: settings), source, root: folder.path)
        #expect(result.status == .ok)
        let sectors = try #require(Sidecar.read(path: result.sidecar)?.sectors)
        #expect(sectors[0].points > 0 && sectors[1].points == 0 && sectors[1].pixels == 0)
        #expect(sectors[1].qMin == nil && sectors[1].qMax == nil)
        #expect(try ColumnText(path: folder.file("fibre.saxs.sector2.dat")).rows.isEmpty)
        #expect(SchemaValidator.problems(in: [result.sidecar]) == [])
    }
}

/// The header-and-data units of a FITS file, read without cfitsio so that the test checks the bytes themselves.
struct FITSUnits {
    struct Unit {
        /// Keyword to value text: strings without their quotes, numbers and logicals as written.
        var cards: [String: String] = [:]
        var data: ArraySlice<UInt8> = []
    }

    var units: [Unit] = []

    init(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.count % 2880 == 0, "a FITS file is whole 2880-byte blocks")
        var offset = 0
        while offset < bytes.count {
            var unit = Unit()
            var ended = false
            while !ended {
                let card = String(decoding: bytes[offset..<(offset + 80)], as: UTF8.self)
                offset += 80
                let key = card.prefix(8).trimmingCharacters(in: .whitespaces)
                if key == "END" {
                    ended = true
                } else if card.dropFirst(8).hasPrefix("= ") {
                    let value = card.dropFirst(10).trimmingCharacters(in: .whitespaces)
                    if value.hasPrefix("'"), let close = value.dropFirst().firstIndex(of: "'") {
                        // Strings lose their quotes and the padding FITS puts inside them.
                        let text = value[value.index(after: value.startIndex)..<close]
                        unit.cards[key] = String(text).trimmingCharacters(in: .whitespaces)
                    } else {
                        let number = value.split(separator: "/", maxSplits: 1).first ?? ""
                        unit.cards[key] = number.trimmingCharacters(in: .whitespaces)
                    }
                }
            }
            offset = (offset + 2879) / 2880 * 2880
            let axes = (0..<(Int(unit.cards["NAXIS"] ?? "0") ?? 0)).compactMap { Int(unit.cards["NAXIS\($0 + 1)"] ?? "") }
            let size = axes.reduce(abs(Int(unit.cards["BITPIX"] ?? "0") ?? 0) / 8, *)
            unit.data = bytes[offset..<(offset + size)]
            offset = (offset + size + 2879) / 2880 * 2880
            units.append(unit)
        }
    }

    /// The data of a BITPIX = -64 unit as doubles.
    func float64(unit index: Int) -> [Double] {
        let data = Array(units[index].data)
        return stride(from: 0, to: data.count, by: 8).map { start in
            Double(bitPattern: data[start..<(start + 8)].reduce(0) { $0 << 8 | UInt64($1) })
        }
    }
}
