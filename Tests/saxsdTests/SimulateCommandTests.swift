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
