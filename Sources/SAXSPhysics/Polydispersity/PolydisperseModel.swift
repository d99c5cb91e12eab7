#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A form factor averaged over size distributions, sasmodels' way: I = scale·⟨F²⟩/⟨V⟩ + background with both
/// averages over the same weights (the product of each spread parameter's weights on their joint grid).
///
/// Parameters are the monodisperse model's followed by one relative width `<name>_pd` per spread parameter, in
/// the order the `Polydispersity` list gives them. The gradient covers the widths too: moving a width moves the
/// sample points and reweights them, both differentiated exactly. Points dropped at a parameter's limit (a
/// radius ≤ 0 in a wide Gaussian) make I jump where one crosses the limit; between such crossings the
/// derivative is exact.
public struct PolydisperseModel<Form: FormFactor>: ScatteringModel {
    public let form: Form
    public let polydispersity: [Polydispersity]
    public let parameters: [ModelParameter]
    private let shapeLimits: [ClosedRange<Double>]
    /// For each spread, the index of its parameter in the shape.
    private let spreadIndex: [Int]

    /// Throws when a spread names no polydisperse parameter of `form`, names one twice, or asks for < 1 point.
    public init(_ form: Form, polydispersity: [Polydispersity]) throws(ModelError) {
        let shape = form.shapeParameters
        var indices: [Int] = []
        for spread in polydispersity {
            guard form.polydisperseParameters.contains(spread.parameter),
                  let index = shape.firstIndex(where: { $0.name == spread.parameter })
            else {
                throw ModelError(model: form.name, parameter: spread.parameter,
                                 "cannot be polydisperse; these can: "
                                     + form.polydisperseParameters.joined(separator: ", "))
            }
            guard !indices.contains(index) else {
                throw ModelError(model: form.name, parameter: spread.parameter, "is given two distributions")
            }
            guard spread.points >= 1, spread.sigmas > 0, spread.sigmas.isFinite else {
                throw ModelError(model: form.name, parameter: spread.parameter,
                                 "needs at least 1 point and a positive, finite number of sigmas")
            }
            indices.append(index)
        }
        self.form = form
        self.polydispersity = polydispersity
        self.spreadIndex = indices
        self.shapeLimits = shape.map(\.bounds)
        let widths = polydispersity.map {
            ModelParameter($0.widthName, unit: "", default: 0, bounds: 0...1, prior: 0...0.3,
                           summary: "relative width (σ/mean) of the \($0.distribution.rawValue) distribution of "
                               + $0.parameter)
        }
        self.parameters = [CommonParameters.scale, CommonParameters.background] + shape + widths
    }

    public var name: String { form.name }

    public func intensity(q: [Double], values: [Double]) -> [Double] {
        average(q: q, values: values, gradient: false).intensity
    }

    public func curve(q: [Double], values: [Double]) -> ModelCurve {
        average(q: q, values: values, gradient: true)
    }

