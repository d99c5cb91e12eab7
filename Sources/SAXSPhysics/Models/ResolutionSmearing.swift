#if canImport(Glibc)
import Glibc
#endif

/// A pinhole camera's q resolution applied to a model: each measured point is the model averaged over a Gaussian
/// in q of standard deviation σ_q(q) (`BraggPeakModel.Resolution`: a constant part and one proportional to q, from
/// the beam's divergence and size and the wavelength spread).
///
/// The average is Gauss–Hermite quadrature in q' = q + σ_q·t, exact for polynomials of degree below 2·nodes and
/// accurate for everything that varies on σ_q's scale or slower: form factors (even a sphere's minima, a few σ_q
/// wide at the resolutions of SAXS cameras), power laws, broad peaks. Bragg peaks of a composite model are not
/// smeared here: their profile already includes the resolution exactly (`BraggPeakModel`), and a peak narrower
/// than σ_q would need far more nodes.
public struct ResolutionSmearing: Sendable {
    public var resolution: BraggPeakModel.Resolution

    public init(_ resolution: BraggPeakModel.Resolution) {
        self.resolution = resolution
    }

    /// I(q) of `model` at `values` as the camera measures it; q in the model's unit, 1/Å.
    public func intensity(of model: any ScatteringModel, q: [Double], values: [Double]) -> [Double] {
        guard let composite = model as? CompositeModel else { return smeared(model, q: q, values: values) }
        var total = [Double](repeating: 0, count: q.count)
        for component in composite.components {
            let componentValues = composite.componentValues(component, values)
            let part = component.model is BraggPeakModel
                ? component.model.intensity(q: q, values: componentValues)
                : smeared(component.model, q: q, values: componentValues)
            for i in total.indices { total[i] += part[i] }
        }
        return total
    }

    /// One evaluation of the model on every node of every point, then the weighted sums. The model is isotropic,
    /// I(−q) = I(q): a node below zero (possible only with a constant σ_q at the lowest q) is taken at |q'|.
    private func smeared(_ model: any ScatteringModel, q: [Double], values: [Double]) -> [Double] {
        let rule = Self.rule
        guard resolution.sigma > 0 || resolution.relative > 0 else { return model.intensity(q: q, values: values) }
        var nodes = [Double]()
        nodes.reserveCapacity(q.count * rule.nodes.count)
        for point in q {
            let sigma = resolution.sigma(at: point)
            for t in rule.nodes { nodes.append(abs(point + sigma * t)) }
        }
        let values = model.intensity(q: nodes, values: values)
        return q.indices.map { i in
            var sum = 0.0
            for k in rule.nodes.indices { sum += rule.weights[k] * values[i * rule.nodes.count + k] }
            return sum
        }
    }

    /// Nodes and weights for ∫ f(t) e^{−t²/2} dt / √(2π): twenty-four points, exact to degree 47.
    static let rule = GaussHermite(count: 24)
}

/// Gauss–Hermite quadrature for the standard normal weight, its nodes found as the roots of the orthonormal
/// Hermite polynomial: bracketed by a sign scan, polished by bisection to the last bit.
struct GaussHermite: Sendable {
    let nodes: [Double]
    let weights: [Double]

    init(count n: Int) {
        // Orthonormal Hermite functions for the weight e^{−y²} (physicists'), by their stable recurrence; the
        // derivative of p_n is √(2n)·p_{n−1}.
        func polynomials(_ y: Double) -> (pn: Double, pnMinus1: Double) {
            var previous = 0.0
            var current = 1 / pow(Double.pi, 0.25)
            for j in 1...n {
                let next = y * (2 / Double(j)).squareRoot() * current - (Double(j - 1) / Double(j)).squareRoot() * previous
                previous = current
                current = next
            }
            return (current, previous)
        }
        // Every root lies within ±√(2n+1); a scan finer than their spacing brackets each once.
        let bound = (2 * Double(n) + 1).squareRoot()
        let steps = 200 * n
        var roots: [Double] = []
        var left = -bound
        var leftValue = polynomials(left).pn
        for step in 1...steps {
            let right = -bound + 2 * bound * Double(step) / Double(steps)
            let rightValue = polynomials(right).pn
            if leftValue == 0 {
                roots.append(left)
            } else if leftValue.sign != rightValue.sign {
                var (low, high, lowValue) = (left, right, leftValue)
                while true {
                    let middle = (low + high) / 2
                    guard middle != low && middle != high else { break }
                    let value = polynomials(middle).pn
                    if value.sign == lowValue.sign { (low, lowValue) = (middle, value) } else { high = middle }
                }
                roots.append((low + high) / 2)
            }
            (left, leftValue) = (right, rightValue)
        }
        precondition(roots.count == n, "Gauss–Hermite: found \(roots.count) of \(n) roots")
        // Physicists' weights 2/p_n'(y)²·… become the standard normal's by y = t/√2 and dividing by √π.
        nodes = roots.map { $0 * 2.0.squareRoot() }
        weights = roots.map { y in
            let derivative = (2 * Double(n)).squareRoot() * polynomials(y).pnMinus1
            return 2 / (derivative * derivative) / Double.pi.squareRoot()
        }
    }
}
