import SAXSIntegration
import SAXSPipeline

extension Configuration {
    /// Loads the geometry and mask the configuration names. Their problems are configuration problems:
    /// they are reported against the key that names the file, with its line.
    public func pipelineSettings() throws(ConfigurationError) -> PipelineSettings {
        guard let poni = integration.poni else {
            throw error(key: "integration.poni", "no detector geometry: set poni to a pyFAI PONI file")
        }
        let geometry: Geometry
        do {
            geometry = try Geometry.load(poniPath: poni)
        } catch {
            throw self.error(key: "integration.poni", error.description)
        }
        var mask: DetectorMask?
        if let maskPath = integration.mask {
            do {
                mask = try DetectorMask.load(path: maskPath, expectedShape: geometry.maxShape)
            } catch {
                throw self.error(key: "integration.mask", error.description)
            }
        }
        return PipelineSettings(geometry: geometry, poniPath: poni, mask: mask, maskPath: integration.mask,
                                integration: integration.settings, outputRoot: output.root,
                                writeDat: output.formats.contains(.dat))
    }
}