    private func average(q: [Double], values: [Double], gradient: Bool) -> ModelCurve {
        precondition(values.count == parameters.count, "\(name) takes \(parameters.count) values")
        let m = shapeLimits.count, d = spreadIndex.count, n = q.count
        let scale = values[0], background = values[1]
        let centre = Array(values[2..<(2 + m)])
        var grids = polydispersity.indices.map { k in
            polydispersity[k].points(centre: centre[spreadIndex[k]], width: values[2 + m + k],
                                     limits: shapeLimits[spreadIndex[k]])
        }
        // The last spread is swept (`SizeSweep`) at each point of the others' joint grid; without spreads the
        // first parameter is swept over its value alone.
        let swept = d > 0 ? spreadIndex[d - 1] : 0
        let sweptGrid = d > 0 ? grids.removeLast() : .centre(centre[0])
        let outer = d > 0 ? d - 1 : 0
        let sweptWidth = d > 0 ? values[2 + m + d - 1] : 0
        let sweeping = form as? any SizeSweepingFormFactor

        // Σ w P and Σ w V with their derivatives by the m shape values and the d widths (m + d columns).
        let columns = m + d
        var sumP = [Double](repeating: 0, count: n)
        var sumPGradient = [Double](repeating: 0, count: gradient ? n * columns : 0)
        var sumV = 0.0, sumW = 0.0
        var sumVGradient = [Double](repeating: 0, count: columns)
        var sums = SizeSweepSums(count: n, shapeCount: m, gradient: gradient)
        // Per outer point: ∂θ_j/∂(model parameter) for the outer spreads' sizes.
        var chain = [Double](repeating: 1, count: m)

        var counter = [Int](repeating: 0, count: outer)
        let sizes = grids.map(\.sizes.count)
        var remaining = sizes.contains(0) || sweptGrid.sizes.isEmpty ? 0 : sizes.reduce(1, *)
        var shape = centre
        while remaining > 0 {
            remaining -= 1
            var outerLogWeight = 0.0
            for k in 0..<outer {
                let grid = grids[k], at = counter[k], j = spreadIndex[k]
                shape[j] = grid.sizes[at]
                outerLogWeight += grid.logWeights[at]
                chain[j] = grid.sizeByCentre[at]
            }
            let outerAt = counter
            // Odometer over the outer grid, last spread fastest.
            for k in stride(from: outer - 1, through: 0, by: -1) {
                counter[k] += 1
                if counter[k] < sizes[k] { break }
                counter[k] = 0
            }
            // The same weights, in the same order of summation, as a point-by-point walk of the joint grid.
            let weights = sweptGrid.logWeights.map { exp(outerLogWeight + $0) }
            let sweep = SizeSweep(parameter: swept, sizes: sweptGrid.sizes, weights: weights,
                                  offsetWeights: zip(weights, sweptGrid.offsets).map(*),
                                  widthWeights: zip(weights, sweptGrid.logWeightByWidth).map(*))
            if let sweeping {
                sweeping.sweep(sweep, q: q, shape: shape, gradient: gradient, into: &sums)
            } else {
                form.pointwiseSweep(sweep, q: q, shape: shape, gradient: gradient, into: &sums)
            }
            for (k, w) in weights.enumerated() where w > 0 {
                shape[swept] = sweptGrid.sizes[k]
                let (v, dv) = form.volume(shape: shape)
                sumW += w
                sumV += w * v
                guard gradient else { continue }
                chain[swept] = sweptGrid.sizeByCentre[k]
                for j in 0..<m { sumVGradient[j] += w * dv[j] * chain[j] }
                for o in 0..<outer {
                    let grid = grids[o], at = outerAt[o]
                    sumVGradient[m + o] += w * (grid.logWeightByWidth[at] * v + dv[spreadIndex[o]] * grid.sizeByWidth[at])
                }
                if d > 0 {
                    sumVGradient[m + d - 1] += w * (sweptGrid.logWeightByWidth[k] * v + dv[swept] * sweptGrid.sizeByWidth[k])
                }
            }
            chain[swept] = 1
            accumulate(sums, into: &sumP, gradient: &sumPGradient, chain: chain,
                       outer: (0..<outer).map { o in
                           (logWeightByWidth: grids[o].logWeightByWidth[outerAt[o]],
                            sizeByWidth: grids[o].sizeByWidth[outerAt[o]])
                       },
                       sweptWidth: d > 0 ? (sweptWidth, centre[swept]) : nil)
        }

        // sasmodels' guards: no weight at all leaves the background; a zero mean volume divides by 1 instead.
        var volume = sumV
        if sumV == 0 {
            volume = sumW == 0 ? 1 : sumW
            for j in sumVGradient.indices { sumVGradient[j] = 0 }
        }
        let factor = scale / volume
        let parameterCount = 2 + columns
        var curve = ModelCurve(zeros: n, parameterCount: gradient ? parameterCount : 0)
        for i in 0..<n {
            curve.intensity[i] = factor * sumP[i] + background
        }
        guard gradient else { return curve }
        let relativeVolumeGradient = sumVGradient.map { $0 / volume }
        curve.jacobian.withUnsafeMutableBufferPointer { jacobian in
            sumPGradient.withUnsafeBufferPointer { dP in
                for i in 0..<n {
                    let row = i * parameterCount
                    jacobian[row] = sumP[i] / volume
                    jacobian[row + 1] = 1
                    for j in 0..<columns {
                        jacobian[row + 2 + j] = factor * (dP[i * columns + j] - sumP[i] * relativeVolumeGradient[j])
                    }
                }
            }
        }
        return curve
    }

    /// Adds one sweep's sums to the totals through the chain rule: `chain` holds ∂θ_j/∂θ̄_j of the outer spreads'
    /// sizes (1 elsewhere, the swept parameter included), `outer` each outer spread's ∂ln w/∂p and ∂x/∂p at its
    /// point, `sweptWidth` the swept spread's width p and centre x̄ (nil without spreads).
    private func accumulate(_ sums: SizeSweepSums, into sumP: inout [Double], gradient sumPGradient: inout [Double],
                            chain: [Double], outer: [(logWeightByWidth: Double, sizeByWidth: Double)],
                            sweptWidth: (width: Double, centre: Double)?) {
        let n = sumP.count, m = chain.count, d = spreadIndex.count, columns = m + d
        for i in 0..<n { sumP[i] += sums.amplitude[i] }
        guard !sumPGradient.isEmpty else { return }
        let swept = d > 0 ? spreadIndex[d - 1] : 0
        // Once per sweep over every q and parameter, on raw buffers like the form factors themselves.
        sums.gradient.withUnsafeBufferPointer { dP in
            sums.offsetGradient.withUnsafeBufferPointer { offset in
                sums.amplitude.withUnsafeBufferPointer { p in
                    sums.amplitudeByWidth.withUnsafeBufferPointer { pByWidth in
                        sumPGradient.withUnsafeMutableBufferPointer { sum in
                            for i in 0..<n {
                                let from = i * m, to = i * columns
                                for j in 0..<m { sum[to + j] += chain[j] * dP[from + j] }
                                for (o, point) in outer.enumerated() {
                                    sum[to + m + o] += point.logWeightByWidth * p[i]
                                        + point.sizeByWidth * dP[from + spreadIndex[o]]
                                }
                                // Σ w (1 + s·p) ∂P = Σ w ∂P + p Σ w·s ∂P; by the width, Σ w s·x̄ ∂P + Σ w ∂ln w/∂p P.
                                if let (width, centre) = sweptWidth {
                                    sum[to + swept] += width * offset[i]
                                    sum[to + m + d - 1] += pByWidth[i] + centre * offset[i]
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
