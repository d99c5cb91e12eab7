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
        var effective = configuration
        let roots = dirs.map(absolutePath)
        if !roots.isEmpty { effective.watch.roots = roots }
        _ = try ConfigurationLoader.pipelineSettings(effective)

        let service = WatchService(configuration: configuration, configurationPath: config, rootsOverride: roots,
                                   logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
    }
}
