import ArgumentParser
import Logging
import SAXSDaemon
import ServiceLifecycle

struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the service: watch folders, process every new frame, write sidecars until SIGTERM."
    )

    @Option(help: "Configuration file.")
    var config: String = Configuration.defaultPath

    @Argument(help: "Folders to watch (replace watch.roots of the configuration).")
    var dirs: [String] = []

    func run() async throws {
        LoggingSetup.bootstrap()
        let logger = Logger(label: "saxsd")
        let configuration = try ConfigurationLoader.load(config)
        let roots = dirs.map(absolutePath)
        let settings = try ConfigurationLoader.pipelineSettings(configuration)
        let service = WatchService(configuration: configuration, settings: settings, configurationPath: config,
                                   rootsOverride: roots, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
    }
}
