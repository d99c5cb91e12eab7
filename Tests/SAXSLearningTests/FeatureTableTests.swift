import SAXSLearning
import Testing

@Suite struct FeatureTableTests {
    @Test func aHeaderIsTakenAndMissingCellsAreNaN() throws {
        let table = try FeatureTable(csv: "a, b ,c\r\n1,,nan\n\n# a comment\n-2.5e-3 , NaN,4\n", path: "rows.csv")
        #expect(table.columnNames == ["a", "b", "c"])
        #expect(table.rowCount == 2)
        #expect(table.row(0)[0] == 1 && table.row(0).dropFirst().allSatisfy(\.isNaN))
        #expect(table.row(1)[0] == -2.5e-3 && table.row(1)[1].isNaN && table.row(1)[2] == 4)
    }

    @Test func withoutAHeaderTheFirstLineIsARow() throws {
        let table = try FeatureTable(csv: "1,2\n3,\n", path: "rows.csv", columnCount: 2)
        #expect(table.columnNames == nil && table.rowCount == 2)
        #expect(table.values[0..<3] == [1, 2, 3])
        // Numbers are read as float32 directly: this one rounds differently through a double.
        let tricky = "1.0000000596046447753906250001"
        #expect(try FeatureTable(csv: tricky, path: "x").values[0] == Float(1).nextUp)
    }

    @Test func badRowsNameTheFileAndLine() {
        let wrongCount = #expect(throws: FeatureTableError.self) {
            try FeatureTable(csv: "f0,f1,f2\n1,2,3\n\n4,5\n", path: "rows.csv", columnCount: 3)
        }
        #expect(wrongCount?.description == "rows.csv:4: 2 values, 3 expected")
        let text = #expect(throws: FeatureTableError.self) { try FeatureTable(csv: "1,2\n3,x4\n", path: "rows.csv") }
        #expect(text?.description == "rows.csv:2: column 2: \"x4\" is not a number")
        // A typo in a first line of numbers is an error, not a header.
        let typo = #expect(throws: FeatureTableError.self) { try FeatureTable(csv: "1,2o\n3,4\n", path: "r.csv") }
        #expect(typo?.line == 1)
        let header = #expect(throws: FeatureTableError.self) { try FeatureTable(csv: "a,b\n1,2\n", path: "r.csv", columnCount: 3) }
        #expect(header?.description == "r.csv:1: a header of 2 columns for 3 features")
    }
}
