extension Cylinder {
    /// The orientation average ⟨A²⟩ at every q, with its derivatives by x = qR and y = qL/2 when asked (else 0):
    /// `body(i, average, byX, byY)` for each q[i], in no particular order.
    ///
    /// Where sasmodels takes its 20-point rule the series (`OrientationSeries`) gives the sum, eight q at a time;
    /// the lanes it cannot vouch for, and every other q, go to the quadrature (`OrientationRule`).
    @inline(__always)
    static func forEachAverage(q: [Double], radius: Double, halfLength: Double, derivatives: Bool,
                               _ body: (Int, Double, Double, Double) -> Void)
    {
        let size = max(abs(radius), abs(halfLength))
        // The series' bound on x and y; it implies sasmodels' own test for its 20-point rule,
        // q·max(R, L/2) < 10.
        func inSeries(_ qi: Double) -> Bool { abs(qi) * size < 10 }

        func quadrature(_ i: Int) {
            let x = q[i] * radius, y = q[i] * halfLength
            let rule = OrientationRule.rule(qRadius: x, qHalfLength: y)
            if derivatives {
                let m = rule.averageWithDerivatives(qRadius: x, qHalfLength: y)
                body(i, m.value, m.byQRadius, m.byQHalfLength)
            } else {
                body(i, rule.average(qRadius: x, qHalfLength: y), 0, 0)
            }
        }

        var largest = -1.0
        for qi in q where inSeries(qi) { largest = max(largest, abs(qi) * size) }
        guard largest >= 0, let degree = OrientationSeries.degree(z: largest) else {
            for i in q.indices { quadrature(i) }
            return
        }
        let series = OrientationSeries(radius: radius, halfLength: halfLength, degree: degree,
                                       derivatives: derivatives)

        typealias Lanes = SpecialFunctions.Lanes
        var batch = Lanes.zero, indices = SIMD8<Int>.zero, count = 0
        func flush() {
            guard count > 0 else { return }
            defer { count = 0 }
            var z = 0.0
            for lane in 0..<count { z = max(z, abs(batch[lane]) * size) }
            // Unused lanes repeat a used one, so they cost no extra terms.
            for lane in count..<Lanes.scalarCount { batch[lane] = batch[0] }
            guard let degree = OrientationSeries.degree(z: z) else {
                for lane in 0..<count { quadrature(indices[lane]) }
                return
            }
            if derivatives {
                let m = series.evaluateWithDerivatives(q: batch, degree: degree)
                for lane in 0..<count {
                    if m.valid[lane] { body(indices[lane], m.value[lane], m.byX[lane], m.byY[lane]) }
                    else { quadrature(indices[lane]) }
                }
            } else {
                let m = series.evaluate(q: batch, degree: degree)
                for lane in 0..<count {
                    if m.valid[lane] { body(indices[lane], m.value[lane], 0, 0) } else { quadrature(indices[lane]) }
                }
            }
        }

        for (i, qi) in q.enumerated() {
            guard inSeries(qi) else {
                quadrature(i)
                continue
            }
            batch[count] = qi
            indices[count] = i
            count += 1
            if count == Lanes.scalarCount { flush() }
        }
        flush()
    }
}
