import Foundation
import SAXSFrames
import SAXSTestSupport
import Testing

@Suite struct CommandTests {
    @Test func versionAndHelp() throws {
        let version = try SaxsdProcess.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("saxsd 0.1.0"))
        let help = try SaxsdProcess.run(["help"])
        #expect(help.status == 0)
        for command in ["watch", "process", "integrate", "demo", "check-config"] {
            #expect(help.stdout.contains(command))
        }
    }

    @Test func checkConfigAcceptsAGoodFileAndNamesLineAndKeyOfABadOne() throws {
        let folder = try TemporaryFolder("check")
        let good = try TestDetector.configure(folder, roots: [folder.path])
        let ok = try SaxsdProcess.run(["check-config", good])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("ok"))

        let bad = folder.file("bad.toml")
        try "[watch]\nsettle_ms = 10\n[service]\nworkers = \"two\"\n".write(toFile: bad, atomically: false, encoding: .utf8)
        let refused = try SaxsdProcess.run(["check-config", bad])
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("\(bad):4: service.workers: must be an integer"), "\(refused.stderr)")

        let missingPoni = folder.file("noponi.toml")
        try "[integration]\nponi = \"nowhere.poni\"\n".write(toFile: missingPoni, atomically: false, encoding: .utf8)
        let noGeometry = try SaxsdProcess.run(["check-config", missingPoni])
        #expect(noGeometry.status == 78)
        #expect(noGeometry.stderr.contains("\(missingPoni):2: integration.poni:"), "\(noGeometry.stderr)")
    }

    @Test func processWritesSidecarsSkipsCurrentOnesAndFailsOnCorruptFrames() throws {
        let folder = try TemporaryFolder("process")
        let data = try folder.folder("data/sub")
        let config = try TestDetector.configure(folder, roots: [])
        for i in 0..<4 { try TestDetector.write(seed: i, to: "\(data)/p_\(i).fits") }
        let first = try SaxsdProcess.run(["process", "--config", config, folder.file("data")])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("4 file(s): 4 processed"), "\(first.stdout)")
        #expect(folder.listing().filter { $0.hasSuffix(".saxs.json") }.count == 4)

        let again = try SaxsdProcess.run(["process", "--config", config, folder.file("data")])
        #expect(again.stdout.contains("0 processed, 4 already current"), "\(again.stdout)")

        try "garbage".write(toFile: "\(data)/broken.fits", atomically: false, encoding: .utf8)
        let broken = try SaxsdProcess.run(["process", "--config", config, folder.file("data")])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("broken.fits"))

        let forced = try SaxsdProcess.run(["process", "--force", "--config", config, "\(data)/p_0.fits"])
        #expect(forced.stdout.contains("1 file(s): 1 processed"), "\(forced.stdout)")
    }

    @Test func shardsSplitTheFilesWithoutOverlap() throws {
        let folder = try TemporaryFolder("shard")
        let data = try folder.folder("data")
        let config = try TestDetector.configure(folder, roots: [])
        for i in 0..<12 { try TestDetector.write(seed: i, to: "\(data)/s_\(i).fits") }
        var total = 0
        for k in 1...3 {
            let run = try SaxsdProcess.run(["process", "--config", config, "--shard", "\(k)/3", data])
            #expect(run.status == 0)
            let count = Int(run.stdout.split(separator: " ").first ?? "") ?? -1
            total += count
        }
        #expect(total == 12)
        #expect(folder.listing().filter { $0.hasSuffix(".saxs.json") }.count == 12)
        let invalid = try SaxsdProcess.run(["process", "--config", config, "--shard", "4/3", data])
        #expect(invalid.status != 0 && invalid.status != nil)
    }

    @Test func integrateWritesADatBesideTheFrame() throws {
        let folder = try TemporaryFolder("integrate")
        let frame = folder.file("pilatus.fits")
        try FileManager.default.copyItem(atPath: SharedFiles.pyfai("pilatus1m_frame.fits"), toPath: frame)
        let run = try SaxsdProcess.run(["integrate", frame, "--poni", SharedFiles.pyfai("pilatus1m.poni"),
                                        "--mask", SharedFiles.pyfai("pilatus1m_mask.fits"), "--npt", "1000",
                                        "--split", "no", "--unit", "q_nm^-1"])
        #expect(run.status == 0, "\(run.stderr)")
        let dat = try ColumnText(path: folder.file("pilatus.dat"))
        let reference = try ColumnText(path: SharedFiles.pyfai("I_no_histogram_cython.txt")).rows.filter { $0[1] != 0 || $0[2] != 0 }
        #expect(dat.rows.count == reference.count)
        #expect(dat.comments.contains("# columns: q [1/nm] I sigma"))

        let twoTheta = try SaxsdProcess.run(["integrate", frame, "--poni", SharedFiles.pyfai("pilatus1m.poni"),
                                             "--unit", "2th_deg", "--split", "no", "-o", folder.file("tth.dat")])
        #expect(twoTheta.status == 0, "\(twoTheta.stderr)")
        #expect(try String(contentsOfFile: folder.file("tth.dat"), encoding: .utf8).contains("# columns: 2theta [deg] I sigma"))
    }

    @Test func integrateTakesRangesSpacingSectorCorrectionsAndNormalization() throws {
        let folder = try TemporaryFolder("flags")
        let config = try TestDetector.configure(folder, roots: [])
        let frame = folder.file("frame.fits")
        try TestDetector.write(seed: 1, to: frame)
        let base = try SaxsdProcess.run(["integrate", frame, "--config", config, "-o", folder.file("base.dat")])
        #expect(base.status == 0, "\(base.stderr)")

        let half = try SaxsdProcess.run(["integrate", frame, "--config", config, "--normalization-factor", "2",
                                         "-o", folder.file("half.dat")])
        #expect(half.status == 0, "\(half.stderr)")
        let baseRows = try ColumnText(path: folder.file("base.dat")).rows
        let halfText = try ColumnText(path: folder.file("half.dat"))
        #expect(halfText.rows.count == baseRows.count && !baseRows.isEmpty)
        for (row, reference) in zip(halfText.rows, baseRows) {
            #expect(row[0] == reference[0])
            #expect(abs(row[1] - reference[1] / 2) <= 1e-7 * reference[1])
        }
        #expect(halfText.comments.contains("# normalization: divided by 2.0"))

        // Negative sector bounds are values, not options.
        let sector = try SaxsdProcess.run(["integrate", frame, "--config", config, "--radial-range", "0.1:1.0", "--log",
                                           "--azimuth-range", "-10:10", "-o", folder.file("sector.dat")])
        #expect(sector.status == 0, "\(sector.stderr)")
        let sectorText = try ColumnText(path: folder.file("sector.dat"))
        #expect(sectorText.comments.contains("# sector: chi -10.0...10.0 deg"))
        #expect(sectorText.comments.contains { $0.contains("spacing=log radial_range=0.1...1.0") }, "\(sectorText.comments)")
        let q = sectorText.rows.map { $0[0] }
        #expect(q.count > 10 && q.allSatisfy { (0.1...1.0).contains($0) })
        // Log bins have one ratio between neighbouring centres; a narrow sector leaves some bins empty, so
        // neighbouring rows are a whole number of those steps apart.
        let steps = zip(q.dropFirst(), q).map { log($0 / $1) }
        let step = try #require(steps.min())
        #expect(step > 0 && steps.allSatisfy { abs($0 / step - ($0 / step).rounded()) < 1e-4 }, "\(steps)")

        // A dark equal to the frame leaves nothing; a flat of ones changes nothing more.
        try FITSWriter(sampleType: .int32).write([TestDetector.frame(seed: 1)], to: folder.file("dark.fits"))
        try FITSWriter(sampleType: .float32).write([Frame(shape: TestDetector.shape, pixels: .init(repeating: 1, count: TestDetector.shape.pixelCount))],
                                                   to: folder.file("flat.fits"))
        let dark = try SaxsdProcess.run(["integrate", frame, "--config", config, "--dark", folder.file("dark.fits"),
                                         "--flat", folder.file("flat.fits"), "-o", folder.file("dark.dat")])
        #expect(dark.status == 0, "\(dark.stderr)")
        let darkText = try ColumnText(path: folder.file("dark.dat"))
        #expect(darkText.comments.contains("# dark: \(folder.file("dark.fits"))"))
        #expect(darkText.comments.contains("# flat: \(folder.file("flat.fits"))"))
        #expect(darkText.rows.count == baseRows.count && darkText.rows.allSatisfy { $0[1] == 0 })

        for arguments in [["--radial-range", "3:1"], ["--radial-range", "0:1", "--log"], ["--azimuth-range", "ten"],
                          ["--normalization-factor", "0"]] {
            let refused = try SaxsdProcess.run(["integrate", frame, "--config", config, "-o", folder.file("x.dat")] + arguments)
            #expect(refused.status != 0 && refused.status != nil, "\(arguments)")
            #expect(!refused.stderr.isEmpty, "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("x.dat")))
    }

    @Test func processWritesAnisotropyFilesAndNeverTakesThemForFrames() throws {
        let folder = try TemporaryFolder("aniso")
        let data = try folder.folder("data")
        let config = try TestDetector.configure(folder, roots: [], extra: """
            cache = "matrices"
            [anisotropy]
            sectors = [[-10, 10], [80, 100]]
            band = [0.3, 0.6]
            cake = true
            cake_bins = [50, 90]

            """)
        let checked = try SaxsdProcess.run(["check-config", config])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("anisotropy: 2 sector(s)") && checked.stdout.contains("cake 50x90"), "\(checked.stdout)")
        #expect(checked.stdout.contains("matrix cache: \(folder.file("matrices"))"), "\(checked.stdout)")

        try TestDetector.write(seed: 0, to: "\(data)/a.fits")
        let first = try SaxsdProcess.run(["process", "--config", config, data])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(folder.listing().filter { $0.hasPrefix("data/") } == [
            "data/a.fits", "data/a.saxs.cake.fits", "data/a.saxs.dat", "data/a.saxs.json",
            "data/a.saxs.sector1.dat", "data/a.saxs.sector2.dat",
        ])
        #expect(folder.listing().filter { $0.hasPrefix("matrices/") }.count == 5, "one matrix per integration")
        #expect(SchemaValidator.problems(in: ["\(data)/a.saxs.json"]) == [])
        // The cake matches *.fits but is saxsd's own: the folder still holds one frame, already current.
        let again = try SaxsdProcess.run(["process", "--config", config, data])
        #expect(again.stdout.contains("1 file(s): 0 processed, 1 already current"), "\(again.stdout)")
    }
}
