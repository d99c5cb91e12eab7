#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension BraggPeakModel {
    /// One unit-area line (a Gaussian or a Lorentzian) of one peak, with everything its contribution to I(q) and
    /// to the Jacobian needs that does not depend on q. A peak has up to three: the Gaussian part, and the
    /// Gaussian and Lorentzian halves of the pseudo-Voigt standing in for its blurred Lorentzian part.
    struct Line {
        var lorentzian: Bool
        var centre: Double
        /// σ for a Gaussian, the half width γ for a Lorentzian (1/Å).
        var width: Double
        /// |q − centre| beyond which the line is left out (infinite for a Lorentzian, whose tails matter).
        var reach: Double
        /// Area of the line in I(q).
        var amplitude: Double
        /// ∂amplitude/∂θ for θ = length, domain_size, scale, fluctuation, eta.
        var dAmplitude: (length: Double, domain: Double, scale: Double, fluctuation: Double, eta: Double)
        /// amplitude·∂centre/∂length, amplitude·∂width/∂length, amplitude·∂width/∂domain_size.
        var centreByLength: Double
        var widthByLength: Double
        var widthByDomain: Double
    }

    /// The lines of every peak for these parameter values, with their derivatives.
    func lines(values: [Double]) -> [Line] {
        precondition(values.count == parameters.count, "\(name) takes \(parameters.count) values")
        let length = values[0], domain = values[1], scale = values[2], fluctuation = values[4]
        let eta: Double = switch configuration.profile {
        case .gaussian: 0
        case .lorentzian: 1
        case .pseudoVoigt: values[5]
        }
        let withGaussian = configuration.profile != .lorentzian
        let withLorentzian = configuration.profile != .gaussian
        let first = reflections[0]
        let firstWeight = Double(first.multiplicity) / Double(first.quadraticForm)
        // Scherrer: FWHM_q = 2πK/D, D converted from nm to Å; it scales as 1/D.
        let fwhmDomain = 2 * Double.pi * configuration.scherrerConstant / (domain * 10)
        let dFWHMdDomain = -fwhmDomain / domain
        let sigmaDomain = fwhmDomain / PeakShape.gaussianFWHMPerSigma
        let dSigmaDomaindDomain = dFWHMdDomain / PeakShape.gaussianFWHMPerSigma
        let sigmaAngstrom = fluctuation * 10
        let resolution = configuration.resolution

        var lines: [Line] = []
        lines.reserveCapacity(reflections.count * 3)
        for reflection in reflections {
            // q_N = u√N / (10 a): ∂q_N/∂a = −q_N/a.
            let centre = phase.positionConstant * reflection.rootQuadraticForm / (length * 10)
            let dCentre = -centre / length
            // Weight relative to the first peak: (m/N)/(m₁/N₁) = (m/q²)/(m₁/q₁²), then the damping.
            let relative = Double(reflection.multiplicity) / Double(reflection.quadraticForm) / firstWeight
            let damping = exp(-sigmaAngstrom * sigmaAngstrom * centre * centre)
            let weight = scale * relative * damping
            // ln W = ln scale − 100σ²q_N² + const: ∂W/∂σ = −200σq_N² W, ∂W/∂a = −200σ²q_N ∂q_N/∂a · W.
            let dWeight = (length: -2 * sigmaAngstrom * sigmaAngstrom * centre * dCentre * weight,
                           scale: relative * damping,
                           fluctuation: -2 * sigmaAngstrom * 10 * centre * centre * weight)
            let sigmaResolution = resolution.sigma(at: centre)
            // σ_res² = σ₀² + ρ²q²: ∂σ_res/∂a = ρ²q ∂q/∂a / σ_res.
            let dSigmaResolution = sigmaResolution > 0
                ? resolution.relative * resolution.relative * centre * dCentre / sigmaResolution : 0

            if withGaussian {
                // Gaussians convolve by adding variances.
                let sigma = (sigmaDomain * sigmaDomain + sigmaResolution * sigmaResolution).squareRoot()
                let part = 1 - eta
                let amplitude = part * weight
                lines.append(Line(
                    lorentzian: false, centre: centre, width: sigma, reach: PeakShape.gaussianReach * sigma,
                    amplitude: amplitude,
                    dAmplitude: (part * dWeight.length, 0, part * dWeight.scale, part * dWeight.fluctuation, -weight),
                    centreByLength: amplitude * dCentre,
                    widthByLength: amplitude * sigmaResolution * dSigmaResolution / sigma,
                    widthByDomain: amplitude * sigmaDomain * dSigmaDomaindDomain / sigma))
            }
            guard withLorentzian else { continue }
            if sigmaResolution == 0 {
                // No blur: the Lorentzian itself, half width FWHM/2.
                let amplitude = eta * weight
                lines.append(Line(
                    lorentzian: true, centre: centre, width: fwhmDomain / 2, reach: .infinity, amplitude: amplitude,
                    dAmplitude: (eta * dWeight.length, 0, eta * dWeight.scale, eta * dWeight.fluctuation, weight),
                    centreByLength: amplitude * dCentre, widthByLength: 0, widthByDomain: amplitude * dFWHMdDomain / 2))
                continue
            }
            // Lorentzian ⊗ Gaussian resolution ≈ (1 − η_V)·G(Γ_V) + η_V·L(Γ_V) (Thompson–Cox–Hastings).
            let gaussianFWHM = PeakShape.gaussianFWHMPerSigma * sigmaResolution
            let voigt = VoigtApproximation(gaussianFWHM: gaussianFWHM, lorentzianFWHM: fwhmDomain)
            let dGaussianFWHMdLength = PeakShape.gaussianFWHMPerSigma * dSigmaResolution
            let dVoigtFWHM = (length: voigt.dFWHMdGaussian * dGaussianFWHMdLength,
                              domain: voigt.dFWHMdLorentzian * dFWHMdDomain)
            let dVoigtEta = (length: voigt.dEtadGaussian * dGaussianFWHMdLength,
                             domain: voigt.dEtadLorentzian * dFWHMdDomain)
            for lorentzianHalf in [false, true] {
                // Fraction f of the blurred Lorentzian in this half: η_V or 1 − η_V; ∂f = ±∂η_V.
                let fraction = lorentzianHalf ? voigt.eta : 1 - voigt.eta
                let sign: Double = lorentzianHalf ? 1 : -1
                let amplitude = eta * fraction * weight
                // Width: γ = Γ_V/2 or σ = Γ_V/(2√(2 ln 2)).
                let widthPerFWHM = lorentzianHalf ? 0.5 : 1 / PeakShape.gaussianFWHMPerSigma
                let width = voigt.fwhm * widthPerFWHM
                lines.append(Line(
                    lorentzian: lorentzianHalf, centre: centre, width: width,
                    reach: lorentzianHalf ? .infinity : PeakShape.gaussianReach * width, amplitude: amplitude,
                    dAmplitude: (eta * (fraction * dWeight.length + sign * dVoigtEta.length * weight),
                                 eta * sign * dVoigtEta.domain * weight,
                                 eta * fraction * dWeight.scale, eta * fraction * dWeight.fluctuation,
                                 fraction * weight),
                    centreByLength: amplitude * dCentre,
                    widthByLength: amplitude * widthPerFWHM * dVoigtFWHM.length,
                    widthByDomain: amplitude * widthPerFWHM * dVoigtFWHM.domain))
            }
        }
        return lines
    }

    public func intensity(q: [Double], values: [Double]) -> [Double] {
        let (gaussians, lorentzians) = split(lines(values: values))
        let background = values[3]
        var result = [Double](repeating: background, count: q.count)
        q.withUnsafeBufferPointer { q in
            result.withUnsafeMutableBufferPointer { result in
                lorentzians.withUnsafeBufferPointer { lines in
                    for i in q.indices {
                        let qi = q[i]
                        // Two sums over alternate lines: consecutive divisions then overlap instead of each
                        // waiting on one running total.
                        var even = 0.0, odd = 0.0
                        var j = 0
                        while j + 1 < lines.count {
                            even += lines[j].amplitude * PeakShape.lorentzian(qi - lines[j].centre, gamma: lines[j].width).value
                            odd += lines[j + 1].amplitude
                                * PeakShape.lorentzian(qi - lines[j + 1].centre, gamma: lines[j + 1].width).value
                            j += 2
                        }
                        if j < lines.count {
                            even += lines[j].amplitude * PeakShape.lorentzian(qi - lines[j].centre, gamma: lines[j].width).value
                        }
                        result[i] += even + odd
                    }
                }
                // Gaussians only where they are not negligible: a narrow peak touches a few dozen of the q.
                let ascending = Self.ascending(q)
                for line in gaussians {
                    for i in Self.window(of: line, in: q, ascending: ascending) where abs(q[i] - line.centre) <= line.reach {
                        result[i] += line.amplitude * PeakShape.gaussian(q[i] - line.centre, sigma: line.width).value
                    }
                }
            }
        }
        return result
    }

    public func curve(q: [Double], values: [Double]) -> ModelCurve {
        let (gaussians, lorentzians) = split(lines(values: values))
        let background = values[3]
        let count = parameters.count
        let hasEta = configuration.profile == .pseudoVoigt
        var curve = ModelCurve(zeros: q.count, parameterCount: count)
        q.withUnsafeBufferPointer { q in
            curve.intensity.withUnsafeMutableBufferPointer { intensity in
                curve.jacobian.withUnsafeMutableBufferPointer { jacobian in
                    if !lorentzians.isEmpty {
                        Self.addLorentzians(lorentzians, q: q, background: background, hasEta: hasEta,
                                            intensity: intensity, jacobian: jacobian, count: count)
                    }
                    let ascending = Self.ascending(q)
                    for line in gaussians {
                        for i in Self.window(of: line, in: q, ascending: ascending) where abs(q[i] - line.centre) <= line.reach {
                            let shape = PeakShape.gaussian(q[i] - line.centre, sigma: line.width)
                            let row = i * count
                            intensity[i] += line.amplitude * shape.value
                            jacobian[row] += line.dAmplitude.length * shape.value + line.centreByLength * shape.dCentre
                                + line.widthByLength * shape.dWidth
                            jacobian[row + 1] += line.dAmplitude.domain * shape.value + line.widthByDomain * shape.dWidth
                            jacobian[row + 2] += line.dAmplitude.scale * shape.value
                            jacobian[row + 4] += line.dAmplitude.fluctuation * shape.value
                            if hasEta { jacobian[row + 5] += line.dAmplitude.eta * shape.value }
                        }
                    }
                    if lorentzians.isEmpty {
                        // No pass over every q wrote the background column yet.
                        for i in q.indices {
                            intensity[i] += background
                            jacobian[i * count + 3] = 1
                        }
                    }
                }
            }
        }
        return curve
    }

    /// I(q) and its Jacobian from the Lorentzian lines, which reach every q: written (not added) into
    /// `intensity` and every Jacobian row, background included.
    ///
    /// Line by line, each column of the Jacobian kept in its own contiguous scratch array (an accumulator per
    /// column and q): the inner loop over q then has no dependency between iterations and no stride, so the
    /// compiler vectorises its divisions; a q-major row would scatter the six sums. One transposition at the end
    /// writes the rows.
    static func addLorentzians(_ lines: [Line], q: UnsafeBufferPointer<Double>, background: Double, hasEta: Bool,
                               intensity: UnsafeMutableBufferPointer<Double>,
                               jacobian: UnsafeMutableBufferPointer<Double>, count: Int) {
        let n = q.count
        let columns = UnsafeMutablePointer<Double>.allocate(capacity: 6 * n)
        defer { columns.deallocate() }
        columns.initialize(repeating: 0, count: 6 * n)
        let total = columns, dLength = columns + n, dDomain = columns + 2 * n, dScale = columns + 3 * n
        let dFluctuation = columns + 4 * n, dEta = columns + 5 * n
        for line in lines {
            let (centre, gamma, inverseGamma) = (line.centre, line.width, 1 / line.width)
            let gammaOverPi = gamma / Double.pi
            for i in 0..<n {
                // PeakShape.lorentzian, spelled out with 1/γ hoisted out of the loop.
                let x = q[i] - centre
                let inverse = 1 / (x * x + gamma * gamma)
                let value = gammaOverPi * inverse
                let dCentre = 2 * value * x * inverse
                let dWidth = value * (inverseGamma - 2 * gamma * inverse)
                total[i] += line.amplitude * value
                dLength[i] += line.dAmplitude.length * value + line.centreByLength * dCentre + line.widthByLength * dWidth
                dDomain[i] += line.dAmplitude.domain * value + line.widthByDomain * dWidth
                dScale[i] += line.dAmplitude.scale * value
                dFluctuation[i] += line.dAmplitude.fluctuation * value
                dEta[i] += line.dAmplitude.eta * value
            }
        }
        for i in 0..<n {
            intensity[i] = background + total[i]
            let row = i * count
            jacobian[row] = dLength[i]
            jacobian[row + 1] = dDomain[i]
            jacobian[row + 2] = dScale[i]
            jacobian[row + 3] = 1
            jacobian[row + 4] = dFluctuation[i]
            if hasEta { jacobian[row + 5] = dEta[i] }
        }
    }

    /// The Gaussian and the Lorentzian lines apart: the Lorentzians' tails reach every q, the Gaussians'
    /// do not, so the two are summed by different loops.
    private func split(_ lines: [Line]) -> (gaussians: [Line], lorentzians: [Line]) {
        (lines.filter { !$0.lorentzian }, lines.filter(\.lorentzian))
    }

    /// Whether q increases strictly, as integrated profiles do: then a line's window is found by bisection.
    static func ascending(_ q: UnsafeBufferPointer<Double>) -> Bool {
        var i = 1
        while i < q.count {
            if !(q[i - 1] < q[i]) { return false }
            i += 1
        }
        return true
    }

    /// The q indices a Gaussian line can reach: by bisection on an increasing grid, every index otherwise (the
    /// caller still tests each).
    static func window(of line: Line, in q: UnsafeBufferPointer<Double>, ascending: Bool) -> Range<Int> {
        guard ascending else { return q.indices }
        func firstIndex(atLeast bound: Double) -> Int {
            var low = 0, high = q.count
            while low < high {
                let middle = (low + high) / 2
                if q[middle] < bound { low = middle + 1 } else { high = middle }
            }
            return low
        }
        // The upper bound a hair wide, so that a q exactly at the reach is tested rather than skipped.
        return firstIndex(atLeast: line.centre - line.reach)..<firstIndex(atLeast: line.centre + line.reach * (1 + 1e-12))
    }
}
