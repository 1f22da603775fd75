/// The variables a closure (or a `letrec` group of closures) captures from outside.
final class CaptureSet {
    @exclusivity(unchecked) private(set) var vars: [Variable] = []
    @exclusivity(unchecked) private var index: [ObjectIdentifier: Int] = [:]

    func slot(of v: Variable) -> Int {
        if let i = index[ObjectIdentifier(v)] { return i }
        vars.append(v)
        index[ObjectIdentifier(v)] = vars.count - 1
        return vars.count - 1
    }
}

/// How the running code reaches a variable.
enum VariableAccess {
    case local(Int)
    case captured(Int)
    case sibling(Int)
}

/// Compile-time state of one function: its frame slots, captures and temporaries.
final class FunctionScope {
    let parent: FunctionScope?
    let code: CodeBuilder
    let captures: CaptureSet
    /// Group members reachable as siblings (variable → index in `code.siblings`).
    @exclusivity(unchecked) var siblings: [ObjectIdentifier: Int] = [:]
    @exclusivity(unchecked) private var slots: [ObjectIdentifier: Int] = [:]
    @exclusivity(unchecked) private var nextSlot = 0
    @exclusivity(unchecked) private(set) var depth = 0
    @exclusivity(unchecked) private var maxDepth = 0
    @exclusivity(unchecked) private var constantIndex: [ObjectIdentifier: Int32] = [:]

    init(parent: FunctionScope?, code: CodeBuilder, captures: CaptureSet = CaptureSet()) {
        self.parent = parent
        self.code = code
        self.captures = captures
    }

    // MARK: slots

    func allocate(_ v: Variable) -> Int {
        let s = nextSlot
        nextSlot += 1
        code.frameSize = max(code.frameSize, nextSlot)
        slots[ObjectIdentifier(v)] = s
        return s
    }

    var slotMark: Int { nextSlot }
    func release(to mark: Int) { nextSlot = mark }

    func access(_ v: Variable) -> VariableAccess {
        if let s = slots[ObjectIdentifier(v)] { return .local(s) }
        if let k = siblings[ObjectIdentifier(v)] { return .sibling(k) }
        return .captured(captures.slot(of: v))
    }

    // MARK: emission

    var pc: Int { code.instructions.count }

    func emit(_ i: Instruction, at loc: SourceLocation? = nil) {
        if let loc { code.positions[code.instructions.count] = loc }
        code.instructions.append(i)
        depth += FunctionScope.effect(i)
        maxDepth = max(maxDepth, depth)
    }

    func setDepth(_ d: Int) { depth = d }

    func patch(_ at: Int, _ i: Instruction) { code.instructions[at] = i }

    func constant(_ v: Value) -> Int32 {
        var key: ObjectIdentifier? = nil
        switch v {
        case .symbol(let s): key = ObjectIdentifier(s)
        default: break
        }
        if let key, let i = constantIndex[key] { return i }
        code.constants.append(v)
        let i = Int32(code.constants.count - 1)
        if let key { constantIndex[key] = i }
        return i
    }

    /// Freezes the emitted code.
    func finish() -> Code {
        // +2: room for a fallback call of an inlined builtin and for a placeholder callee.
        code.maxStack = code.frameSize + maxDepth + 2
        return Code(code)
    }

    static func effect(_ i: Instruction) -> Int {
        switch i {
        case .constant, .fixnum, .local, .localUnbox, .captured, .capturedUnbox, .global, .sibling, .localPrim1: return 1
        case .setLocal, .setLocalBoxed, .setCapturedBoxed, .setGlobal, .defineGlobal, .pop, .jumpIfFalse, .ret: return -1
        case .boxLocal, .jump, .prim1, .prim2Constant: return 0
        case .closure(_, let n): return 1 - Int(n)
        case .group(_, let count, let n): return Int(count) - Int(n)
        case .call(let argc), .callSibling(_, let argc): return -Int(argc)
        case .tailCall(let argc): return -Int(argc) - 1
        case .tailCallSibling(_, let argc): return -Int(argc) - 1
        case .prim2: return -1
        case .primN(_, let argc, _): return 1 - Int(argc)
        }
    }
}
