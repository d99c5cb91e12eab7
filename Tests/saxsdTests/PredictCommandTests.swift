import Foundation
import SAXSTestSupport
import Testing

/// `saxsd predict` against the predictions xgboost made for the fixtures of SAXSLearningTests.
@Suite struct PredictCommandTests {
    private func fixture(_ name: String) -> String {
        SharedFiles.repository.appendingPathComponent("Tests/SAXSLearningTests/Fixtures").appendingPathComponent(name).path
    }

    /// Output or fixture lines as float32 bit patterns; separators are commas or spaces.
    private func bits(_ text: String) -> [[UInt32]] {
        text.split(separator: "\n").map { line in
            line.split(whereSeparator: { $0 == "," || $0 == " " }).map { Float($0)?.bitPattern ?? 0xFFFF_FFFF }
        }
    }

    @Test(arguments: [("xgb3_softprob", false), ("xgb2_logistic", false), ("xgb2_logistic", true), ("xgb2_regressor", false)])
    func printsXGBoostsNumbersRowByRow(_ model: String, margin: Bool) throws {
        let run = try SaxsdProcess.run(["predict", "--model", fixture(model + ".json"), fixture("rows.csv")]
                                       + (margin ? ["--margin"] : []))
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try String(contentsOfFile: fixture(model + (margin ? ".margins.txt" : ".predictions.txt")),
                                  encoding: .utf8)
        #expect(bits(run.stdout).count == 24)
        #expect(bits(run.stdout) == bits(expected))
    }

    @Test func readsStandardInputAndSavesTheModelItRan() throws {
        let folder = try TemporaryFolder("predict")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SaxsdProcess.executable)
        process.arguments = ["predict", "--model", fixture("xgb3_logistic.json"), "--save-model", folder.file("saved.json"), "-"]
        process.standardInput = FileHandle(forReadingAtPath: fixture("rows.csv"))
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let expected = try String(contentsOfFile: fixture("xgb3_logistic.predictions.txt"), encoding: .utf8)
        #expect(bits(printed) == bits(expected))

        let again = try SaxsdProcess.run(["predict", "--model", folder.file("saved.json"), fixture("rows.csv")])
        #expect(again.status == 0 && again.stdout == printed)
    }

    @Test func badRowsAndRefusedModelsFailWithTheReason() throws {
        let folder = try TemporaryFolder("predict")
        let rows = folder.file("rows.csv")
        try "f0,f1,f2,f3,f4,f5\n1,2,3,4,5,6\n1,2,3,,5\n".write(toFile: rows, atomically: false, encoding: .utf8)
        let short = try SaxsdProcess.run(["predict", "--model", fixture("xgb3_logistic.json"), rows])
        #expect(short.status == 1)
        #expect(short.stderr.contains("\(rows):3: 5 values, 6 expected"), "\(short.stderr)")
        #expect(short.stdout.isEmpty)

        try "1,2,3,4,5,6\n1,2,x,4,5,6\n".write(toFile: rows, atomically: false, encoding: .utf8)
        let text = try SaxsdProcess.run(["predict", "--model", fixture("xgb3_logistic.json"), rows])
        #expect(text.status == 1 && text.stderr.contains("\(rows):2: column 3: \"x\" is not a number"), "\(text.stderr)")

        let dart = try SaxsdProcess.run(["predict", "--model", fixture("refused_dart.json"), rows])
        #expect(dart.status == 1 && dart.stderr.contains("booster \"dart\""), "\(dart.stderr)")

        // A model that names its features checks the header's names.
        let named = folder.file("named.json")
        let model = try String(contentsOfFile: fixture("xgb3_logistic.json"), encoding: .utf8)
        try model.replacingOccurrences(of: "\"feature_names\":[]", with: "\"feature_names\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]")
            .replacingOccurrences(of: "\"feature_types\":[]", with: "\"feature_types\":[\"float\",\"float\",\"float\",\"float\",\"float\",\"float\"]")
            .write(toFile: named, atomically: false, encoding: .utf8)
        let header = try SaxsdProcess.run(["predict", "--model", named, fixture("rows.csv")])
        #expect(header.status == 1 && header.stderr.contains("rows.csv:1: the header names f0,"), "\(header.stderr)")
        try "a,b,c,d,e,f\n1,2,3,4,5,6\n".write(toFile: rows, atomically: false, encoding: .utf8)
        let matching = try SaxsdProcess.run(["predict", "--model", named, rows])
        #expect(matching.status == 0 && matching.stdout.split(separator: "\n").count == 1, "\(matching.stderr)")
    }
}
