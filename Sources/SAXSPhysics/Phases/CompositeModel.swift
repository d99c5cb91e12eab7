/// A sum of models whose parameters are bound to the composite's own: each component parameter is a composite
/// parameter times a factor (a unit conversion, nm → Å) or a fixed value. The composite's Jacobian follows by the
/// chain rule, ∂I/∂θ_k = Σ over bound component parameters φ = c·θ_k of c·∂I_component/∂φ.
///
/// This is how a phase's model is put together from the library's parts (a particle form factor, Bragg peaks, a
/// power law, a background) while speaking the phase table's parameters and units.
public struct CompositeModel: ScatteringModel {
    /// Where a component parameter's value comes from.
    public enum Binding: Sendable, Hashable {
        /// The composite parameter `index`, times `factor`.
        case parameter(Int, factor: Double)
        /// A value held fixed.
        case fixed(Double)
    }

    public struct Component: Sendable {
        public let model: any ScatteringModel
        /// One binding per parameter of `model`, in its order.
        public let bindings: [Binding]
        /// The bound ones as (component parameter, composite parameter, factor): what the chain rule runs over in
        /// every `curve`, worked out once.
        let chain: [(own: Int, composite: Int, factor: Double)]

        public init(_ model: any ScatteringModel, bindings: [Binding]) {
            precondition(bindings.count == model.parameters.count, "\(model.name): one binding per parameter")
            self.model = model
            self.bindings = bindings
            chain = bindings.enumerated().compactMap { j, binding in
                if case .parameter(let k, let factor) = binding { return (j, k, factor) }
                return nil
            }
        }
    }

    public let name: String
    public let parameters: [ModelParameter]
    public let components: [Component]

    /// `bind` names, for each component parameter, the composite parameter it takes (with a unit factor) or the
    /// value it keeps; see `Component(_:_:)`.
    public init(name: String, parameters: [ModelParameter], components: [Component]) {
        for component in components {
            for case .parameter(let index, _) in component.bindings {
                precondition(parameters.indices.contains(index), "\(name): a binding names no parameter")
            }
        }
        self.name = name
        self.parameters = parameters
        self.components = components
    }

    public func intensity(q: [Double], values: [Double]) -> [Double] {
        precondition(values.count == parameters.count, "\(name) takes \(parameters.count) values")
        var total = [Double](repeating: 0, count: q.count)
        for component in components {
            let part = component.model.intensity(q: q, values: componentValues(component, values))
            for i in total.indices { total[i] += part[i] }
        }
        return total
    }

    public func curve(q: [Double], values: [Double]) -> ModelCurve {
        precondition(values.count == parameters.count, "\(name) takes \(parameters.count) values")
        var total = ModelCurve(zeros: q.count, parameterCount: parameters.count)
        for component in components {
            let part = component.model.curve(q: q, values: componentValues(component, values))
            let own = part.parameterCount
            let all = parameters.count
            total.intensity.withUnsafeMutableBufferPointer { sum in
                part.intensity.withUnsafeBufferPointer { add in
                    for i in 0..<q.count { sum[i] += add[i] }
                }
            }
            // q points × bound parameters: a few thousand multiply-adds, kept on raw buffers because the composite
            // runs inside every fit iteration.
            total.jacobian.withUnsafeMutableBufferPointer { sum in
                part.jacobian.withUnsafeBufferPointer { add in
                    for i in 0..<q.count {
                        for (j, k, factor) in component.chain { sum[i * all + k] += factor * add[i * own + j] }
                    }
                }
            }
        }
        return total
    }

    func componentValues(_ component: Component, _ values: [Double]) -> [Double] {
        component.bindings.map { binding in
            switch binding {
            case .parameter(let index, let factor): values[index] * factor
            case .fixed(let value): value
            }
        }
    }
}

extension CompositeModel.Component {
    /// Binds `model`'s parameters by name: `bind[name]` gives the composite parameter's name and the unit factor,
    /// `fixed[name]` a held value. Every parameter of `model` must be named in one of the two.
    public init(_ model: any ScatteringModel, in parameters: [ModelParameter], bind: [String: (String, Double)],
                fixed: [String: Double] = [:]) {
        let bindings = model.parameters.map { parameter -> CompositeModel.Binding in
            if let (name, factor) = bind[parameter.name] {
                guard let index = parameters.firstIndex(where: { $0.name == name }) else {
                    preconditionFailure("\(model.name).\(parameter.name) is bound to \(name), which is no parameter")
                }
                return .parameter(index, factor: factor)
            }
            guard let value = fixed[parameter.name] else {
                preconditionFailure("\(model.name).\(parameter.name) is neither bound nor fixed")
            }
            return .fixed(value)
        }
        self.init(model, bindings: bindings)
    }
}
