import ArgumentParser
import Foundation
import SAXSDaemon
import SAXSFrames
import SAXSIntegration
import SAXSPipeline

struct Integrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Integrate one frame to I(q) and write a .dat file.",
        discussion: """
            Settings come from the configuration's [integration] section (default file when it exists); the \
            options override them. Without -o the profile goes beside the frame as NAME.dat (NAME_00000.dat, \
            … for a multi-frame file).
            """
    )

    @Argument(help: "Frame file.")
    var frame: String

    @Option(help: "Configuration file.")
    var config: String?

    @Option(help: "pyFAI PONI geometry file.")
    var poni: String?

    @Option(help: "Mask file (FITS, non-zero = masked).")
    var mask: String?

    @Option(help: "Number of radial bins.")
    var npt: Int?

    @Option(help: "Radial unit: q_nm^-1, q_A^-1, 2th_deg or r_mm.")
    var unit: RadialUnit?

    @Option(help: "Pixel splitting: no, bbox or full.")
    var split: PixelSplitting?

    @Option(name: .shortAndLong, help: "Output .dat file.")
    var output: String?

    func run() throws {
        var configuration = try ConfigurationLoader.loadOptional(config)
        if let poni { configuration.integration.poni = absolutePath(poni) }
        if let mask { configuration.integration.mask = absolutePath(mask) }
        if let npt {
            guard npt >= 1 else { throw ValidationError("--npt must be at least 1") }
            configuration.integration.settings.npt = npt
        }
        if let unit { configuration.integration.settings.unit = unit }
        if let split { configuration.integration.settings.split = split }
        let settings = try ConfigurationLoader.pipelineSettings(configuration)
        let pipeline = Pipeline(settings: settings)

        let path = absolutePath(frame)
        let frames: [Frame]
        do {
            frames = try FrameFile().readFrames(path: path)
        } catch {
            StandardError.line("saxsd: \(error)")
            throw ExitCode.failure
        }
        let base = output.map(absolutePath) ?? {
            let stem = (path as NSString).deletingPathExtension
            return stem + ".dat"
        }()
        for frame in frames {
            let profile: Profile
            do {
                profile = try pipeline.integrator(for: frame.shape).get().integrate(frame)
            } catch {
                StandardError.line("saxsd: \(path): \(error)")
                throw ExitCode.failure
            }
            let target = frames.count > 1 ? Self.numbered(base, frame.index) : base
            do {
                try AtomicFile.write(pipeline.datFile(profile, frame: frame, path: path, frames: frames.count).bytes(), to: target)
            } catch {
                StandardError.line("saxsd: \(error)")
                throw ExitCode.failure
            }
            print("\(target): \(profile.nonEmptyBins.count) points")
        }
    }

    static func numbered(_ path: String, _ index: Int) -> String {
        let stem = (path as NSString).deletingPathExtension
        let ext = (path as NSString).pathExtension
        return stem + String(format: "_%05d", index) + (ext.isEmpty ? "" : "." + ext)
    }
}

extension RadialUnit: ExpressibleByArgument {}
extension PixelSplitting: ExpressibleByArgument {}
