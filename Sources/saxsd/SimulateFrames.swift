import ArgumentParser
import Foundation
import SAXSFrames
import SAXSIntegration
import SAXSPhysics
import SAXSPipeline

struct SimulateFrames: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frames",
        abstract: "Simulate detector frames of the phases in any format saxsd reads.",
        discussion: """
            Each frame shows one phase (the phases in turn), its parameters drawn from the phase's priors, on the \
            detector of --poni (default: the demo's Pilatus 1M at 2 m): solid angle, polarization, module gaps \
            (-1), a beamstop and Poisson noise, and with --hermans a fibre orientation in chi with that Hermans \
            parameter. Writes the frames, detector.poni, mask.fits (gaps and beamstop) and frames.csv (file, \
            phase, hermans and the drawn parameters) into DIR; process them with `saxsd process DIR` after \
            pointing [integration] poni and mask at those files.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case fits, tiff, edf, cbf, hdf5
        var fileExtension: String { self == .tiff ? "tif" : self == .hdf5 ? "h5" : rawValue }
    }

    @Option(help: ArgumentHelp("Comma-separated phase labels, shown in turn (default: all).", valueName: "LABELS"))
    var phases: String?

    @Option(help: "Number of frames.")
    var count = 9

    @Option(help: ArgumentHelp("Output folder (made when missing).", valueName: "DIR"))
    var out: String

    @Option(help: "File format: fits, tiff, edf, cbf or hdf5 (one stack).")
    var format: Format = .fits

    @Option(help: "Expected counts per frame.")
    var counts = 2e7

    @Option(help: ArgumentHelp("Hermans orientation parameter of a fibre sample (-0.45 to 0.95).", valueName: "P2"))
    var hermans: Double?

    @Option(help: "Fibre axis: chi in degrees along which the scattering concentrates.")
    var axis = 0.0

    @Option(help: "pyFAI PONI geometry (default: the demo's Pilatus 1M).")
    var poni: String?

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        guard counts > 0, counts.isFinite else { throw ValidationError("--counts must be positive") }
        if let hermans, !(hermans > -0.45 && hermans < 0.95) {
            throw ValidationError("--hermans must lie between -0.45 and 0.95")
        }
        _ = try SimulateCurves.labels(phases)
    }

    func run() throws {
        let labels = try SimulateCurves.labels(phases)
        let folder = absolutePath(out)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let poniText = try poni.map { try String(contentsOfFile: absolutePath($0), encoding: .utf8) } ?? DemoDetector.poni
        let geometry = try Geometry(poniText: poniText, path: poni)
        guard let shape = geometry.maxShape else {
            throw ValidationError("the PONI file gives no detector size (Detector_config max_shape): cannot lay out frames")
        }
        let detector = try DetectorSimulator(geometry: geometry, shape: shape, polarization: 0.99, beamstopQ: 0.06)
        let source = PhaseFrames(detector: detector, totalCounts: counts)
        let orientation = hermans.map { FibreOrientation(hermans: $0, axis: axis) }

        try poniText.write(toFile: folder + "/detector.poni", atomically: true, encoding: .utf8)
        let mask = Frame(shape: shape, pixels: detector.maskedPixels.map { $0 ? 1 : 0 })
        try FITSWriter(sampleType: .uint8).write([mask], to: folder + "/mask.fits")

        var shots: [PhaseFrames.Shot] = []
        var csv = "file,phase,hermans,parameters\n"
        for index in 0..<count {
            let label = labels[index % labels.count]
            let shot = source.shot(label, seed: seed, index: index, orientation: orientation)
            let name = format == .hdf5 ? "frames.h5" : String(format: "frame_%05d.%@", index, format.fileExtension)
            if format != .hdf5 { try write(shot.frame, to: folder + "/" + name) }
            shots.append(shot)
            let parameters = shot.parameters.map { "\($0.name)=\(String(format: "%.6g", $0.value))" }.joined(separator: " ")
            csv += "\(name)\(format == .hdf5 ? ":\(index)" : ""),\(label.rawValue),\(hermans.map { "\($0)" } ?? ""),\(parameters)\n"
            StandardError.line("saxsd: frame \(index + 1)/\(count): \(label.rawValue)")
        }
        if format == .hdf5 { try HDF5Writer(pixelType: .int32, compression: .bitshuffleLZ4).write(shots.map(\.frame), to: folder + "/frames.h5") }
        try csv.write(toFile: folder + "/frames.csv", atomically: true, encoding: .utf8)
        print("\(folder): \(count) \(format.rawValue) frames of \(Set(shots.map(\.label.rawValue)).sorted().joined(separator: ", "))")
    }

    private func write(_ frame: Frame, to path: String) throws {
        switch format {
        case .fits: try FITSWriter(sampleType: .int32).write([frame], to: path)
        case .tiff: try TIFFWriter(sampleType: .int32).write([frame], to: path)
        case .edf: try EDFWriter(dataType: .int32).write([frame], to: path)
        case .cbf: try CBFWriter().write(frame, to: path)
        case .hdf5: try HDF5Writer(pixelType: .int32).write([frame], to: path)
        }
    }
}
