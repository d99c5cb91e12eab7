/// The loops every background model shares: I(q) at each q on its own, with no sum across q or across terms
/// to split over accumulators, so one pass over unsafe buffers (no bounds checks, no copy-on-write checks in the
/// loop) is all the speed there is to have.
enum Pointwise {
    /// The ModelParameters sasmodels puts before every model's own: `scale` and `background`.
    static let scaleAndBackground = [
        ModelParameter("scale", unit: "", default: 1, bounds: 0...Double.infinity, prior: 0.01...100,
                       priorScale: .log, summary: "scale factor"),
        ModelParameter("background", unit: "1/cm", default: 0.001, bounds: -Double.infinity...Double.infinity,
                       prior: 1e-4...1, priorScale: .log, summary: "flat background"),
    ]

    /// `body(q)` at every q.
    @inline(__always)
    static func intensity(_ q: [Double], _ body: (Double) -> Double) -> [Double] {
        [Double](unsafeUninitializedCapacity: q.count) { result, initialized in
            q.withUnsafeBufferPointer { q in
                for i in q.indices { result[i] = body(q[i]) }
            }
            initialized = q.count
        }
    }

    /// `body(q, row)` at every q: it returns I(q) and writes ∂I/∂θ_j into `row[j]`.
    @inline(__always)
    static func curve(_ q: [Double], parameterCount: Int,
                      _ body: (Double, UnsafeMutablePointer<Double>) -> Double) -> ModelCurve {
        var curve = ModelCurve(zeros: q.count, parameterCount: parameterCount)
        q.withUnsafeBufferPointer { q in
            curve.intensity.withUnsafeMutableBufferPointer { intensity in
                curve.jacobian.withUnsafeMutableBufferPointer { jacobian in
                    for i in q.indices {
                        intensity[i] = body(q[i], jacobian.baseAddress! + i * parameterCount)
                    }
                }
            }
        }
        return curve
    }

    static func check(_ values: [Double], _ model: some ScatteringModel) {
        precondition(values.count == model.parameters.count, "\(model.name) takes \(model.parameters.count) values")
    }
}
