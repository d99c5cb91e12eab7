/// Every model `saxsd model NAME key=value…` can print, by name: sasmodels' form factors (with SasView's
/// polydispersity keys, `FormFactorCatalog`), the Bragg series and background models (`StructureCatalog`), and
/// the phase models (`phase_<label>`, `PhaseModel`).
public enum ModelCatalog {
    public static var names: [String] {
        FormFactorCatalog.names + StructureCatalog.names + PhaseModel.all().map(\.model.name)
    }

    /// The model called `name` and its values from `key=value` arguments (the rest at their defaults).
    public static func model(named name: String, arguments: [String: String]) throws(ModelError)
        -> (model: any ScatteringModel, values: [Double])
    {
        if FormFactorCatalog.formFactor(named: name) != nil {
            return try FormFactorCatalog.model(named: name, arguments: arguments)
        }
        let model: any ScatteringModel
        if let phase = PhaseLabel.allCases.first(where: { PhaseModel.modelName($0) == name }),
           let phaseModel = PhaseModel(phase) {
            model = phaseModel.model
        } else if StructureCatalog.names.contains(name) {
            model = try StructureCatalog.model(named: name)
        } else {
            throw ModelError(model: name, "is not a model saxsd knows; known: \(names.joined(separator: ", "))")
        }
        var numbers: [String: Double] = [:]
        for (key, text) in arguments {
            guard let value = Double(text) else { throw ModelError(model: name, parameter: key, "\(text) is not a number") }
            numbers[key] = value
        }
        return (model, try model.values(numbers))
    }
}
