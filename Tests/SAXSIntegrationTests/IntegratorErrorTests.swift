import SAXSFrames
import Testing
@testable import SAXSIntegration

@Suite struct IntegratorErrorTests {
    @Test func refusesAMaskOfAnotherShape() throws {
        let mask = DetectorMask(shape: FrameShape(rows: 10, columns: 10), isMasked: Array(repeating: false, count: 100))
        let error = try #require(throws: IntegrationError.self) { try Synthetic.integrator(IntegrationSettings(), mask: mask) }
        #expect(error.kind == .shapeMismatch)
        #expect(error.message.contains("10x10") && error.message.contains("120x160"))
    }

    @Test func refusesAFrameOfAnotherShape() throws {
        let integrator = try Synthetic.integrator(IntegrationSettings(npt: 20))
        let error = try #require(throws: IntegrationError.self) {
            try integrator.integrate(Frame(shape: FrameShape(rows: 2, columns: 3), pixels: Array(repeating: 1, count: 6)))
        }
        #expect(error.kind == .shapeMismatch)
    }

    @Test func refusesAFrameShapeTheDetectorDoesNotHave() throws {
        var geometry = Synthetic.geometry
        geometry.maxShape = FrameShape(rows: 1043, columns: 981)
        geometry.detector = "Pilatus1M"
        let error = try #require(throws: IntegrationError.self) {
            try RadialIntegrator(geometry: geometry, shape: Synthetic.shape, settings: IntegrationSettings())
        }
        #expect(error.kind == .shapeMismatch && error.message.contains("Pilatus1M"))
    }

    @Test(arguments: [
        IntegrationSettings(npt: 0),
        IntegrationSettings(polarization: 1.5),
        IntegrationSettings(deltaDummy: 0.1),
        IntegrationSettings(dummy: .nan),
    ])
    func refusesInvalidSettings(settings: IntegrationSettings) throws {
        let error = try #require(throws: IntegrationError.self) { try Synthetic.integrator(settings) }
        #expect(error.kind == .invalidSettings)
    }

    @Test func refusesAnInvalidGeometry() throws {
        var geometry = Synthetic.geometry
        geometry.orientation = 5
        let error = try #require(throws: IntegrationError.self) {
            try RadialIntegrator(geometry: geometry, shape: Synthetic.shape)
        }
        #expect(error.kind == .geometry && error.message.contains("orientation must be 1, 2, 3 or 4"))
    }

    @Test func refusesAFullyMaskedDetector() throws {
        let mask = DetectorMask(shape: Synthetic.shape, isMasked: Array(repeating: true, count: Synthetic.shape.pixelCount))
        let error = try #require(throws: IntegrationError.self) { try Synthetic.integrator(IntegrationSettings(), mask: mask) }
        #expect(error.kind == .noValidPixels)
    }

    @Test func readsTheReferenceMask() throws {
        let mask = try Pilatus1M.inputs().mask
        #expect(mask.maskedCount == 79_879)
        let error = try #require(throws: MaskError.self) {
            try DetectorMask.load(path: try ReferenceFiles.pyfai("pilatus1m_mask.fits"), expectedShape: Synthetic.shape)
        }
        #expect(error.description.contains("1043x981") && error.description.contains("120x160"))
        let missing = try #require(throws: MaskError.self) { try DetectorMask.load(path: "/nonexistent/mask.fits") }
        #expect(missing.path == "/nonexistent/mask.fits")
    }
}
