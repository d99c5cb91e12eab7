import Foundation
import Testing
import SAXSPhysics
import SAXSTestSupport

/// Compares a computed curve with a reference to a relative tolerance, with an absolute floor at deep minima.
///
/// The floor: near a zero of the amplitude F, I = F² dips by orders of magnitude and its relative error is
/// ill-conditioned (an error δ in F relative to the envelope F_env gives ΔI ≈ 2δ·F_env·|F|, so ΔI/I ≈ 2δ·F_env/|F|,
/// unbounded as the grid point nears the zero). So a point is also accepted when its error is below
/// tolerance × 1e-3 × the local envelope, the largest reference value within 5 grid points either side; only
/// points at least 1000 times below their neighbourhood can need that, and on the shared/ and cross-check grids
/// no point does today (the worst plain relative errors are ≤ 2e-10).
enum FormFactorComparison {
    struct Mismatch: CustomStringConvertible {
        var q: Double
        var computed: Double
        var reference: Double
        var description: String {
            "q=\(q): \(computed) vs sasmodels \(reference) (relative \(abs(computed - reference) / abs(reference)))"
        }
    }

    static func mismatches(q: [Double], computed: [Double], reference: [Double], tolerance: Double) -> [Mismatch] {
        precondition(q.count == computed.count && q.count == reference.count)
        var found: [Mismatch] = []
        for i in q.indices {
            let window = max(0, i - 5)...min(q.count - 1, i + 5)
            let envelope = window.map { abs(reference[$0]) }.max() ?? 0
            let error = abs(computed[i] - reference[i])
            if !computed[i].isFinite || error > tolerance * abs(reference[i]) + tolerance * 1e-3 * envelope {
                found.append(Mismatch(q: q[i], computed: computed[i], reference: reference[i]))
            }
        }
        return found
    }

    /// The largest plain relative error, for messages.
    static func worstRelative(computed: [Double], reference: [Double]) -> Double {
        zip(computed, reference).map { abs($0 - $1) / abs($1) }.max() ?? 0
    }
}

/// shared/reference/sasmodels: manifest.json and the two-column curves it lists.
enum SasmodelsSharedReference {
    struct Case: CustomStringConvertible {
        var file: String
        var model: String
        /// The parameters as `saxsd model` arguments.
        var arguments: [String: String]
        var description: String { file }
    }

    static let folder = SharedFiles.root.appendingPathComponent("reference/sasmodels")

    static func cases() throws -> [Case] {
        let data = try Data(contentsOf: folder.appendingPathComponent("manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cases = try #require(manifest["cases"] as? [[String: Any]])
        return try cases.map { entry in
            let parameters = try #require(entry["parameters"] as? [String: Any])
            var arguments: [String: String] = [:]
            for (key, value) in parameters {
                if let number = value as? NSNumber { arguments[key] = "\(number.doubleValue)" }
                if let text = value as? String { arguments[key] = text }
            }
            // manifest numbers such as radius_pd_n = 35 arrive as 35.0.
            for (key, value) in arguments where key.hasSuffix("_pd_n") {
                arguments[key] = String(Int(try #require(Double(value))))
            }
            return Case(file: try #require(entry["file"] as? String), model: try #require(entry["model"] as? String),
                        arguments: arguments)
        }
    }

    static func curve(_ file: String) throws -> (q: [Double], intensity: [Double]) {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        var q: [Double] = [], intensity: [Double] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true).compactMap { Double($0) }
            guard columns.count == 2 else { continue }
            q.append(columns[0])
            intensity.append(columns[1])
        }
        return (q, intensity)
    }
}
