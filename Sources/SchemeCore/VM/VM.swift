/// How a run of the VM ended.
enum RunOutcome {
    case finished(Value)
    case uncaught(Value)
    case exit(Int32)
    /// The thread stopped at a safe point; `run` it again to continue.
    case suspended(SuspendReason)
}

/// The bytecode interpreter. `run` executes a thread until its outermost code returns, an
/// error is not handled, or the program exits. It never recurses in Swift per Scheme call.
final class Machine {
    unowned(unsafe) let interp: Interpreter
    /// The builtin procedure of each inlinable operation, to check the global still holds it.
    /// Read only out of line (`noteInlineGlobalSet`): marked unchecked instead, it shifted
    /// the run loop's code generation and cost fib 3 % (callgrind).
    var inlineBuiltins: [Procedure?] = Array(repeating: nil, count: 32)
    /// `inlineIntact[op]`: the global of inlinable builtin `op` still holds the builtin, so
    /// compiled fast paths may be used. Cleared when a program redefines it.
    let inlineIntact: UnsafeMutablePointer<Bool> = {
        let p = UnsafeMutablePointer<Bool>.allocate(capacity: 32)
        p.initialize(repeating: false, count: 32)
        return p
    }()

    /// Assigns a global, keeping the inline fast paths honest.
    @inline(__always) func setGlobal(_ s: Symbol, _ v: Value) {
        s.value = v
        if s.inlineOp >= 0 { noteInlineGlobalSet(s.inlineOp, v) }
    }

    /// Out of line: inlined into `run`, the read of `inlineBuiltins` became an exclusivity
    /// check on every entry into `run`, that is on every resumption of a thread.
    @inline(never) private func noteInlineGlobalSet(_ op: Int, _ v: Value) {
        if case .procedure(let p) = v, p === inlineBuiltins[op] { inlineIntact[op] = true }
        else { inlineIntact[op] = false }
    }
    /// Location of the call that raised the most recent error (for the uncaught-error report).
    @exclusivity(unchecked) var lastErrorLocation: SourceLocation?
    /// The thread `run` is running, if any.
    var current: SchemeThread? { currentRef?.takeUnretainedValue() }
    /// `current`, owning nothing: `run`'s caller keeps the thread alive until `run` returns
    /// and puts back the one before. A counted field was two retains and two releases on
    /// every entry into `run`, which a server makes once per request.
    @exclusivity(unchecked) private(set) var currentRef: Unmanaged<SchemeThread>?
    /// The most value slots a thread's stack may grow to (default 256 MiB, about 3 million
    /// levels of simple recursion): deeper recursion raises `(exn runtime limit)` "stack
    /// overflow" instead of exhausting the machine's memory.
    var stackLimit = 1 << 24 {
        didSet { effectiveStackLimit = stackLimit }
    }
    /// `stackLimit` plus the reserve lent to the handlers of a stack overflow.
    @exclusivity(unchecked) var effectiveStackLimit = 1 << 24
    @exclusivity(unchecked) var overflowReserves = 0
    /// Nesting of `run` (macro transformers run the VM inside expansion). Collections happen
    /// only at depth 1, where every live value is in a saved thread or a global.
    @exclusivity(unchecked) private(set) var depth = 0

    init(interp: Interpreter) {
        // The run loop reads objects out of stack slots by their layout (see ValueLayout):
        // a compiler that lays `Value` out differently must not build a VM that misreads them.
        guard Value.layoutIsAsExpected else { fatalError("csi-swift: this Swift compiler lays out Value differently; see ValueLayout.swift") }
        self.interp = interp
    }

    private enum Action { case next, call, ret }

    /// The code register: owns nothing (see Captures). A struct, not a local computed
    /// variable over an `Unmanaged`: the run loop's captured local made some accesses
    /// dynamically checked for exclusivity.
    private struct CodeRegister {
        var ref: Unmanaged<Code>
        init(_ code: Code) { ref = Unmanaged.passUnretained(code) }
        var code: Code {
            @inline(__always) get { ref.takeUnretainedValue() }
            @inline(__always) set { ref = Unmanaged.passUnretained(newValue) }
        }
    }

    func run(_ t: SchemeThread) -> RunOutcome {
        let previous = currentRef
        currentRef = .passUnretained(t)
        if depth == 0 { restoreStackLimit(t.sp) }
        depth += 1
        defer { currentRef = previous; depth -= 1 }
        return execute(t)
    }

