import Foundation
import SAXSIntegration
import SAXSLearning

/// The boosted trees' phase and parameters for a frame's profile, in the sidecar and the `.saxs.dat` header.
extension Pipeline {
    /// nil without a model set; a profile the features cannot be made of (2θ or r units) gets a warning instead.
    func estimatePhase(_ profile: Profile,
                       timing: inout [String: Double]) -> (estimate: PhaseEstimate?, warning: Sidecar.Warning?) {
        guard let phases = settings.phases else { return (nil, nil) }
        let started = Timestamp.monotonic()
        defer { timing["phase"] = (Timestamp.monotonic() - started) * 1000 }
        do {
            return (try phases.identifier.estimate(profile, minimumProbability: phases.minimumProbability), nil)
        } catch {
            return (nil, Sidecar.Warning(kind: "phase", message: "no phase: \(error.description)"))
        }
    }

    /// JSON cannot hold NaN or infinity: a probability or value that is not finite leaves its field out.
    func addPhase(_ estimate: PhaseEstimate?, to sidecar: inout Sidecar) {
        guard let estimate, estimate.probability.isFinite else { return }
        sidecar.phase = Sidecar.Phase(label: estimate.label, probability: estimate.probability,
                                      probabilities: estimate.probabilities.filter { $0.value.isFinite },
                                      modelID: estimate.modelID)
        var parameters: [String: Sidecar.Parameter] = [:]
        for parameter in estimate.parameters where parameter.value.isFinite {
            parameters[parameter.name] = Sidecar.Parameter(
                value: parameter.value, unit: parameter.unit,
                bounds: parameter.bounds.map { [$0.lowerBound, $0.upperBound] }, method: parameter.method)
        }
        sidecar.parameters = parameters.isEmpty ? nil : parameters
    }

    /// One header line: the label, its probability and the parameters, for readers of the `.dat` alone.
    func phaseComment(_ estimate: PhaseEstimate) -> String {
        var line = "phase: \(estimate.label) probability=\(String(format: "%.4f", estimate.probability))"
        for parameter in estimate.parameters {
            line += " \(parameter.name)=\(String(format: "%.6g", parameter.value))"
            if !parameter.unit.isEmpty { line += "_\(parameter.unit)" }
        }
        return line + " model=\(estimate.modelID)"
    }
}
