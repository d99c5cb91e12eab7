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
        print("  integration: npt=\(s.npt) unit=\(s.unit.rawValue) split=\(s.split.rawValue) error_model=\(s.errorModel.rawValue)"
              + " spacing=\(s.spacing.rawValue)")
        let invalid = [s.invalid.below.map { "below \($0)" }, s.invalid.atOrAbove.map { "at or above \($0)" }].compactMap { $0 }
        print("  invalid pixels: \(invalid.isEmpty ? "none" : invalid.joined(separator: ", "))")
        if let dark = settings.darkPath { print("  dark: \(dark)") }
        if let flat = settings.flatPath { print("  flat: \(flat)") }
        print("  matrix cache: \(settings.cache?.directory ?? "none")")
        let a = settings.anisotropy
        if !a.isEmpty {
            var parts = ["\(a.sectors.count) sector(s)"]
            if let band = a.band { parts.append("I(chi) over \(band.lowerBound)...\(band.upperBound) with orientation") }
            if a.cake { parts.append("cake \(a.cakeRadialBins)x\(a.cakeAzimuthBins)") }
            print("  anisotropy: \(parts.joined(separator: ", "))")
        }
        print("  output: \(configuration.output.root.isEmpty ? "beside the raw data" : configuration.output.root)")
    }
}
