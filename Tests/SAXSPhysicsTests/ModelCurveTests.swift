import Testing
import SAXSPhysics

@Suite struct ModelCurveTests {
    @Test func derivativesAreStoredQMajor() {
        var curve = ModelCurve(zeros: 3, parameterCount: 2)
        curve[derivative: 1, parameter: 0] = 5
        curve[derivative: 2, parameter: 1] = 7
        #expect(curve.jacobian == [0, 0, 5, 0, 0, 7])
        #expect(curve.derivatives(parameter: 0) == [0, 5, 0])
        #expect(curve.derivatives(parameter: 1) == [0, 0, 7])
    }
}
