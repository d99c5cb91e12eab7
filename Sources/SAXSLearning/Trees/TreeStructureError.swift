/// A tree ensemble whose arrays do not describe trees that can be walked: what a corrupt or hand-edited model
/// file, or a bug in whatever built the ensemble, looks like. `tree` and `node` say where, when it is one place.
public struct TreeStructureError: Error, Sendable, Hashable, CustomStringConvertible {
    public var tree: Int?
    public var node: Int?
    public var message: String

    public init(tree: Int? = nil, node: Int? = nil, _ message: String) {
        self.tree = tree
        self.node = node
        self.message = message
    }

    public var description: String {
        switch (tree, node) {
        case let (tree?, node?): "tree \(tree), node \(node): \(message)"
        case let (tree?, nil): "tree \(tree): \(message)"
        default: message
        }
    }
}
