/// A model's I(q) on a q grid with its Jacobian: ∂I(q_i)/∂θ_j stored q-major, so that the derivatives at one q
/// are adjacent (what a Gauss–Newton step and a network's loss read together).
public struct ModelCurve: Sendable, Hashable {
    public var intensity: [Double]
    /// `jacobian[i * parameterCount + j]` = ∂I(q_i)/∂θ_j.
    public var jacobian: [Double]
    public let parameterCount: Int

    public init(intensity: [Double], jacobian: [Double], parameterCount: Int) {
        precondition(jacobian.count == intensity.count * parameterCount, "Jacobian of the wrong size")
        self.intensity = intensity
        self.jacobian = jacobian
        self.parameterCount = parameterCount
    }

    /// A curve of `points` zeros, to accumulate into.
    public init(zeros points: Int, parameterCount: Int) {
        self.init(intensity: [Double](repeating: 0, count: points),
                  jacobian: [Double](repeating: 0, count: points * parameterCount), parameterCount: parameterCount)
    }

    public subscript(derivative point: Int, parameter parameter: Int) -> Double {
        get { jacobian[point * parameterCount + parameter] }
        set { jacobian[point * parameterCount + parameter] = newValue }
    }

    /// The column of ∂I/∂θ_j over all q.
    public func derivatives(parameter j: Int) -> [Double] {
        (0..<intensity.count).map { jacobian[$0 * parameterCount + j] }
    }
}
