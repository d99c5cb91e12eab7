import Foundation

/// Validates sidecars against `docs/sidecar.schema.json` with Python's jsonschema, the reference
/// implementation of JSON Schema (installed by scripts/install-deps.sh as python3-jsonschema).
public enum SchemaValidator {
    static let interpreter: String? = {
        for candidate in ["/usr/bin/python3", "/usr/local/bin/python3"] {
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: candidate)
            probe.arguments = ["-c", "import jsonschema"]
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { continue }
            probe.waitUntilExit()
            if probe.terminationStatus == 0 { return candidate }
        }
        return nil
    }()

    /// Problems found in the given files (empty when all are valid). A missing validator is a problem too:
    /// the check must not pass by not running.
    public static func problems(in files: [String]) -> [String] {
        guard let interpreter else {
            return ["python3 with jsonschema not found: run scripts/install-deps.sh (apt-get install python3-jsonschema)"]
        }
        let schema = SharedFiles.repository.appendingPathComponent("docs/sidecar.schema.json").path
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.Draft202012Validator(schema)
            bad = 0
            for path in sys.argv[2:]:
                for error in validator.iter_errors(json.load(open(path))):
                    print(f"{path}: {error.json_path}: {error.message}")
                    bad += 1
            sys.exit(1 if bad else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter)
        process.arguments = ["-c", script, schema] + files
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return ["cannot run \(interpreter): \(error)"] }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        if process.terminationStatus == 0 { return [] }
        return text.split(separator: "\n").map(String.init) + (text.isEmpty ? ["validator exited \(process.terminationStatus)"] : [])
    }
}
