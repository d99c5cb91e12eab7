import ArgumentParser
import SAXSPipeline

struct Saxsd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "saxsd",
        abstract: "Live SAXS data reduction: watches detector folders, integrates frames to I(q), writes sidecars.",
        version: "\(Software.name) \(Software.version)",
        subcommands: [Watch.self, Process.self, Integrate.self, Demo.self, CheckConfig.self, Simulate.self, Model.self,
                      Predict.self, Train.self]
    )
}
