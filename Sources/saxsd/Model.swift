import ArgumentParser
import Foundation
import SAXSIntegration
import SAXSPhysics

struct Model: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print I(q) of a scattering model, to compare with SasView.",
        discussion: """
            Parameters not given keep their defaults; `saxsd model NAME --parameters` lists them with units. Form \
            factors take sasmodels' names and units (lengths in Å, SLDs in 1e-6/Å², I in 1/cm) and SasView's \
            polydispersity keys (radius_pd=0.1 radius_pd_type=schulz radius_pd_n=80 radius_pd_nsigma=8); the \
            phase models (phase_lamellar, phase_cubic_Pn3m, …) take the phase table's, lengths in nm. See \
            docs/models.md. Without --q the curve is computed on 200 log-spaced points from 0.01 to 5 nm^-1.
            """
    )

    @Argument(help: "Model name; leave out to list the models.")
    var name: String?

    @Argument(help: ArgumentHelp("Parameter values.", valueName: "key=value"))
    var assignments: [String] = []

    @Option(help: ArgumentHelp("Text file whose first column is the q grid (in --unit); # lines are skipped.", valueName: "FILE"))
    var q: String?

    @Option(help: "Unit of q, in and out: q_nm^-1 or q_A^-1.")
    var unit: RadialUnit = .qNm

    @Flag(help: "List the model's parameters (tab-separated: name, value, unit, bounds, meaning) instead of computing it.")
    var parameters = false

    mutating func run() throws {
        guard let name else {
            print(ModelCatalog.names.joined(separator: "\n"))
            return
        }
        guard unit == .qNm || unit == .qA else {
            throw ValidationError("--unit must be q_nm^-1 or q_A^-1: a model has no geometry to give \(unit.rawValue)")
        }
        var arguments: [String: String] = [:]
        for assignment in assignments {
            let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else { throw ValidationError("\(assignment): expected key=value") }
            arguments[parts[0]] = parts[1]
        }
        let (model, values): (any ScatteringModel, [Double])
        do {
            (model, values) = try ModelCatalog.model(named: name, arguments: arguments)
        } catch {
            throw ValidationError(error.description)
        }
        if parameters {
            // Tab-separated, so that scripts can read it: name, value, unit, lower bound, upper bound, meaning.
            for (parameter, value) in zip(model.parameters, values) {
                print([parameter.name, "\(value)", parameter.unit, "\(parameter.bounds.lowerBound)",
                       "\(parameter.bounds.upperBound)", parameter.summary].joined(separator: "\t"))
            }
            return
        }
        // 0.01–5 nm⁻¹ (0.001–0.5 1/Å), in the unit asked for.
        let grid = try q.map(Self.readGrid) ?? RadialBinning.logSpaced(from: 0.01, to: 5, count: 200).map { $0 * unit.scale }
        let intensity = model.intensity(q: grid, unit: unit, values: values)
        var output = "# saxsd model \(model.name)\n"
        for (parameter, value) in zip(model.parameters, values) {
            output += "# \(parameter.name) = \(value)\(parameter.unit.isEmpty ? "" : " " + parameter.unit)\n"
        }
        output += "# columns: \(unit.columnLabel) I [1/cm]\n"
        for (q, i) in zip(grid, intensity) { output += String(format: "%.8e %.8e\n", q, i) }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    private static func readGrid(_ path: String) throws -> [Double] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ValidationError("\(path): cannot be read (\(error.localizedDescription))")
        }
        var grid: [Double] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let field = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).first,
                  let value = Double(field), value > 0, value.isFinite else {
                throw ValidationError("\(path):\(number + 1): the first column must be a positive q")
            }
            grid.append(value)
        }
        guard !grid.isEmpty else { throw ValidationError("\(path): holds no q values") }
        return grid
    }
}
