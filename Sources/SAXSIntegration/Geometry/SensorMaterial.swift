/// A sensor material's X-ray attenuation, tabulated as pyFAI 2026.9 tabulates it (NIST XCOM mass attenuation
/// coefficients, see `SensorMaterial+Attenuation.swift`), for the parallax correction.
struct SensorMaterial: Sendable {
    /// The table between two absorption edges, where μ/ρ varies smoothly enough to interpolate linearly.
    struct Segment: Sendable {
        /// Photon energies in keV, ascending.
        var energies: [Double]
        /// Mass attenuation coefficients μ/ρ in cm²/g.
        var massAttenuation: [Double]
    }

    let name: String
    /// g/cm³
    let density: Double
    let segments: [Segment]

    /// `table` holds one "energy μ/ρ" pair per line, energies in MeV as NIST gives them; a line that starts with
    /// an edge label ("K", "L3", …) opens a new segment. The tables are constants of this file, hence the
    /// force-unwraps.
    init(name: String, density: Double, table: String) {
        var segments: [Segment] = []
        for line in table.split(whereSeparator: \.isNewline) {
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard !fields.isEmpty else { continue }
            if fields.count == 3 || segments.isEmpty {
                segments.append(Segment(energies: [], massAttenuation: []))
            }
            // Scaled exactly as pyFAI scales its MeV column, so that edges fall on the same keV values.
            segments[segments.count - 1].energies.append(Double(fields[fields.count - 2])! * 1e3)
            segments[segments.count - 1].massAttenuation.append(Double(fields[fields.count - 1])!)
        }
        self.name = name
        self.density = density
        self.segments = segments
    }

    static func named(_ name: String) -> SensorMaterial? {
        catalogue.first { $0.name == name }
    }

    static var names: [String] { catalogue.map(\.name) }

    /// Linear attenuation coefficient μ in 1/m at `energy` keV, or nil outside the table. Each segment covers
    /// [first, last) energy, as in pyFAI, so an energy on an edge takes the value above the edge.
    func attenuation(energy: Double) -> Double? {
        guard let segment = segments.first(where: { energy >= $0.energies[0] && energy < $0.energies[$0.energies.count - 1] })
        else { return nil }
        let massAttenuation = LinearInterpolation.value(at: energy, xs: segment.energies, ys: segment.massAttenuation)
        return massAttenuation * density * 100
    }

    /// The tabulated energies in keV.
    var energyRange: ClosedRange<Double> {
        segments[0].energies[0]...segments[segments.count - 1].energies[segments[segments.count - 1].energies.count - 1]
    }
}
