import SAXSFrames

@main
enum Entry {
    /// A trial server must be decided on before anything can start a second thread (`HDF5TrialServer.serve`), so
    /// its hidden subcommand is recognised here rather than by the argument parser.
    static func main() async {
        if CommandLine.arguments.dropFirst().first == HDF5TrialServer.command {
            HDF5TrialServer.serve()
        }
        HDF5TrialServer.install(HDF5TrialServer(executable: "/proc/self/exe"))
        await Saxsd.main()
    }
}
