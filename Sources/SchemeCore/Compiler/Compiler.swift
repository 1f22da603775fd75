/// Compiles core forms to VM code, one toplevel form at a time.
struct Compiler {
    let inlineOps: [ObjectIdentifier: (InlineOp, Int)]  // builtin symbol -> op, argument count
    let nativeStack: NativeStack

    /// Compiles a toplevel form into a code object taking no arguments.
    func compileToplevel(_ form: CoreForm) throws -> Code {
        let scope = FunctionScope(parent: nil, code: CodeBuilder(name: nil))
        try compile(form, scope, tail: true)
        // Toplevel code has no environment: a local variable from outside it (a macro
        // transformer naming a variable of the code around its definition) has no value.
        if let v = scope.captures.vars.first {
            throw SchemeError.syntax("variable used outside its scope: \(v.name.name)", [.symbol(v.name)])
        }
        return scope.finish()
    }

    // MARK: expressions

    private func compile(_ form: CoreForm, _ s: FunctionScope, tail: Bool) throws {
        try nativeStack.check("eval")
        switch form {
        case .constant(let v):
            if case .fixnum(let i) = v, let small = Int32(exactly: i) { s.emit(.fixnum(small)) }
            else { s.emit(.constant(s.constant(v))) }
            if tail { s.emit(.ret) }
        case .local(let v):
            emitRef(v, s)
            if tail { s.emit(.ret) }
        case .global(let sym):
            s.emit(.global(s.constant(.symbol(sym))))
            if tail { s.emit(.ret) }
        case .setLocal(let v, let value):
            try compile(value, s, tail: false)
            switch s.access(v) {
            case .local(let i): s.emit(v.mutated ? .setLocalBoxed(Int32(i)) : .setLocal(Int32(i)))
            case .captured(let i): s.emit(.setCapturedBoxed(Int32(i)))
            case .sibling: s.emit(.pop)  // group members are never assigned (they'd not be in a group)
            }
            unspecified(s, tail)
        case .setGlobal(let sym, let value):
            try compile(value, s, tail: false)
            s.emit(.setGlobal(s.constant(.symbol(sym))))
            unspecified(s, tail)
        case .defineGlobal(let sym, let value):
            try compile(value, s, tail: false)
            s.emit(.defineGlobal(s.constant(.symbol(sym))))
            // CHICKEN's toplevel define returns the symbol's name only in the REPL; we return unspecified.
            unspecified(s, tail)
        case .ifForm(let test, let then, let otherwise):
            try compile(test, s, tail: false)
            let jumpFalse = s.pc
            s.emit(.jumpIfFalse(0))
            let d = s.depth
            try compile(then, s, tail: tail)
            var jumpEnd = -1
            if !tail {
                jumpEnd = s.pc
                s.emit(.jump(0))
            }
            s.patch(jumpFalse, .jumpIfFalse(Int32(s.pc)))
            s.setDepth(d)
            try compile(otherwise, s, tail: tail)
            if !tail { s.patch(jumpEnd, .jump(Int32(s.pc))) }
        case .lambda(let l):
            let (child, captures) = try compileLambda(l, parent: s, captures: CaptureSet())
            if captures.vars.isEmpty {
                // Nothing to capture: one closure serves every evaluation.
                s.code.codes.append(child)
                s.emit(.constant(s.constant(.procedure(Closure(code: child, captures: .empty)))))
            } else {
                emitCaptures(captures, s)
                s.code.codes.append(child)
                s.emit(.closure(Int32(s.code.codes.count - 1), Int32(captures.vars.count)))
            }
            if tail { s.emit(.ret) }
        case .sequence(let forms):
            for (i, f) in forms.enumerated() {
                if i == forms.count - 1 { try compile(f, s, tail: tail) }
                else {
                    try compile(f, s, tail: false)
                    s.emit(.pop)
                }
            }
            if forms.isEmpty { unspecified(s, tail) }
        case .call(let fn, let args, let loc):
            try compileCall(fn, args, loc, s, tail: tail)
        case .letForm(let vars, let inits, let body):
            for i in inits { try compile(i, s, tail: false) }
            let mark = s.slotMark
            let slots = vars.map { s.allocate($0) }
            for (v, slot) in zip(vars, slots).reversed() {
                s.emit(.setLocal(Int32(slot)))
                if v.mutated { s.emit(.boxLocal(Int32(slot))) }
            }
            try compile(body, s, tail: tail)
            s.release(to: mark)
        case .letrec(let vars, let inits, let body):
            try compileLetrec(vars, inits, body, s, tail: tail)
        }
    }

    private func unspecified(_ s: FunctionScope, _ tail: Bool) {
        s.emit(.constant(s.constant(.unspecified)))
        if tail { s.emit(.ret) }
    }

    private func emitRef(_ v: Variable, _ s: FunctionScope) {
        switch s.access(v) {
        case .local(let i): s.emit(v.mutated ? .localUnbox(Int32(i)) : .local(Int32(i)))
        case .captured(let i): s.emit(v.mutated ? .capturedUnbox(Int32(i)) : .captured(Int32(i)))
        case .sibling(let k): s.emit(.sibling(Int32(k)))
        }
    }

    /// Pushes the raw values (boxes included) a child closure captures.
    private func emitCaptures(_ captures: CaptureSet, _ s: FunctionScope) {
        for v in captures.vars {
            switch s.access(v) {
            case .local(let i): s.emit(.local(Int32(i)))
            case .captured(let i): s.emit(.captured(Int32(i)))
            case .sibling(let k): s.emit(.sibling(Int32(k)))
            }
        }
    }

