import ArgumentParser
import SAXSDaemon

struct CheckConfig: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a configuration file, including the PONI and mask files it names (exit 78 when invalid)."
    )

    @Argument(help: "Configuration file.")
    var file: String = Configuration.defaultPath

    func run() throws {
        let configuration = try ConfigurationLoader.load(file)
        let settings = try ConfigurationLoader.pipelineSettings(configuration)
        print("\(file): ok")
        print("  watch: \(configuration.watch.roots.joined(separator: ", ")) (\(configuration.watch.include.joined(separator: " ")))")
        print("  geometry: \(settings.geometry.summary)")
        let s = settings.integration
        print("  integration: npt=\(s.npt) unit=\(s.unit.rawValue) split=\(s.split.rawValue) error_model=\(s.errorModel.rawValue)")
        print("  output: \(configuration.output.root.isEmpty ? "beside the raw data" : configuration.output.root)")
    }
}
