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
        let grids = polydispersity.indices.map { k in
            polydispersity[k].points(centre: centre[spreadIndex[k]], width: values[2 + m + k],
                                     limits: shapeLimits[spreadIndex[k]])
        }
        // Σ w P and Σ w V with their derivatives by the m shape values and the d widths (m + d columns).
        let columns = m + d
        var sumP = [Double](repeating: 0, count: n)
        var sumPGradient = [Double](repeating: 0, count: gradient ? n * columns : 0)
        var sumV = 0.0, sumW = 0.0
        var sumVGradient = [Double](repeating: 0, count: columns)
        var p = [Double](repeating: 0, count: n)
        var pGradient = [Double](repeating: 0, count: gradient ? n * m : 0)
        // Per grid point: ∂θ_j/∂(model parameter) for the spread sizes, and ∂ ln w/∂width.
        var chain = [Double](repeating: 1, count: m)
        var sizeByWidth = [Double](repeating: 0, count: d)
        var logWeightByWidth = [Double](repeating: 0, count: d)

        var counter = [Int](repeating: 0, count: d)
        let sizes = grids.map(\.sizes.count)
        var remaining = sizes.contains(0) ? 0 : sizes.reduce(1, *)
        var shape = centre
        while remaining > 0 {
            remaining -= 1
            var logWeight = 0.0
            for k in 0..<d {
                let grid = grids[k], at = counter[k], j = spreadIndex[k]
                shape[j] = grid.sizes[at]
                logWeight += grid.logWeights[at]
                chain[j] = grid.sizeByCentre[at]
                sizeByWidth[k] = grid.sizeByWidth[at]
                logWeightByWidth[k] = grid.logWeightByWidth[at]
            }
            // Odometer over the joint grid, last spread fastest.
            for k in stride(from: d - 1, through: 0, by: -1) {
                counter[k] += 1
                if counter[k] < sizes[k] { break }
                counter[k] = 0
            }
            let w = exp(logWeight)
            // sasmodels skips weights that are not > 0 (its cutoff); they add nothing and may be underflowed.
            guard w > 0 else { continue }
            let (v, dv) = form.volume(shape: shape)
            sumW += w
            sumV += w * v
            if !gradient {
                form.squaredAmplitude(q: q, shape: shape, into: &p)
                for i in 0..<n { sumP[i] += w * p[i] }
                continue
            }
            form.squaredAmplitude(q: q, shape: shape, into: &p, gradient: &pGradient)
            for j in 0..<m { sumVGradient[j] += w * dv[j] * chain[j] }
            for k in 0..<d {
                sumVGradient[m + k] += w * (logWeightByWidth[k] * v + dv[spreadIndex[k]] * sizeByWidth[k])
            }
            accumulate(w: w, p: p, pGradient: pGradient, chain: chain, sizeByWidth: sizeByWidth,
                       logWeightByWidth: logWeightByWidth, into: &sumP, gradient: &sumPGradient)
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

    /// Adds one grid point's w·P and w·∂P to the sums, through the chain rule to the centres and widths.
    private func accumulate(w: Double, p: [Double], pGradient: [Double], chain: [Double], sizeByWidth: [Double],
                            logWeightByWidth: [Double], into sumP: inout [Double], gradient sumPGradient: inout [Double]) {
        let m = chain.count, d = spreadIndex.count, columns = m + d
        // Runs once per grid point over every q and parameter; through raw buffers (no bounds checks, no
        // reference counting of the small per-point arrays) it costs a fraction of the form factor itself.
        let weightedChain = chain.map { w * $0 }
        let weightedLog = logWeightByWidth.map { w * $0 }
        let weightedShift = sizeByWidth.map { w * $0 }
        p.withUnsafeBufferPointer { p in
            pGradient.withUnsafeBufferPointer { dP in
                sumP.withUnsafeMutableBufferPointer { sumP in
                    sumPGradient.withUnsafeMutableBufferPointer { sum in
                        weightedChain.withUnsafeBufferPointer { chain in
                            weightedLog.withUnsafeBufferPointer { byWidth in
                                weightedShift.withUnsafeBufferPointer { shift in
                                    spreadIndex.withUnsafeBufferPointer { spread in
                                        for i in 0..<p.count {
                                            sumP[i] += w * p[i]
                                            let from = i * m, to = i * columns
                                            for j in 0..<m { sum[to + j] += dP[from + j] * chain[j] }
                                            for k in 0..<d {
                                                sum[to + m + k] += byWidth[k] * p[i] + dP[from + spread[k]] * shift[k]
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
