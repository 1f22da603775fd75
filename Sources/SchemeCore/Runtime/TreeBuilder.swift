/// Converts a tree bottom-up with an explicit stack instead of recursion, so the depth of
/// the data costs no native stack (`SchemeData` both ways). `children` says whether a node
/// (at a depth, the root's 0) is a container (and of which kind, as a flag) with which
/// children; `combine` makes a container's result from its converted children.
enum TreeBuilder {
    static func build<Node, Out>(_ root: Node, children: (Node, Int) throws -> (Bool, [Node])?,
                                 leaf: (Node) throws -> Out, combine: (Bool, [Out]) -> Out) rethrows -> Out {
        guard let (kind, items) = try children(root, 0) else { return try leaf(root) }
        // Each entry: a container's kind, its children still to convert (last first), and
        // the results so far.
        var stack: [(kind: Bool, pending: [Node], done: [Out])] = [(kind, items.reversed(), [])]
        while !stack.isEmpty {
            let top = stack.count - 1
            guard let next = stack[top].pending.popLast() else {
                let finished = stack.removeLast()
                let result = combine(finished.kind, finished.done)
                if stack.isEmpty { return result }
                stack[stack.count - 1].done.append(result)
                continue
            }
            if let (k, more) = try children(next, stack.count) {
                stack.append((k, more.reversed(), []))
            } else {
                stack[top].done.append(try leaf(next))
            }
        }
        return try leaf(root)  // not reached: the root's entry returns
    }
}
