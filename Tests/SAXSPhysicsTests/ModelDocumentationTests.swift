import Foundation
import Testing
import SAXSPhysics

/// docs/models.md is what users read to call `saxsd model` and to interpret simulated data: every model and
/// parameter saxsd has must be there, with its unit.
@Suite struct ModelDocumentationTests {
    static let document: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("docs/models.md"), encoding: .utf8)) ?? ""
    }()

    @Test(arguments: ModelCatalog.names)
    func everyModelAndParameterIsDocumentedWithItsUnit(_ name: String) throws {
        let (model, _) = try ModelCatalog.model(named: name, arguments: [:])
        let heading = "### `\(name)`\n"
        let start = try #require(Self.document.range(of: heading), "docs/models.md has no section for \(name)")
        let section = Self.document[start.upperBound...].prefix { _ in true }
        let end = section.range(of: "\n### ")?.lowerBound ?? section.endIndex
        let text = section[..<end]
        for parameter in model.parameters {
            #expect(text.contains("| `\(parameter.name)` | \(parameter.unit) |"),
                    "\(name).\(parameter.name) [\(parameter.unit)] is not in its section of docs/models.md")
        }
    }
}
