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

    @Option(name: .customLong("radial-range"), parsing: .unconditional,
            help: ArgumentHelp("Radial range of the bins in the unit.", valueName: "LOW:HIGH"),
            transform: Self.range)
    var radialRange: ClosedRange<Double>?

    @Flag(help: "Log-spaced radial bins (a radial range must start above 0).")
    var log = false

    @Option(name: .customLong("azimuth-range"), parsing: .unconditional,
            help: ArgumentHelp("Sector of chi in degrees, e.g. -10:10.", valueName: "LOW:HIGH"),
            transform: Self.range)
    var azimuthRange: ClosedRange<Double>?

    @Option(help: ArgumentHelp("Dark frame subtracted from the frame.", valueName: "FILE"))
    var dark: String?

    @Option(help: ArgumentHelp("Flat field dividing the frame.", valueName: "FILE"))
    var flat: String?

    @Option(name: .customLong("normalization-factor"),
            help: ArgumentHelp("Constant dividing the intensity and its error.", valueName: "X"))
    var normalizationFactor: Double?

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
        if let radialRange { configuration.integration.settings.radialRange = radialRange }
        if log { configuration.integration.settings.spacing = .log }
        if let azimuthRange {
            configuration.integration.settings.azimuthRange = AzimuthRange(lower: azimuthRange.lowerBound,
                                                                           upper: azimuthRange.upperBound)
        }
        if let dark { configuration.integration.dark = absolutePath(dark) }
        if let flat { configuration.integration.flat = absolutePath(flat) }
        if let normalizationFactor { configuration.integration.settings.normalization.factor = normalizationFactor }
        do {
            try configuration.integration.settings.validate()
        } catch {
            throw ValidationError(error.message)
        }
        var settings = try ConfigurationLoader.pipelineSettings(configuration)
        // One profile is all this command writes: sectors, azimuthal profile and cake are the service's.
        settings.anisotropy = AnisotropySettings()
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
                profile = try pipeline.integrators(for: frame.shape).get().profile.integrate(frame)
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

    /// `LOW:HIGH`, as `--radial-range 0.1:3` or `--azimuth-range -10:10`.
    static func range(_ text: String) throws -> ClosedRange<Double> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]), low.isFinite, high.isFinite else {
            throw ValidationError("expected LOW:HIGH, two numbers, got '\(text)'")
        }
        guard low < high else { throw ValidationError("expected LOW:HIGH with LOW below HIGH, got '\(text)'") }
        return low...high
    }

    static func numbered(_ path: String, _ index: Int) -> String {
        let stem = (path as NSString).deletingPathExtension
        let ext = (path as NSString).pathExtension
        return stem + String(format: "_%05d", index) + (ext.isEmpty ? "" : "." + ext)
    }
}

extension RadialUnit: ExpressibleByArgument {}
extension PixelSplitting: ExpressibleByArgument {}
