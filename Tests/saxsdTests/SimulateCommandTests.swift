import Foundation
import SAXSTestSupport
import Testing

@Suite struct SimulateCommandTests {
    @Test func simulateCelluloseWritesTheDataSetAndAnImage() throws {
        let folder = try TemporaryFolder("simulate")
        let arguments = ["simulate", "cellulose", "--count", "3", "--out", folder.file("set"), "--seed", "7",
                         "--map-size", "96", "--realizations", "2", "--image", folder.file("map.pgm")]
        let result = try SaxsdProcess.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(folder.listing() == ["map.pgm", "set/curves.npy", "set/manifest.json", "set/parameters.csv",
                                     "set/q.npy", "set/sigma.npy"])
        let csv = try String(contentsOfFile: folder.file("set/parameters.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first?.split(separator: ",").count == 10)
        #expect(lines.first?.hasPrefix("alpha_mean,alpha_std,pow_exp,mu,") == true)
        #expect(lines.count == 4)
        // curves.npy: float32, 3 × 500, after numpy's 64-byte aligned header.
        let npy = try Data(contentsOf: URL(fileURLWithPath: folder.file("set/curves.npy")))
        let headerLength = Int(npy[8]) | Int(npy[9]) << 8
        let header = String(decoding: npy[10..<(10 + headerLength)], as: UTF8.self)
        #expect(header.contains("'descr': '<f4'") && header.contains("'shape': (3, 500)"))
        #expect(npy.count == 10 + headerLength + 3 * 500 * 4)
        let manifest = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: folder.file("set/manifest.json")))) as? [String: Any]
        #expect(manifest?["seed"] as? Int == 7)
        #expect(manifest?["version"] as? String == "0.1.0")
        let pgm = try Data(contentsOf: URL(fileURLWithPath: folder.file("map.pgm")))
        #expect(pgm.starts(with: Array("P5\n96 96\n255\n".utf8)))
        #expect(pgm.count == 13 + 96 * 96)

        // Deterministic for a seed: a second run gives the same bytes.
        let again = try SaxsdProcess.run(Array(arguments.prefix(5)) + [folder.file("again")] + Array(arguments[6..<12]))
        #expect(again.status == 0)
        for file in ["curves.npy", "parameters.csv", "sigma.npy", "q.npy"] {
            #expect(FileManager.default.contentsEqual(atPath: folder.file("set/\(file)"), andPath: folder.file("again/\(file)")))
        }
    }
}

@Suite struct SimulateCurvesAndFramesCommandTests {
    /// The header of a .npy file: dtype and shape, as numpy writes and reads them.
    static func npyHeader(_ path: String) throws -> String {
        let npy = try Data(contentsOf: URL(fileURLWithPath: path))
        let length = Int(npy[8]) | Int(npy[9]) << 8
        return String(decoding: npy[10..<(10 + length)], as: UTF8.self)
    }

    @Test func simulateCurvesWritesEveryPhaseDeterministicallyOnAnyNumberOfWorkers() throws {
        let folder = try TemporaryFolder("simulate-curves")
        func run(_ out: String, workers: Int) throws {
            let result = try SaxsdProcess.run(["simulate", "curves", "--phases", "lamellar,cubic_Ia3d,disordered,empty",
                                               "--count", "3", "--points", "120", "--out", folder.file(out), "--seed", "5",
                                               "--workers", "\(workers)"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        try run("one", workers: 1)
        try run("two", workers: 2)
        for name in ["q", "intensity", "sigma"] {
            let header = try Self.npyHeader(folder.file("one/\(name).npy"))
            #expect(header.contains("'descr': '<f4'") && header.contains("'shape': (12, 120)"), "\(header)")
        }
        for file in ["q.npy", "intensity.npy", "sigma.npy", "parameters.csv"] {
            #expect(FileManager.default.contentsEqual(atPath: folder.file("one/\(file)"), andPath: folder.file("two/\(file)")), "\(file)")
        }
        let rows = try String(contentsOfFile: folder.file("one/parameters.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 13)
        #expect(rows[0].hasPrefix("index,phase,total_counts,relative_resolution,d_spacing,domain_size,"))
        #expect(rows.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[1] }
                == ["lamellar", "lamellar", "lamellar", "cubic_Ia3d", "cubic_Ia3d", "cubic_Ia3d", "disordered", "disordered",
                    "disordered", "empty", "empty", "empty"])
        let manifest = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: folder.file("one/manifest.json")))) as? [String: Any]
        let phases = manifest?["phases"] as? [[String: Any]]
        #expect(phases?.map { $0["label"] as? String } == ["lamellar", "cubic_Ia3d", "disordered", "empty"])

        let refused = try SaxsdProcess.run(["simulate", "curves", "--phases", "lamellar,sponge", "--out", folder.file("x")])
        #expect(refused.status != 0 && refused.stderr.contains("sponge is not a phase"))
    }

    @Test func simulateFramesWritesFramesSaxsdReadsWithTheirGeometryMaskAndPhases() throws {
        let folder = try TemporaryFolder("simulate-frames")
        let result = try SaxsdProcess.run(["simulate", "frames", "--phases", "hexagonal,empty", "--count", "2",
                                           "--format", "edf", "--hermans", "0.4", "--out", folder.file("set"), "--seed", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(folder.listing() == ["set/detector.poni", "set/frame_00000.edf", "set/frame_00001.edf", "set/frames.csv",
                                     "set/mask.fits"])
        let csv = try String(contentsOfFile: folder.file("set/frames.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 3)
        #expect(csv[1].hasPrefix("frame_00000.edf,hexagonal,0.4,lattice="))
        #expect(csv[2].hasPrefix("frame_00001.edf,empty,0.4,power_law_scale="))
        // The frames integrate with the geometry and mask written beside them.
        let integrated = try SaxsdProcess.run(["integrate", folder.file("set/frame_00000.edf"), "--poni", folder.file("set/detector.poni"),
                                               "--mask", folder.file("set/mask.fits"), "--npt", "200", "-o", folder.file("f.dat")])
        #expect(integrated.status == 0, "\(integrated.stderr)")
    }

    @Test func modelPrintsACurveAndRefusesWhatItDoesNotKnow() throws {
        let printed = try SaxsdProcess.run(["model", "sphere", "radius=50", "sld=2", "sld_solvent=1", "background=0",
                                            "--unit", "q_A^-1"])
        #expect(printed.status == 0, "\(printed.stderr)")
        let rows = printed.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(rows.count == 200)
        // I(0) of a sphere: scale·V·Δρ²·1e-4 = 52.36 1/cm; the first point, q = 0.001 1/Å, is within 0.1 % of it.
        let first = rows[0].split(separator: " ").compactMap { Double($0) }
        #expect(first.count == 2 && abs(first[1] - 4.0 / 3.0 * Double.pi * 125_000 * 1e-4) < 0.05)
        let unknown = try SaxsdProcess.run(["model", "sphere", "radius_typo=3"])
        #expect(unknown.status != 0 && unknown.stderr.contains("radius_typo"))
        let badUnit = try SaxsdProcess.run(["model", "sphere", "--unit", "2th_deg"])
        #expect(badUnit.status != 0)
    }
}
