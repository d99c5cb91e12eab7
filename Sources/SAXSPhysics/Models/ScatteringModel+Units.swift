import SAXSIntegration

extension ScatteringModel {
    /// I(q) for q given in `unit`, `q_nm^-1` or `q_A^-1`: the one place the models' own 1/Å meets the units
    /// profiles, simulations and the command line speak.
    public func intensity(q: [Double], unit: RadialUnit, values: [Double]) -> [Double] {
        intensity(q: modelQ(q, from: unit), values: values)
    }
}

/// q in `unit` as models take it, in 1/Å.
func modelQ(_ q: [Double], from unit: RadialUnit) -> [Double] {
    precondition(unit.space == .q, "a scattering model takes q, not \(unit.rawValue)")
    // `scale` converts from nm⁻¹, and 1 Å⁻¹ is 10 nm⁻¹.
    let perAngstrom = unit.scale * 10
    return q.map { $0 / perAngstrom }
}
