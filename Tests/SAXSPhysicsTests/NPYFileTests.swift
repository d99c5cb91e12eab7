import Foundation
import SAXSPhysics
import SAXSTestSupport
import Testing

@Suite struct NPYFileTests {
    @Test func headerIsNumpysAndDataRoundTrips() throws {
        let values: [Float] = (0..<12).map { Float($0) * 0.5 - 1 }
        let bytes = NPYFile(float32: values, shape: [3, 4]).bytes
        #expect(Array(bytes[0..<8]) == [0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        #expect(bytes[10 + headerLength - 1] == 0x0A)
        let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
        #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }"))
        #expect(bytes.count == 10 + headerLength + 48)
        let parsed = try NPYFile(parsing: bytes)
        #expect(parsed.shape == [3, 4] && parsed.type == .float32)
        #expect(parsed.values == values.map(Double.init))
        let vector = try NPYFile(parsing: NPYFile(float64: [1.5, -2, 1e-300], shape: [3]).bytes)
        #expect(vector.shape == [3] && vector.values == [1.5, -2, 1e-300])
        #expect(throws: NPYFile.FormatError.self) { try NPYFile(parsing: Array(bytes.dropLast())) }
    }

    /// numpy itself reads the files, when python3 with numpy is installed (otherwise the header checks above
    /// are all there is).
    @Test func numpyLoadsTheFiles() throws {
        guard let python = Self.pythonWithNumpy() else { return }
        let folder = try TemporaryFolder("npy")
        let values: [Float] = (0..<6).map { Float($0) + 0.25 }
        try Data(NPYFile(float32: values, shape: [2, 3]).bytes).write(to: URL(fileURLWithPath: folder.file("a.npy")))
        try Data(NPYFile(float64: [0.1, 0.2], shape: [2]).bytes).write(to: URL(fileURLWithPath: folder.file("q.npy")))
        let script = """
            import numpy as np
            a = np.load('\(folder.file("a.npy"))'); q = np.load('\(folder.file("q.npy"))')
            print(a.dtype, a.shape, float(a[1, 2]), q.dtype, q.shape, float(q[1]))
            """
        let output = try Self.run(python, ["-c", script])
        #expect(output == "float32 (2, 3) 5.25 float64 (2,) 0.2\n")
    }

    static func pythonWithNumpy() -> String? {
        for candidate in ["/usr/bin/python3", "/usr/local/bin/python3"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            if (try? run(candidate, ["-c", "import numpy"])) != nil { return candidate }
        }
        return nil
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
        return String(decoding: data, as: UTF8.self)
    }
}

@Suite struct CelluloseDatasetTests {
    @Test func writesParametersCurvesQGridAndManifest() async throws {
        let folder = try TemporaryFolder("cellulose")
        let settings = CelluloseSimulator.Settings(grid: CrossSectionGrid(size: 64, pixelSize: 0.3), realizations: 2,
                                                   q: RadialBinning.logSpaced(from: 0.4, to: 5, count: 25))
        let dataset = CelluloseDataset(count: 4, seed: 5, simulator: settings, workers: 2)
        let rows = await dataset.generate()
        try dataset.write(rows, to: folder.path, manifest: dataset.manifest(software: "saxsd", version: "test",
                                                                            elapsedSeconds: 1))
        #expect(folder.listing() == ["curves.npy", "manifest.json", "parameters.csv", "q.npy", "sigma.npy"])

        let csv = try String(contentsOfFile: folder.file("parameters.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[0] == "alpha_mean,alpha_std,pow_exp,mu,sld_grf1,sld_grf2,vf_crystal,vf_grf1,vf_grf2,surface_area")
        for (row, line) in lines.dropFirst().enumerated() {
            let numbers = line.split(separator: ",").compactMap { Double($0) }
            #expect(numbers.count == 10)
            #expect(numbers == rows.parameters[row].values.map { Double(String(format: "%.9g", $0))! })
        }

        let curves = try NPYFile(parsing: Array(Data(contentsOf: URL(fileURLWithPath: folder.file("curves.npy")))))
        #expect(curves.type == .float32 && curves.shape == [4, 25])
        #expect(curves.values == rows.intensity.map(Double.init))
        let sigma = try NPYFile(parsing: Array(Data(contentsOf: URL(fileURLWithPath: folder.file("sigma.npy")))))
        #expect(sigma.shape == [4, 25])
        let q = try NPYFile(parsing: Array(Data(contentsOf: URL(fileURLWithPath: folder.file("q.npy")))))
        #expect(q.type == .float64 && q.values == settings.q)

        let manifest = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: folder.file("manifest.json")))) as? [String: Any]
        #expect(manifest?["seed"] as? Int == 5)
        #expect(manifest?["count"] as? Int == 4)
        #expect(manifest?["version"] as? String == "test")
        #expect(manifest?["parameters"] as? [String] == CelluloseParameters.names)
        let grid = manifest?["grid"] as? [String: Any]
        #expect(grid?["q_points"] as? Int == 25)
        #expect(grid?["pixel_size_nm"] as? Double == 0.3)
        #expect((manifest?["priors"] as? [String: Any])?["pow_exp"] as? [Double] == [3, 7])
    }
}
