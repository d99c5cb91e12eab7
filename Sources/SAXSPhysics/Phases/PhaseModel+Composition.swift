extension PhaseModel {
    /// Å per nm: the phase table speaks nm, sasmodels' parts Å.
    static let angstromsPerNanometre = 10.0

    /// Particles are described by their size and a contrast-times-volume-fraction scale: the sphere's SLDs are held
    /// at 1 and 0 so that `particle_scale` alone sets the form factor's height.
    private static let particleParameters = [
        ModelParameter("particle_radius", unit: "nm", default: 60, bounds: 1...5000, prior: 25...120, priorScale: .log,
                       summary: "mean radius of the nanoparticles"),
        ModelParameter("particle_pd", unit: "", default: 0.2, bounds: 0...1, prior: 0.1...0.35,
                       summary: "relative width (σ/mean) of the Gaussian distribution of particle radii"),
        ModelParameter("particle_scale", unit: "", default: 1e-3, bounds: 0...Double.infinity, prior: 1e-5...1e-2,
                       priorScale: .log, summary: "volume fraction × contrast² of the particles (sphere SLDs 1 and 0)"),
    ]

    private static let aggregateParameters = [
        ModelParameter("power_law_scale", unit: "1/cm", default: 1e-5, bounds: 0...Double.infinity,
                       prior: 1e-7...1e-4, priorScale: .log, summary: "power law of aggregates: I = scale·q^−power"),
        ModelParameter("power", unit: "", default: 3.5, bounds: 1...6, prior: 2.5...4,
                       summary: "power-law exponent of aggregates (4: smooth surfaces)"),
    ]

    private static let background = ModelParameter("background", unit: "1/cm", default: 0.01,
                                                   bounds: -Double.infinity...Double.infinity, prior: 1e-3...1e-1,
                                                   priorScale: .log, summary: "flat background")

    /// Particle radii are averaged over 15 points (±3σ): what the polydisperse form factor looks like in a SAXS
    /// range is settled well before sasmodels' 35, at less than half the cost in every fit iteration.
    private static let particles: any ScatteringModel = {
        guard let model = try? PolydisperseModel(Sphere(), polydispersity: [Polydispersity("radius", .gaussian, points: 15)]) else {
            preconditionFailure("a sphere's radius can be polydisperse")
        }
        return model
    }()

    private static func particleComponent(_ parameters: [ModelParameter], radius: String, spread: String,
                                          scale: String) -> CompositeModel.Component {
        CompositeModel.Component(particles, in: parameters,
                                 bind: ["radius": (radius, angstromsPerNanometre), "radius_pd": (spread, 1), "scale": (scale, 1)],
                                 fixed: ["background": 0, "sld": 1, "sld_solvent": 0])
    }

    private static func aggregateComponent(_ parameters: [ModelParameter]) -> CompositeModel.Component {
        CompositeModel.Component(PowerLaw(), in: parameters, bind: ["scale": ("power_law_scale", 1), "power": ("power", 1)],
                                 fixed: ["background": 0])
    }

    private static func backgroundComponent(_ parameters: [ModelParameter]) -> CompositeModel.Component {
        CompositeModel.Component(FlatBackground(), in: parameters, bind: ["background": ("background", 1)])
    }

    static func mesophase(_ label: PhaseLabel, lattice: LatticePhase, resolution: BraggPeakModel.Resolution) -> CompositeModel {
        let bragg = BraggPeakModel(phase: lattice, configuration: BraggPeakModel.Configuration(profile: .pseudoVoigt, resolution: resolution))
        let peaks = bragg.parameters
        let parameters = [
            peaks[0],
            ModelParameter("domain_size", unit: "nm", default: 100, bounds: 5...100_000, prior: 30...500,
                           priorScale: .log, summary: "size of the ordered domains inside a particle (Scherrer)"),
            ModelParameter("peak_scale", unit: "1/(cm Å)", default: 1e-3, bounds: 0...Double.infinity, prior: 1e-4...1e-2,
                           priorScale: .log, summary: "integrated intensity of the first Bragg peak"),
            ModelParameter("fluctuation", unit: "nm", default: 0.2, bounds: 0...10, prior: 0...0.6,
                           summary: "rms lattice displacement: higher orders are damped by exp(−σ²q²)"),
        ] + particleParameters + aggregateParameters + [background]
        let lattice = CompositeModel.Component(bragg, in: parameters,
                                               bind: [peaks[0].name: (peaks[0].name, 1), "domain_size": ("domain_size", 1),
                                                      "scale": ("peak_scale", 1), "fluctuation": ("fluctuation", 1)],
                                               fixed: ["background": 0, "eta": 0.5])
        return CompositeModel(name: modelName(label), parameters: parameters, components: [
            lattice,
            particleComponent(parameters, radius: "particle_radius", spread: "particle_pd", scale: "particle_scale"),
            aggregateComponent(parameters), backgroundComponent(parameters),
        ])
    }

    static func disordered() -> CompositeModel {
        let parameters = [
            ModelParameter("radius", unit: "nm", default: 30, bounds: 0.5...5000, prior: 3...120, priorScale: .log,
                           summary: "mean radius of the particles"),
            ModelParameter("polydispersity", unit: "", default: 0.2, bounds: 0...1, prior: 0.05...0.35,
                           summary: "relative width (σ/mean) of the Gaussian distribution of radii"),
            ModelParameter("particle_scale", unit: "", default: 1e-3, bounds: 0...Double.infinity, prior: 1e-5...1e-2,
                           priorScale: .log, summary: "volume fraction × contrast² of the particles (sphere SLDs 1 and 0)"),
            ModelParameter("correlation_length", unit: "nm", default: 3, bounds: 0.1...1000, prior: 0.5...10,
                           priorScale: .log, summary: "correlation length of the Lorentzian term (Ornstein–Zernike)"),
            ModelParameter("correlation_scale", unit: "1/cm", default: 0.05, bounds: 0...Double.infinity,
                           prior: 1e-3...1, priorScale: .log, summary: "height of the Lorentzian term at q = 0"),
            background,
        ]
        let correlation = CompositeModel.Component(CorrelationLength(), in: parameters,
                                                   bind: ["lorentz_scale": ("correlation_scale", 1),
                                                          "cor_length": ("correlation_length", angstromsPerNanometre)],
                                                   fixed: ["scale": 1, "background": 0, "porod_scale": 0, "porod_exp": 3,
                                                           "lorentz_exp": 2])
        return CompositeModel(name: modelName(.disordered), parameters: parameters, components: [
            particleComponent(parameters, radius: "radius", spread: "polydispersity", scale: "particle_scale"),
            correlation, backgroundComponent(parameters),
        ])
    }

    static func empty() -> CompositeModel {
        let parameters = aggregateParameters + [background]
        return CompositeModel(name: modelName(.empty), parameters: parameters,
                              components: [aggregateComponent(parameters), backgroundComponent(parameters)])
    }
}
