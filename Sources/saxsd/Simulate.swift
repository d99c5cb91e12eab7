import ArgumentParser

/// `saxsd simulate …`: simulated data sets, one subcommand per kind. A new kind is one more file and one more
/// entry in `subcommands`.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make simulated data sets.",
        subcommands: [SimulateCellulose.self, SimulateCurves.self, SimulateFrames.self]
    )
}