    /// The run loop. Out of line from `run`'s bookkeeping: kept in one function, the saved
    /// thread register shifted the loop's code and cost `tak` 2 % more instructions.
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    @inline(never) private func execute(_ t: SchemeThread) -> RunOutcome {
        var st = t.stack
        var sp = t.sp, fp = t.fp, pc = t.pc
        // Registers that own nothing (see Captures): the running closure keeps them alive.
        var reg = CodeRegister(t.code)
        unowned(unsafe) var env = t.env
        // Moved out, not copied: a copy would retain the array and the store release it.
        var frames: [Frame] = []
        swap(&frames, &t.frames)
        var instrs = reg.code.instructions
        var consts = reg.code.constants
        let intact = inlineIntact
        var argc = 0
        var isTail = false
        var result: Value = .unspecified
        var fuel = t.fuel
        // How the resumed call goes on after its wait (it runs at the call site).
        var afterWait: PendingCall? = nil
        swap(&afterWait, &t.pendingCall)
        // A flag, not the optional itself, is tested per instruction: testing the optional
        // copies it (a retain and a release).
        var resuming = afterWait != nil
        let resumeArgc = afterWait?.argc ?? 0, resumeIsTail = afterWait?.isTail ?? false

        while true {
            var action = Action.next
            if resuming {
                // Resuming a thread whose native call asked to wait: perform it again.
                resuming = false
                argc = resumeArgc
                isTail = resumeIsTail
                action = .call
            } else {
            switch instrs[pc] {
            case .constant(let i):
                Value.copy(from: consts + Int(i), to: st + sp); sp &+= 1; pc &+= 1
            case .fixnum(let i):
                Value.store(trivial: .fixnum(Int(i)), to: st + sp); sp &+= 1; pc &+= 1
            case .local(let i):
                Value.copy(from: st + fp + Int(i), to: st + sp); sp &+= 1; pc &+= 1
            case .localUnbox(let i):
                Machine.pushUnboxed(from: st + fp + Int(i), to: st + sp); sp &+= 1; pc &+= 1
            case .setLocal(let i):
                // Moved, not copied: the popped slot is dead (a copy retained the value there,
                // to be released when the slot was next written).
                sp &-= 1; Value.move(from: st + sp, to: st + fp + Int(i)); pc &+= 1
            case .setLocalBoxed(let i):
                sp &-= 1; storeBoxed(st + sp, into: st + fp + Int(i)); pc &+= 1
            case .boxLocal(let i):
                st[fp + Int(i)] = .object(Box(st[fp + Int(i)])); pc &+= 1
            case .captured(let i):
                // Through `Unmanaged`: a method call on the `unowned(unsafe)` register copies
                // the captures, a retain and a release per variable read.
                Value.copy(from: Captures.values(of: .passUnretained(env)) + Int(i), to: st + sp)
                sp &+= 1; pc &+= 1
            case .capturedUnbox(let i):
                Machine.pushUnboxed(from: Captures.values(of: .passUnretained(env)) + Int(i), to: st + sp)
                sp &+= 1; pc &+= 1
            case .setCapturedBoxed(let i):
                sp &-= 1; storeBoxed(st + sp, into: Captures.values(of: .passUnretained(env)) + Int(i)); pc &+= 1
            case .global(let i):
                // The operand is a symbol constant: read it without retaining it.
                let symbol = Unmanaged<Symbol>.fromOpaque(Value.unretainedObject(at: consts + Int(i)))
                pc &+= 1
                // The bound case first, on its own: folded into one condition with the lazy
                // load, it cost fib 45 % more instructions (measured with callgrind).
                if symbol._withUnsafeGuaranteedRef({ !$0.value.isUndefinedValue }) {
                    symbol._withUnsafeGuaranteedRef { s in withUnsafePointer(to: &s.value) { Value.copy(from: $0, to: st + sp) } }
                    sp &+= 1
                } else if !interp.loadLazyDefinition(symbol.takeUnretainedValue()) {
                    lastErrorLocation = callPosition(reg.code, pc - 1)
                    raiseAt(&st, &sp, t, base: sp, condition: unboundError(symbol.takeUnretainedValue()))
                    argc = 2; isTail = false; action = .call
                } else {
                    symbol._withUnsafeGuaranteedRef { s in withUnsafePointer(to: &s.value) { Value.copy(from: $0, to: st + sp) } }
                    sp &+= 1
                }
            case .setGlobal(let i):
                guard case .symbol(let s) = consts[Int(i)] else { fatalError("global operand is not a symbol") }
                sp &-= 1
                setGlobal(s, st[sp])
                pc &+= 1
            case .defineGlobal(let i):
                guard case .symbol(let s) = consts[Int(i)] else { fatalError("global operand is not a symbol") }
                sp &-= 1
                setGlobal(s, st[sp])
                pc &+= 1
            case .pop:
                sp &-= 1; pc &+= 1
            case .jump(let target):
                pc = Int(target)
            case .jumpIfFalse(let target):
                sp &-= 1
                if case .bool(false) = st[sp] { pc = Int(target) } else { pc &+= 1 }
            case .closure(let ci, let n):
                let count = Int(n)
                sp -= count
                st[sp] = .procedure(Closure(code: reg.code.codes[Int(ci)], captures: .make(count: count, from: st + sp)))
                sp &+= 1; pc &+= 1
            case .group(let first, let count, let n):
                let nc = Int(n)
                sp -= nc
                let captured = Captures.make(count: nc, from: st + sp)
                for k in 0..<Int(count) {
                    st[sp] = .procedure(Closure(code: reg.code.codes[Int(first) + k], captures: captured))
                    sp &+= 1
                }
                pc &+= 1
            case .sibling(let k):
                st[sp] = .procedure(Closure(code: reg.code.siblings[Int(k)], captures: env))
                sp &+= 1; pc &+= 1
            case .call(let n):
                argc = Int(n); isTail = false; pc &+= 1; action = .call
            case .tailCall(let n):
                argc = Int(n)
                let from = sp - argc - 1
                if from != fp - 1 {
                    // The closure being left moves to `t.leaving`, not away: the code register and
                    // `env` name its parts until the callee is entered, and an error report,
                    // a wait or `get-call-chain` may still read them. Moves cost no
                    // reference counting.
                    swapSlots(&t.leaving, st + fp - 1)
                    for k in 0...argc { swapSlots(st + fp - 1 + k, st + from + k) }
                }
                sp = fp + argc
                isTail = true
                pc &+= 1
                action = .call
            case .callSibling(let k, let n):
                let target = reg.code.sibling(Int(k)).takeUnretainedValue()
                pc &+= 1
                frames.append(Frame(code: reg.ref, env: env, pc: pc, fp: fp))
                fp = sp - Int(n)
                reg.code = target
                instrs = reg.code.instructions; consts = reg.code.constants; pc = 0
                var failure: Value? = nil
                if fp + reg.code.maxStack >= effectiveStackLimit {
                    guard let e = stackOverflow() else { return .uncaught(overflowCondition()) }
                    failure = e
                } else if Int(n) != reg.code.required || !reg.code.simpleArity {
                    st[fp - 1] = .procedure(Closure(code: reg.code, captures: env))  // for an arity error's report
                    failure = adjustArguments(reg.code, argc: Int(n), st: st, sp: &sp, fp: fp, t: t, stPtr: &st)
                }
                do {
                    if let e = failure {
                        // Report against the caller.
                        let f = frames.removeLast()
                        if frames.count < t.validTop { t.invalidateContinuations(above: frames.count) }
                        reg.ref = f.codeRef; env = f.env; pc = f.pc; fp = f.fp
                        instrs = reg.code.instructions; consts = reg.code.constants
                        sp = sp - Int(n) - 1
                        raiseAt(&st, &sp, t, base: sp, condition: e)
                        argc = 2; isTail = false; action = .call
                        break
                    }
                }
                if fp + reg.code.maxStack >= t.capacity { st = t.grow(to: fp + reg.code.maxStack + 1) }
                sp = fp + reg.code.frameSize
                fuel &-= 1
                if fuel <= 0, yieldAtSafePoint(t, &fuel, &frames, sp: sp, fp: fp, pc: pc, code: reg.code, env: env, st: st) {
                    return .suspended(.preempted)
                }
            case .tailCallSibling(let k, let n):
                let count = Int(n)
                let from = sp - count - 1
                // The callee slot keeps the closure that owns the captures (a sibling shares
                // them): only the arguments move, down from above the stack top they leave.
                for j in 0..<count { Value.move(from: st + from + 1 + j, to: st + fp + j) }
                sp = fp + count
                reg.ref = reg.code.sibling(Int(k))
                instrs = reg.code.instructions; consts = reg.code.constants; pc = 0
                if count != reg.code.required || !reg.code.simpleArity {
                    st[fp - 1] = .procedure(Closure(code: reg.code, captures: env))  // for an arity error's report
                    if let e = adjustArguments(reg.code, argc: count, st: st, sp: &sp, fp: fp, t: t, stPtr: &st) {
                        // The frame was replaced: raise as a tail call in its place.
                        sp = fp - 1
                        raiseAt(&st, &sp, t, base: sp, condition: e)
                        argc = 2; isTail = true; action = .call
                        break
                    }
                }
                if fp + reg.code.maxStack >= t.capacity { st = t.grow(to: fp + reg.code.maxStack + 1) }
                sp = fp + reg.code.frameSize
                fuel &-= 1
                if fuel <= 0, yieldAtSafePoint(t, &fuel, &frames, sp: sp, fp: fp, pc: pc, code: reg.code, env: env, st: st) {
                    return .suspended(.preempted)
                }
            case .prim1(let op, let si):
                pc &+= 1
                if intact[Int(op.rawValue)] {
                    if let answer = Machine.predicate(op, of: st + sp - 1) {
                        sp &-= 1  // a taken branch leaves the operand above the top, as `pop` does
                        Machine.branchOrPush(answer, instrs, &pc, st, &sp)
                        continue
                    }
                    if Machine.pairAccessInPlace(op, st + sp - 1) { continue }
                    if let r = fastPrim1(op, st[sp - 1]) {
                        st[sp - 1] = r
                        continue
                    }
                }
                // Slow path: insert the callee below the argument and call normally.
                argc = callForInline(symbolAt: consts + Int(si), count: 1, &st, &sp, t, code: reg.code, pc: pc)
                isTail = false; action = .call
            case .localPrim1(let op, let i, let si):
                pc &+= 1
                let local = st + fp + Int(i)
                if intact[Int(op.rawValue)] {
                    if let answer = Machine.predicate(op, of: local) {
                        Machine.branchOrPush(answer, instrs, &pc, st, &sp)
                        continue
                    }
                    if Machine.pairAccess(op, of: local, into: st + sp) {
                        sp &+= 1
                        continue
                    }
                    if let r = fastPrim1(op, local.pointee) {
                        st[sp] = r; sp &+= 1
                        continue
                    }
                }
                // As `local` then `prim1`'s slow path.
                Value.copy(from: local, to: st + sp); sp &+= 1
                argc = callForInline(symbolAt: consts + Int(si), count: 1, &st, &sp, t, code: reg.code, pc: pc)
                isTail = false; action = .call
            case .prim2(let op, let si):
                pc &+= 1
                if intact[Int(op.rawValue)] {
                    if case .fixnum(let x) = st[sp - 2], case .fixnum(let y) = st[sp - 1],
                       let r = Machine.fixnumPrim2(op, x, y) {
                        if case .bool(let answer) = r {
                            sp &-= 2  // the operands stay behind, fixnums: nothing to release
                            Machine.branchOrPush(answer, instrs, &pc, st, &sp)
                        } else {
                            sp &-= 1
                            (st + sp - 1).initialize(to: r)  // over a fixnum: nothing to destroy
                        }
                        continue
                    }
                    if Machine.prim2InPlace(op, st + sp - 2) { sp &-= 1; continue }
                    if let r = fastPrim2(op, st[sp - 2], st[sp - 1]) {
                        sp &-= 1
                        st[sp - 1] = r
                        continue
                    }
                }
                argc = callForInline(symbolAt: consts + Int(si), count: 2, &st, &sp, t, code: reg.code, pc: pc)
                isTail = false; action = .call
            case .prim2Constant(let op, let c, let si):
                pc &+= 1
                let constant = consts + Int(c)
                if intact[Int(op.rawValue)] {
                    // As `prim2`'s fixnum path, written out: a helper shared by the two cost
                    // fib, primes and deriv 1 % more instructions (callgrind).
                    if case .fixnum(let x) = st[sp - 1], case .fixnum(let y) = constant.pointee,
                       let r = Machine.fixnumPrim2(op, x, y) {
                        if case .bool(let answer) = r {
                            sp &-= 1  // the operand stays behind, a fixnum: nothing to release
                            Machine.branchOrPush(answer, instrs, &pc, st, &sp)
                        } else {
                            (st + sp - 1).initialize(to: r)  // over a fixnum: nothing to destroy
                        }
                        continue
                    }
                    if op == .eq, let same = Value.identical(st + sp - 1, constant) {
                        // A taken branch leaves the operand above the stack top, as `pop`
                        // does: the next push over it releases it.
                        sp &-= 1
                        Machine.branchOrPush(same, instrs, &pc, st, &sp)
                        continue
                    }
                    if let r = fastPrim2(op, st[sp - 1], constant.pointee) {
                        st[sp - 1] = r
                        continue
                    }
                }
                // As `constant` then `prim2`'s slow path.
                Value.copy(from: constant, to: st + sp); sp &+= 1
                argc = callForInline(symbolAt: consts + Int(si), count: 2, &st, &sp, t, code: reg.code, pc: pc)
                isTail = false; action = .call
            case .primN(let op, let n, let si):
                pc &+= 1
                if intact[Int(op.rawValue)] {
                    Machine.listInPlace(st + sp - Int(n), count: Int(n))
                    sp -= Int(n) - 1
                    continue
                }
                argc = callForInline(symbolAt: consts + Int(si), count: Int(n), &st, &sp, t, code: reg.code, pc: pc)
                isTail = false; action = .call
            case .ret:
                if frames.isEmpty {
                    result = st[sp - 1]
                    action = .ret
                } else {
                    // The value moves straight over the callee: no copy through `result`.
                    Value.move(from: st + sp - 1, to: st + fp - 1)
                    sp = fp
                    let f = frames.removeLast()
                    if frames.count < t.validTop { t.invalidateContinuations(above: frames.count) }
                    reg.ref = f.codeRef; env = f.env; pc = f.pc; fp = f.fp
                    instrs = reg.code.instructions; consts = reg.code.constants
                }
            }
            }

            if action == .next { continue }

            // MARK: call
            if action == .call {
                callLoop: while true {
                    let ci = sp - argc - 1
                    guard case .procedure = st[ci] else {
                        let e = errorCondition(.exn(kinds: ["type"], message: "call of non-procedure", irritants: [st[ci]], location: nil))
                        lastErrorLocation = reg.code.positions[pc - 1]
                        sp = ci
                        raiseAt(&st, &sp, t, base: ci, condition: e)
                        argc = 2
                        continue callLoop
                    }
                    // The callee stays in its slot while it runs: no need to retain it.
                    let callee = Value.unretainedObject(at: st + ci)
                    switch Unmanaged<Procedure>.fromOpaque(callee)._withUnsafeGuaranteedRef({ $0.kind }) {
                    case .closure:
                        unowned(unsafe) let c = Unmanaged<Closure>.fromOpaque(callee).takeUnretainedValue()
                        unowned(unsafe) let ncode = c.code
                        if !isTail { frames.append(Frame(code: reg.ref, env: env, pc: pc, fp: fp)) }
                        fp = sp - argc
                        var failure: Value? = nil
                        if fp + ncode.maxStack >= effectiveStackLimit {
                            guard let e = stackOverflow() else { return .uncaught(overflowCondition()) }
                            failure = e
                        } else if argc != ncode.required || !ncode.simpleArity {
                            failure = adjustArguments(ncode, argc: argc, st: st, sp: &sp, fp: fp, t: t, stPtr: &st)
                        }
                        do {
                            if let e = failure {
                                if !isTail {
                                    let f = frames.removeLast()
                                    if frames.count < t.validTop { t.invalidateContinuations(above: frames.count) }
                                    reg.ref = f.codeRef; env = f.env; pc = f.pc; fp = f.fp
                                    instrs = reg.code.instructions; consts = reg.code.constants
                                }
                                noteErrorPosition(reg.code, pc - 1)
                                sp = ci
                                raiseAt(&st, &sp, t, base: ci, condition: e)
                                argc = 2
                                continue callLoop
                            }
                        }
                        reg.code = ncode
                        env = c.captures
                        instrs = reg.code.instructions; consts = reg.code.constants; pc = 0
                        if fp + reg.code.maxStack >= t.capacity { st = t.grow(to: fp + reg.code.maxStack + 1) }
                        sp = fp + reg.code.frameSize
                        fuel &-= 1
                        if fuel <= 0, yieldAtSafePoint(t, &fuel, &frames, sp: sp, fp: fp, pc: pc, code: reg.code, env: env, st: st) {
                            return .suspended(.preempted)
                        }
                        break callLoop
                    case .primitive:
                        // Unretained, as closures are: the callee slot keeps it alive.
                        let prim = Unmanaged<Primitive>.fromOpaque(callee)
                        if !Primitive.admits(prim, Arguments(base: st + ci + 1, count: argc)),
                           let refusal = prim.takeUnretainedValue().refusal(Arguments(base: st + ci + 1, count: argc)) {
                            let e = errorCondition(refusal, callee: prim.takeUnretainedValue().primName)
                            noteErrorPosition(reg.code, pc - 1)
                            sp = ci
                            raiseAt(&st, &sp, t, base: ci, condition: e)
                            argc = 2
                            continue callLoop
                        }
                        do {
                            var finished = false
                            if afterWait != nil {
                                if case .result(let v) = try PendingCall.resume(&afterWait) { result = v; finished = true }
                            }
                            if !finished {
                            if let op = Primitive.controlOp(prim) {
                                // The frames go to `control` itself: a copy left in the thread
                                // would make the next push copy them all (`ctak` spent 9 % so).
                                t.sp = sp; t.fp = fp; t.pc = pc; t.code = reg.code; t.env = env
                                switch try control(op, t, &st, &sp, ci: ci, argc: &argc, isTail: isTail,
                                                   frames: &frames, code: reg.code, env: env, pc: pc, fp: fp) {
                                case .again: continue callLoop
                                case .value(let v): result = v
                                case .stop(let outcome): return outcome
                                }
                            } else {
                                // Native procedures never look at the VM registers, so none are saved.
                                result = try Primitive.callNative(prim, st + ci + 1, argc)
                            }
                            }
                        } catch let thrown {
                            if let wait = t.repeatedWait(in: thrown) {
                                // A server waits so on every request: the thread knows the port's
                                // wait by its error's box, without unboxing the error (as the
                                // `.wait` case below must).
                                t.sp = sp; t.fp = fp; t.pc = pc; t.code = reg.code; t.env = env
                                swap(&t.frames, &frames); t.fuel = fuel
                                t.pendingCall = PendingCall(argc: argc, isTail: isTail, then: .repeated(wait))
                                return .suspended(.blocked(wait._withUnsafeGuaranteedRef { $0.request }))
                            }
                            guard let error = SchemeError.unboxed(thrown) else {
                                if thrown is EvaluationStopped {
                                    // A nested evaluation (the primitive called back into Scheme)
                                    // was stopped: so is this one, with the call left on the stack.
                                    t.sp = sp; t.fp = fp; t.pc = pc; t.code = reg.code; t.env = env
                                    t.frames = frames; t.fuel = 0
                                    if interp.runGuard.stopReason == nil { interp.runGuard.stopReason = .interrupted }
                                    return .suspended(.preempted)
                                }
                                // A Scheme error from a nested run (`eval` expanding a macro whose
                                // transformer failed) is raised again as it is; a host's native
                                // procedure's own error type becomes an `(exn swift)` condition that
                                // names the type and carries the error.
                                let e = (thrown as? SchemeConditionError)?.value
                                    ?? Value.object(interp.swiftErrorCondition(thrown, location: prim.takeUnretainedValue().primName))
                                noteErrorPosition(reg.code, pc - 1)
                                sp = ci
                                raiseAt(&st, &sp, t, base: ci, condition: e)
                                argc = 2
                                continue callLoop
                            }
                            if case .exit(let status) = error { return .exit(status) }
                            if let (request, then) = error.waitRequest {
                                // Leave the call on the stack and stop; `run` goes on with
                                // `then` once the scheduler ends the wait.
                                t.sp = sp; t.fp = fp; t.pc = pc; t.code = reg.code; t.env = env
                                t.frames = frames; t.fuel = fuel
                                t.pendingCall = PendingCall(argc: argc, isTail: isTail, then: .closure(then))
                                return .suspended(.blocked(request))
                            }
                            if case .callInstead(let proc, let newArgs) = error {
                                // The primitive hands its call to a Scheme procedure (custom ports).
                                if ci + newArgs.count + 2 >= t.capacity { st = t.grow(to: ci + newArgs.count + 8) }
                                st[ci] = proc
                                for (k, a) in newArgs.enumerated() { st[ci + 1 + k] = a }
                                sp = ci + 1 + newArgs.count
                                argc = newArgs.count
                                continue callLoop
                            }
                            let e = errorCondition(error, callee: prim.takeUnretainedValue().primName)
                            if case .raise(_, true) = error {} else {
                                lastErrorLocation = callPosition(reg.code, pc - 1)
                            }
                            sp = ci
                            let continuable: Bool
                            if case .raise(_, let c) = error { continuable = c } else { continuable = false }
                            raiseAt(&st, &sp, t, base: ci, condition: e, continuable: continuable)
                            argc = 2
                            continue callLoop
                        }
                        // A single-value context drops extra values, as CHICKEN does:
                        // `(print (exact-integer-sqrt 17))` prints 4.
                        if case .object(let o) = result, type(of: o) == MultipleValues.self,
                           !returnKeepsValues(isTail: isTail, frames, reg.code) {
                            result = unsafeDowncast(o, to: MultipleValues.self).values.first ?? .unspecified
                        }
                        if isTail {
                            action = .ret
                        } else {
                            st[ci] = result
                            sp = ci + 1
                        }
                        break callLoop
                    case .continuation:
                        let k = Unmanaged<Continuation>.fromOpaque(callee).takeUnretainedValue()
                        if !Value.eq(t.winders, k.winders) {
                            // dynamic-wind state differs: let the prelude run the before/after
                            // thunks, then it calls the continuation again.
                            if sp + 2 >= t.capacity { st = t.grow(to: sp + 8) }
                            var j = sp
                            while j > ci { st[j] = st[j - 1]; j -= 1 }
                            st[ci] = interp.windAndContinue
                            sp &+= 1
                            argc += 1
                            continue callLoop
                        }
                        if argc != 1 && !k.acceptsValues {
                            // CHICKEN refuses several values for a single-value continuation
                            // (its #1601), though `values` there drops the extras.
                            noteErrorPosition(reg.code, pc - 1)
                            sp = ci
                            let e = SchemeError.exn(kinds: ["arity"], message: "bad argument count - received \(argc) but expected 1",
                                                   irritants: [], location: nil)
                            raiseAt(&st, &sp, t, base: ci, condition: errorCondition(e))
                            argc = 2
                            continue callLoop
                        }
                        let v = argc == 1 ? st[ci + 1] : .object(MultipleValues((0..<argc).map { st[ci + 1 + $0] }))
                        if canUnwind(to: k, t, frames) {
                            // Its frames are intact below us: drop the ones above and resume.
                            frames.removeSubrange(k.frameCount..<frames.count)
                            t.handlers = k.handlers
                            let f = frames.removeLast()
                            t.invalidateContinuations(above: frames.count)
                            reg.ref = f.codeRef; env = f.env; pc = f.pc; fp = f.fp
                            instrs = reg.code.instructions; consts = reg.code.constants
                            sp = k.height
                            st[sp] = v; sp &+= 1
                        } else {
                            st = reinstate(k, t, &sp, &frames)
                            if frames.isEmpty { t.sp = sp; return .finished(v) }
                            let f = frames.removeLast()
                            if frames.count < t.validTop { t.invalidateContinuations(above: frames.count) }
                            reg.ref = f.codeRef; env = f.env; pc = f.pc; fp = f.fp
                            instrs = reg.code.instructions; consts = reg.code.constants
                            st[sp] = v; sp &+= 1
                        }
                        // A loop made only of continuation calls must reach safe points too
                        // (Ctrl-C, time slices, collections), as a loop of calls does.
                        fuel &-= 1
                        if fuel <= 0, yieldAtSafePoint(t, &fuel, &frames, sp: sp, fp: fp, pc: pc, code: reg.code, env: env, st: st) {
                            return .suspended(.preempted)
                        }
                        break callLoop
                    case .parameter:
                        let param = Unmanaged<Parameter>.fromOpaque(callee).takeUnretainedValue()
                        if argc == 1, !param.converter.isFalse, case .procedure = interp.parameterAssign {
                            // `(p v)` with a guard: call `(%parameter-assign p v)`, which runs
                            // the guard in Scheme and then stores.
                            if ci + 3 >= t.capacity { st = t.grow(to: ci + 8) }
                            st[ci + 2] = st[ci + 1]
                            st[ci + 1] = st[ci]
                            st[ci] = interp.parameterAssign
                            sp = ci + 3
                            argc = 2
                            continue callLoop
                        }
                        if argc >= 1 {
                            // CHICKEN answers the value it stored.
                            result = st[ci + 1]
                            interp.setParameter(param, result, in: t)
                        } else {
                            result = interp.parameterValue(param, in: t)
                        }
                        if isTail { action = .ret } else { st[ci] = result; sp = ci + 1 }
                        break callLoop
                    }
                }
                if action != .ret { continue }
            }

            // MARK: return
            if frames.isEmpty {
                t.sp = sp; t.fp = fp; t.pc = pc; t.code = reg.code; t.env = env
                t.sp = fp
                return .finished(result)
            }
            let f = frames.removeLast()
            if frames.count < t.validTop { t.invalidateContinuations(above: frames.count) }
            st[fp - 1] = result
            sp = fp
            reg.ref = f.codeRef; env = f.env; pc = f.pc; fp = f.fp
            instrs = reg.code.instructions; consts = reg.code.constants
        }
    }

