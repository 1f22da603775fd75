/// Compiled code of one lambda (or one toplevel form), immutable once built. Instructions
/// and constants live in raw buffers so the run loop reads them without reference counting
/// or exclusivity checks.
final class Code {
    let instructions: UnsafeMutablePointer<Instruction>
    let instructionCount: Int
    let constants: UnsafeMutablePointer<Value>
    let constantCount: Int
    /// Nested lambdas created by `closure`/`group`.
    let codes: [Code]
    /// Members of the `letrec` group this code belongs to (for `sibling`); set once, right
    /// after the group is compiled.
    @exclusivity(unchecked) var siblings: [Code] = []
    /// Sibling `k`, unretained: the group's closures keep it alive, and a loop written as
    /// a named `let` enters its sibling on every iteration (reading the array retained it).
    @inline(__always) func sibling(_ k: Int) -> Unmanaged<Code> {
        siblings.withUnsafeBufferPointer { Unmanaged.passUnretained($0[k]) }
    }
    /// Source positions of call instructions, by instruction index.
    let positions: [Int: SourceLocation]
    let name: String?
    /// The parameter list as `procedure-information` answers it and the printer shows it.
    let parameterList: Value
    let required: Int
    let optional: Int
    let hasRest: Bool
    /// Parameters + local slots.
    let frameSize: Int
    /// Frame slots + the deepest temporary stack use.
    let maxStack: Int
    /// A call with exactly `required` arguments needs no adjustment.
    let simpleArity: Bool
    /// Whether a callee returning to this code may deliver several values. Only
    /// `call-with-values` does; any other return point is a single-value context, which drops
    /// extra values from `values` and refuses them from a continuation, as CHICKEN does.
    @exclusivity(unchecked) var keepsValues = false

    init(_ b: CodeBuilder) {
        instructionCount = b.instructions.count
        instructions = .allocate(capacity: max(1, instructionCount))
        instructions.initialize(from: b.instructions, count: instructionCount)
        constantCount = b.constants.count
        constants = .allocate(capacity: max(1, constantCount))
        constants.initialize(from: b.constants, count: constantCount)
        codes = b.codes
        positions = b.positions
        name = b.name
        parameterList = b.parameterList
        required = b.required
        optional = b.optional
        hasRest = b.hasRest
        frameSize = b.frameSize
        maxStack = b.maxStack
        simpleArity = b.optional == 0 && !b.hasRest
    }

    deinit {
        instructions.deinitialize(count: instructionCount)
        instructions.deallocate()
        constants.deinitialize(count: constantCount)
        constants.deallocate()
    }
}

/// The mutable form of `Code` while the compiler emits it.
final class CodeBuilder {
    @exclusivity(unchecked) var instructions: [Instruction] = []
    @exclusivity(unchecked) var constants: [Value] = []
    @exclusivity(unchecked) var codes: [Code] = []
    @exclusivity(unchecked) var positions: [Int: SourceLocation] = [:]
    @exclusivity(unchecked) var name: String?
    @exclusivity(unchecked) var parameterList: Value = .null
    @exclusivity(unchecked) var required = 0
    @exclusivity(unchecked) var optional = 0
    @exclusivity(unchecked) var hasRest = false
    @exclusivity(unchecked) var frameSize = 0
    @exclusivity(unchecked) var maxStack = 0

    init(name: String?) { self.name = name }
}

/// A suspended caller: where to continue when the callee returns.
///
/// A frame owns nothing: the caller's closure, in the slot below the frame's `fp`, keeps its
/// code and captures alive (see Captures), so pushing and popping frames costs no
/// reference counting.
struct Frame {
    var codeRef: Unmanaged<Code>
    unowned(unsafe) var env: Captures
    var pc: Int
    var fp: Int

    var code: Code { codeRef.takeUnretainedValue() }

    init(code: Unmanaged<Code>, env: Captures, pc: Int, fp: Int) {
        codeRef = code
        self.env = env
        self.pc = pc
        self.fp = fp
    }

    init(code: Code, env: Captures, pc: Int, fp: Int) {
        self.init(code: .passUnretained(code), env: env, pc: pc, fp: fp)
    }
}
