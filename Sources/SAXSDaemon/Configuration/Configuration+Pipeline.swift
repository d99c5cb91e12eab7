import Foundation
import SAXSFrames
import SAXSIntegration
import SAXSLearning
import SAXSPipeline

extension Configuration {
    /// Loads the geometry, mask, dark and flat fields the configuration names, once per start or reload. Their
    /// problems are configuration problems: they are reported against the key that names the file, with its line.
    public func pipelineSettings() throws(ConfigurationError) -> PipelineSettings {
        let geometry = try geometry()
        var mask: DetectorMask?
        if let maskPath = integration.mask {
            do {
                mask = try DetectorMask.load(path: maskPath, expectedShape: geometry.maxShape)
            } catch {
                throw self.error(key: "integration.mask", error.description)
            }
        }
        // Without the detector's size from the geometry, the mask's size is the next best check.
        let corrections = try corrections(expectedShape: geometry.maxShape ?? mask?.shape)
        var settings = integration.settings
        settings.invalid = integration.invalidValues(detector: geometry.detector)
        return PipelineSettings(geometry: geometry, poniPath: integration.fit2d == nil ? integration.poni : nil,
                                mask: mask, maskPath: integration.mask, integration: settings,
                                corrections: corrections, darkPath: integration.dark, flatPath: integration.flat,
                                cache: integration.cache.map { MatrixCache(directory: $0) }, anisotropy: anisotropy,
                                metadata: metadata, outputRoot: output.root, writeDat: output.formats.contains(.dat),
                                phases: try phaseSettings())
    }

    /// The model folder of `[analysis] models`, loaded and checked: a folder that is not there leaves frames
    /// without phases (a fresh installation has trained none), one that is there must be usable.
    private func phaseSettings() throws(ConfigurationError) -> PhaseSettings? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: analysis.models, isDirectory: &isFolder), isFolder.boolValue else {
            return nil
        }
        do {
            let identifier = try PhaseIdentifier(folder: analysis.models)
            return PhaseSettings(identifier: identifier, minimumProbability: analysis.minProbability)
        } catch {
            throw self.error(key: "analysis.models", error.description)
        }
    }

    private func geometry() throws(ConfigurationError) -> Geometry {
        if let fit2d = integration.fit2d {
            do {
                return try Geometry(fit2d: fit2d)
            } catch {
                throw self.error(key: TableReader.fit2dKey(error), error.reason)
            }
        }
        guard let poni = integration.poni else {
            throw error(key: "integration.poni", "no detector geometry: set poni to a pyFAI PONI file, or give [integration.fit2d]")
        }
        do {
            return try Geometry.load(poniPath: poni)
        } catch {
            throw self.error(key: "integration.poni", error.description)
        }
    }

    /// Dark and flat read one at a time, so that a problem names the key of the file at fault.
    private func corrections(expectedShape: FrameShape?) throws(ConfigurationError) -> PixelCorrections {
        var corrections = PixelCorrections()
        do {
            corrections.dark = try PixelCorrections.load(darkPath: integration.dark, flatPath: nil,
                                                         expectedShape: expectedShape).dark
        } catch {
            throw self.error(key: "integration.dark", error.message)
        }
        do {
            corrections.flat = try PixelCorrections.load(darkPath: nil, flatPath: integration.flat,
                                                         expectedShape: expectedShape).flat
        } catch {
            throw self.error(key: "integration.flat", error.message)
        }
        if let dark = corrections.dark, let flat = corrections.flat, dark.count != flat.count {
            throw error(key: "integration.flat", "the flat field has \(flat.count) pixels but the dark field \(dark.count)")
        }
        return corrections
    }
}

extension Configuration.Integration {
    /// The invalid pixel values in force for a detector of pyFAI's name: each bound as configured, or the
    /// detector's default where the configuration leaves it out.
    public func invalidValues(detector: String) -> InvalidPixelValues {
        let defaults = InvalidPixelValues.forDetector(detector)
        func resolve(_ bound: Configuration.InvalidBound, _ fallback: Double?) -> Double? {
            switch bound {
            case .detectorDefault: fallback
            case .none: nil
            case .value(let value): value
            }
        }
        return InvalidPixelValues(below: resolve(invalidBelow, defaults.below),
                                  atOrAbove: resolve(invalidAtOrAbove, defaults.atOrAbove))
    }
}
