/// The form-factor models `saxsd model NAME key=value…` knows, by sasmodels' names.
///
/// A model is monodisperse unless a size distribution is asked for, as in SasView: giving any of `<p>_pd`,
/// `<p>_pd_n`, `<p>_pd_nsigma` or `<p>_pd_type` for a size parameter `p` makes `p` polydisperse
/// (`PolydisperseModel`), with the distribution's defaults for what is not given (gaussian, 35 points, ±3σ;
/// lognormal and schulz 80 points, ±8σ) and a width of 0 until `<p>_pd` sets one. So
/// `saxsd model sphere radius=50 radius_pd=0.1` is SasView's sphere with a 10 % Gaussian spread of radius.
public enum FormFactorCatalog {
    /// Every form factor, in the order `saxsd help` lists them.
    public static let formFactors: [any FormFactor] = [
        Sphere(), CoreShellSphere(), Vesicle(), MultilayerVesicle(), Cylinder(), OrientedCylinder(), Lamellar(),
    ]

    public static var names: [String] { formFactors.map(\.name) }

    public static func formFactor(named name: String) -> (any FormFactor)? {
        formFactors.first { $0.name == name }
    }

    /// The monodisperse model called `name`, or nil when there is none.
    public static func model(named name: String) -> (any ScatteringModel)? {
        formFactor(named: name).map { monodisperse($0) }
    }

    /// The model and its values from `key=value` arguments as `saxsd model` gets them: parameter values by name
    /// (the rest at their defaults) and the `_pd_n`, `_pd_nsigma`, `_pd_type` settings described above.
    public static func model(named name: String, arguments: [String: String]) throws(ModelError)
        -> (model: any ScatteringModel, values: [Double])
    {
        guard let form = formFactor(named: name) else {
            throw ModelError(model: name, "is not a form factor; known: \(names.joined(separator: ", "))")
        }
        var numbers: [String: Double] = [:]
        var spreads: [String: (type: SizeDistribution?, points: Int?, sigmas: Double?)] = [:]
        for (key, text) in arguments.sorted(by: { $0.key < $1.key }) {
            if let parameter = strip(key, "_pd_type") {
                guard let type = SizeDistribution(rawValue: text) else {
                    throw ModelError(model: name, parameter: key, "must be one of "
                        + SizeDistribution.allCases.map(\.rawValue).joined(separator: ", "))
                }
                spreads[parameter, default: (nil, nil, nil)].type = type
            } else if let parameter = strip(key, "_pd_n") {
                guard let points = Int(text), points >= 1 else {
                    throw ModelError(model: name, parameter: key, "must be a whole number of points ≥ 1")
                }
                spreads[parameter, default: (nil, nil, nil)].points = points
            } else if let parameter = strip(key, "_pd_nsigma") {
                guard let sigmas = Double(text), sigmas > 0, sigmas.isFinite else {
                    throw ModelError(model: name, parameter: key, "must be a positive number")
                }
                spreads[parameter, default: (nil, nil, nil)].sigmas = sigmas
            } else {
                guard let value = Double(text) else {
                    throw ModelError(model: name, parameter: key, "\(text) is not a number")
                }
                if let parameter = strip(key, "_pd"), spreads[parameter] == nil { spreads[parameter] = (nil, nil, nil) }
                numbers[key] = value
            }
        }
        // The form's own order, so that the same arguments always give the same parameter list.
        for parameter in spreads.keys where !form.polydisperseParameters.contains(parameter) {
            throw ModelError(model: name, parameter: parameter + "_pd", "cannot be polydisperse; these can: "
                + form.polydisperseParameters.joined(separator: ", "))
        }
        let polydispersity = form.polydisperseParameters.compactMap { parameter -> Polydispersity? in
            guard let spread = spreads[parameter] else { return nil }
            return Polydispersity(parameter, spread.type ?? .gaussian, points: spread.points, sigmas: spread.sigmas)
        }
        let model = polydispersity.isEmpty ? monodisperse(form) : try polydisperse(form, polydispersity)
        return (model, try model.values(numbers))
    }

    private static func strip(_ key: String, _ suffix: String) -> String? {
        key.hasSuffix(suffix) && key.count > suffix.count ? String(key.dropLast(suffix.count)) : nil
    }

    private static func monodisperse<Form: FormFactor>(_ form: Form) -> any ScatteringModel {
        FormFactorModel(form)
    }

    private static func polydisperse<Form: FormFactor>(_ form: Form, _ polydispersity: [Polydispersity])
        throws(ModelError) -> any ScatteringModel
    {
        try PolydisperseModel(form, polydispersity: polydispersity)
    }
}
