/// A monodisperse form-factor model in sasmodels' convention: I = scale·⟨F²⟩/V + background, with parameters
/// `scale`, `background` and then the shape's, as SasView lists them.
public struct FormFactorModel<Form: FormFactor>: ScatteringModel {
    public let form: Form
    public let parameters: [ModelParameter]
    private let shapeCount: Int

    public init(_ form: Form) {
        self.form = form
        let shape = form.shapeParameters
        self.parameters = [CommonParameters.scale, CommonParameters.background] + shape
        self.shapeCount = shape.count
    }

    public var name: String { form.name }

    public func intensity(q: [Double], values: [Double]) -> [Double] {
        precondition(values.count == parameters.count, "\(name) takes \(parameters.count) values")
        let scale = values[0], background = values[1]
        let shape = Array(values[2...])
        var amplitude = [Double](repeating: 0, count: q.count)
        form.squaredAmplitude(q: q, shape: shape, into: &amplitude)
        // sasmodels divides by 1 when the volume is 0 (a sphere of radius 0), rather than making NaN.
        let volume = form.volume(shape: shape).value
        let factor = scale / (volume == 0 ? 1 : volume)
        return amplitude.map { factor * $0 + background }
    }

    public func curve(q: [Double], values: [Double]) -> ModelCurve {
        precondition(values.count == parameters.count, "\(name) takes \(parameters.count) values")
        let scale = values[0], background = values[1]
        let shape = Array(values[2...])
        let m = shapeCount, stride = m + 2
        var amplitude = [Double](repeating: 0, count: q.count)
        var amplitudeGradient = [Double](repeating: 0, count: q.count * m)
        form.squaredAmplitude(q: q, shape: shape, into: &amplitude, gradient: &amplitudeGradient)
        var (volume, volumeGradient) = form.volume(shape: shape)
        if volume == 0 {
            volume = 1
            volumeGradient = [Double](repeating: 0, count: m)
        }
        // I = scale·P/V: ∂I/∂θ = scale·(∂P/∂θ − P·∂V/∂θ / V)/V.
        let factor = scale / volume
        let relativeVolumeGradient = volumeGradient.map { $0 / volume }
        var curve = ModelCurve(zeros: q.count, parameterCount: stride)
        curve.intensity.withUnsafeMutableBufferPointer { intensity in
            curve.jacobian.withUnsafeMutableBufferPointer { jacobian in
                amplitudeGradient.withUnsafeBufferPointer { dP in
                    for i in 0..<q.count {
                        let p = amplitude[i]
                        intensity[i] = factor * p + background
                        jacobian[i * stride] = p / volume
                        jacobian[i * stride + 1] = 1
                        for j in 0..<m {
                            jacobian[i * stride + 2 + j] = factor * (dP[i * m + j] - p * relativeVolumeGradient[j])
                        }
                    }
                }
            }
        }
        return curve
    }
}