    // MARK: - helpers

    /// The slow path of an inline builtin (`prim1`, `localPrim1`, `prim2`, `prim2Constant`,
    /// `primN`), when the program has redefined it or the fast path does not apply: moves the
    /// `count` arguments up one slot, puts the global's value below them and answers the
    /// argument count of the call to make (2 if it raises an unbound-variable error).
    @inline(never) private func callForInline(symbolAt slot: UnsafePointer<Value>, count: Int, _ st: inout UnsafeMutablePointer<Value>,
                                              _ sp: inout Int, _ t: SchemeThread, code: Code, pc: Int) -> Int {
        guard case .symbol(let s) = slot.pointee else { fatalError("inline operand is not a symbol") }
        for k in stride(from: sp, to: sp - count, by: -1) { swapSlots(st + k, st + k - 1) }
        st[sp - count] = s.value
        sp += 1
        guard s.value.isUndefinedValue else { return count }
        lastErrorLocation = code.positions[pc - 1]
        raiseAt(&st, &sp, t, base: sp - count - 1, condition: unboundError(s))
        return 2
    }

    /// Exchanges two stack slots without reference counting.
    @inline(__always) private func swapSlots(_ a: UnsafeMutablePointer<Value>, _ b: UnsafeMutablePointer<Value>) {
        let x = a.move()
        a.moveInitialize(from: b, count: 1)
        b.initialize(to: x)
    }