    private func compileCall(_ fn: CoreForm, _ args: [CoreForm], _ loc: SourceLocation?, _ s: FunctionScope, tail: Bool) throws {
        let argc = Int32(args.count)
        if case .local(let v) = fn, case .sibling(let k) = s.access(v) {
            s.emit(.fixnum(0))  // placeholder in the callee slot
            for a in args { try compile(a, s, tail: false) }
            s.emit(tail ? .tailCallSibling(Int32(k), argc) : .callSibling(Int32(k), argc), at: loc)
            return
        }
        // An inline builtin's `n` is its argument count, or -1 for any count from 1 to 255.
        if case .global(let sym) = fn, let (op, n) = inlineOps[ObjectIdentifier(sym)],
           n == args.count || (n < 0 && !args.isEmpty && args.count <= Int(UInt8.max)) {
            let c = s.constant(.symbol(sym))
            if n == 1, case .local(let v) = args[0], !v.mutated, case .local(let i) = s.access(v), let slot = UInt16(exactly: i) {
                s.emit(.localPrim1(op, slot, c), at: loc)
            } else if n == 2, op != .cons, case .constant(let k) = args[1], let index = UInt16(exactly: s.constant(k)) {
                try compile(args[0], s, tail: false)
                s.emit(.prim2Constant(op, index, c), at: loc)
            } else {
                for a in args { try compile(a, s, tail: false) }
                s.emit(n < 0 ? .primN(op, UInt8(args.count), c) : n == 1 ? .prim1(op, c) : .prim2(op, c), at: loc)
            }
            if tail { s.emit(.ret) }
            return
        }
        try compile(fn, s, tail: false)
        for a in args { try compile(a, s, tail: false) }
        s.emit(tail ? .tailCall(argc) : .call(argc), at: loc)
    }

    private func compileLambda(_ l: LambdaForm, parent: FunctionScope, captures: CaptureSet) throws -> (Code, CaptureSet) {
        try compileLambdaInGroup(l, parent: parent, captures: captures, siblings: [:])
    }

    /// `letrec*`: lambdas that are never assigned form one group sharing an environment, so
    /// recursion creates no reference cycle; other variables live in boxes.
    private func compileLetrec(_ vars: [Variable], _ inits: [CoreForm], _ body: CoreForm, _ s: FunctionScope, tail: Bool) throws {
        let mark = s.slotMark
        var groupVars: [Variable] = []
        var groupLambdas: [LambdaForm] = []
        var others: [(Variable, CoreForm)] = []
        for (v, i) in zip(vars, inits) {
            if case .lambda(let l) = i, !v.mutated {
                groupVars.append(v)
                groupLambdas.append(l)
            } else {
                v.mutated = true
                others.append((v, i))
            }
        }
        let slots = vars.map { s.allocate($0) }
        var slotOf: [ObjectIdentifier: Int] = [:]
        for (v, slot) in zip(vars, slots) { slotOf[ObjectIdentifier(v)] = slot }
        for (v, _) in others {
            let slot = slotOf[ObjectIdentifier(v)]!
            s.emit(.constant(s.constant(.undefined)))
            s.emit(.setLocal(Int32(slot)))
            s.emit(.boxLocal(Int32(slot)))
        }
        if !groupVars.isEmpty {
            let shared = CaptureSet()
            var siblingMap: [ObjectIdentifier: Int] = [:]
            for (k, v) in groupVars.enumerated() { siblingMap[ObjectIdentifier(v)] = k }
            var codes: [Code] = []
            for l in groupLambdas {
                codes.append(try compileLambdaInGroup(l, parent: s, captures: shared, siblings: siblingMap).0)
            }
            for c in codes { c.siblings = codes }
            emitCaptures(shared, s)
            let first = s.code.codes.count
            s.code.codes.append(contentsOf: codes)
            s.emit(.group(first: Int32(first), count: Int32(codes.count), captured: Int32(shared.vars.count)))
            for v in groupVars.reversed() { s.emit(.setLocal(Int32(slotOf[ObjectIdentifier(v)]!))) }
        }
        for (v, i) in others {
            try compile(i, s, tail: false)
            s.emit(.setLocalBoxed(Int32(slotOf[ObjectIdentifier(v)]!)))
        }
        try compile(body, s, tail: tail)
        s.release(to: mark)
    }

    private func compileLambdaInGroup(_ l: LambdaForm, parent: FunctionScope, captures: CaptureSet,
                                      siblings: [ObjectIdentifier: Int]) throws -> (Code, CaptureSet) {
        // Sibling access must be known before the body is compiled, so build the scope first.
        let code = CodeBuilder(name: l.name)
        code.required = l.required.count
        code.optional = l.optional.count
        code.hasRest = l.rest != nil
        code.parameterList = l.writtenParameters ?? (l.required + l.optional).reversed().reduce(l.rest.map { .symbol($0.name) } ?? .null) {
            .pair(Pair(.symbol($1.name), $0))
        }
        let scope = FunctionScope(parent: parent, code: code, captures: captures)
        scope.siblings = siblings
        let params = l.required + l.optional + (l.rest.map { [$0] } ?? [])
        for p in params {
            let slot = scope.allocate(p)
            if p.mutated { scope.emit(.boxLocal(Int32(slot))) }
        }
        try compile(l.body, scope, tail: true)
        return (scope.finish(), captures)
    }
}
