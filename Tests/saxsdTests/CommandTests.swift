import Foundation
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
}