    /// Whether the return point of a call takes several values (`Code.keepsValues`): the
    /// current code's for a non-tail call, the caller's for a tail call, the host's (yes)
    /// when there is no caller. Out of line: reading `frames` inside `run` kept dynamic
    /// exclusivity checks in its loop.
    @inline(never) func returnKeepsValues(isTail: Bool, _ frames: [Frame], _ code: Code) -> Bool {
        guard isTail else { return code.keepsValues }
        return frames.last?.code.keepsValues ?? true
    }

    /// Work done once per time slice, at a safe point (function entry: the callee's frame is
    /// set up and nothing is pending): a due cycle collection, then preemption. Saves the
    /// registers into the thread; returns true if the thread must stop (`.preempted`).
    // swiftlint:disable:next function_parameter_count
    private func yieldAtSafePoint(_ t: SchemeThread, _ fuel: inout Int, _ frames: inout [Frame], sp: Int, fp: Int,
                                  pc: Int, code: Code, env: Captures, st: UnsafeMutablePointer<Value>) -> Bool {
        fuel = t.fuelPerCheck
        t.sp = sp; t.fp = fp; t.pc = pc; t.code = code; t.env = env
        t.stack = st
        if interp.runGuard.watching {
            // The evaluation has limits, or may be interrupted: stop here if it must.
            guard let next = interp.runGuard.grant(used: t.granted) else {
                t.frames = frames
                t.fuel = 0
                return true
            }
            t.granted = next
            fuel = next
        }
        restoreStackLimit(sp)
        if interp.collector.isDue && depth == 1 {
            t.frames = frames
            interp.collectCycles(current: t)
            t.frames = []
        }
        if userInterruptPending && depth == 1 && t === interp.scheduler.primordial.vm {
            // Ctrl-C in the REPL: stop the primordial thread here (Scheduler.run reports it).
            t.frames = frames
            t.fuel = fuel
            return true
        }
        guard t.preemptible else { return false }
        let now = monotonicSeconds()
        if t.sliceEnd == 0 { t.sliceEnd = now + interp.scheduler.timeSlice }
        guard now >= t.sliceEnd else { return false }
        t.frames = frames
        t.fuel = fuel
        return true
    }

