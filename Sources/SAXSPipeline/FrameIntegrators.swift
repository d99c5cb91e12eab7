import SAXSFrames
import SAXSIntegration

/// Every integrator one frame shape needs under the pipeline's settings, built together: a frame is integrated
/// by all of them or refused with one error.
public struct FrameIntegrators: Sendable {
    /// The main profile, `.saxs.dat`.
    public let profile: RadialIntegrator
    /// One per `AnisotropySettings.sectors` entry, in order.
    public let sectors: [RadialIntegrator]
    public let azimuthal: AzimuthalIntegrator?
    public let cake: CakeIntegrator?
    let anisotropy: AnisotropySettings

    /// The cake and the azimuthal profile always span the whole ring, whatever sector the main profile keeps:
    /// orientation needs the whole ring, and a masked sector shows in the cake as empty bins anyway.
    public init(settings: PipelineSettings, shape: FrameShape) throws(IntegrationError) {
        let base = settings.integration
        let anisotropy = settings.anisotropy
        // One set-up for all of them, so the pixel maps are computed once (with chi when any of them bins in chi).
        let setup = try DetectorSetup(geometry: settings.geometry, shape: shape, mask: settings.mask,
                                      corrections: settings.corrections,
                                      withChi: !anisotropy.sectors.isEmpty || anisotropy.band != nil || anisotropy.cake)
        profile = try RadialIntegrator(setup: setup, settings: base, cache: settings.cache)
        var sectors: [RadialIntegrator] = []
        for (index, sector) in anisotropy.sectors.enumerated() {
            var sectorSettings = base
            sectorSettings.azimuthRange = sector
            do {
                sectors.append(try RadialIntegrator(setup: setup, settings: sectorSettings, cache: settings.cache))
            } catch {
                throw IntegrationError(error.kind, "sector \(index + 1) (\(sector.lower)...\(sector.upper) deg): \(error.message)")
            }
        }
        self.sectors = sectors
        var ring = base
        ring.azimuthRange = nil
        if let band = anisotropy.band {
            do {
                azimuthal = try AzimuthalIntegrator(setup: setup, settings: ring, band: band,
                                                    azimuthBins: anisotropy.azimuthBins, cache: settings.cache)
            } catch {
                throw IntegrationError(error.kind, "azimuthal profile over \(band.lowerBound)...\(band.upperBound) \(base.unit.rawValue): \(error.message)")
            }
        } else {
            azimuthal = nil
        }
        if anisotropy.cake {
            var cakeSettings = ring
            cakeSettings.npt = anisotropy.cakeRadialBins
            do {
                cake = try CakeIntegrator(setup: setup, settings: cakeSettings, azimuthBins: anisotropy.cakeAzimuthBins,
                                          cache: settings.cache)
            } catch {
                throw IntegrationError(error.kind, "cake: \(error.message)")
            }
        } else {
            cake = nil
        }
        self.anisotropy = anisotropy
    }

    /// The sector profiles, the azimuthal profile with its orientation, and the cake of one frame.
    public func integrateAnisotropy(_ frame: Frame) throws(IntegrationError) -> AnisotropyResult {
        var profiles: [Profile] = []
        for sector in sectors { profiles.append(try sector.integrate(frame)) }
        let azimuthalProfile = try azimuthal?.integrate(frame)
        let orientation = azimuthalProfile?.orientation(reference: anisotropy.orientationReference,
                                                        baseline: anisotropy.orientationBaseline)
        return AnisotropyResult(sectors: profiles, azimuthal: azimuthalProfile, orientation: orientation,
                                cake: try cake?.integrate(frame))
    }
}
