/// Compiled code of one lambda (or one toplevel form).
final class Code {
    var instructions: [Instruction] = []
    var constants: [Value] = []
    /// Nested lambdas created by `closure`/`group`.
    var codes: [Code] = []
    /// Members of the `letrec` group this code belongs to (for `sibling`).
    var siblings: [Code] = []
    /// Source positions of call instructions, by instruction index.
    var positions: [Int: SourceLocation] = [:]
    var name: String?
    var paramNames: [String] = []
    var restName: String?
    var required = 0
    var optional = 0
    var hasRest = false
    /// Parameters + local slots.
    var frameSize = 0
    /// Frame slots + the deepest temporary stack use.
    var maxStack = 0

    init(name: String?) { self.name = name }
}

/// A suspended caller: where to continue when the callee returns.
struct Frame {
    var code: Code
    var env: [Value]
    var pc: Int
    var fp: Int
}