    /// Fixes up the frame for optional and rest parameters; returns an arity error condition.
    private func adjustArguments(_ code: Code, argc: Int, st: UnsafeMutablePointer<Value>, sp: inout Int, fp: Int,
                                 t: SchemeThread, stPtr: inout UnsafeMutablePointer<Value>) -> Value? {
        let fixed = code.required + code.optional
        if argc < code.required || (!code.hasRest && argc > fixed) {
            let expected = code.hasRest || code.optional > 0
                ? (code.hasRest ? "at least \(code.required)" : "\(code.required) to \(fixed)")
                : "\(code.required)"
            return errorCondition(.arity(argc, expected, stPtr[fp - 1]))
        }
        if fp + code.maxStack + argc >= t.capacity { stPtr = t.grow(to: fp + code.maxStack + argc + 1) }
        let s = stPtr
        if argc < fixed {
            for k in argc..<fixed { s[fp + k] = .defaultObject }
        }
        if code.hasRest {
            var rest: Value = .null
            if argc > fixed {
                for k in stride(from: argc - 1, through: fixed, by: -1) { rest = Value.cons(s[fp + k], rest) }
            }
            s[fp + fixed] = rest
        }
        sp = fp + max(argc, fixed + (code.hasRest ? 1 : 0))
        return nil
    }

}

extension Machine {
    /// The box in `slot` (a boxed variable's frame slot or capture), not retained: the frame
    /// or the captures keep it alive. Reaching it through a copy of the slot's value was a
    /// retain and a release of the box on every use of the variable.
    ///
    /// The compiler boxes such a variable where it binds it, so the slot holds an object
    /// (case 9, see `layoutIsAsExpected`); debug builds check.
    @inline(__always) private static func box(at slot: UnsafePointer<Value>) -> Unmanaged<Box> {
        assert(Value.tag(at: slot) == 9, "a boxed variable's slot holds no box")
        return Unmanaged<Box>.fromOpaque(Value.unretainedObject(at: slot))
    }

    /// Copies the contents of the box in `slot` to `top`.
    @inline(__always) static func pushUnboxed(from slot: UnsafePointer<Value>, to top: UnsafeMutablePointer<Value>) {
        box(at: slot)._withUnsafeGuaranteedRef { b in withUnsafePointer(to: &b.value) { Value.copy(from: $0, to: top) } }
    }

    /// Stores the value at `top` in the box in `slot`, telling the collector.
    @inline(__always) func storeBoxed(_ top: UnsafePointer<Value>, into slot: UnsafePointer<Value>) {
        Machine.box(at: slot)._withUnsafeGuaranteedRef { b in
            b.value = top.pointee
            interp.collector.stored(top.pointee, into: b)
        }
    }
}

extension Value {
    var isUndefinedValue: Bool { if case .undefined = self { return true }; return false }
}

