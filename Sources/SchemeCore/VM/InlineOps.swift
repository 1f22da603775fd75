/// The inline builtins (`car`, `+`, `eq?`, ...) the compiler emits as `prim1`/`prim2` while
/// their global names keep their original procedures (`intact`).
///
/// The in-place forms work on the stack slots themselves: binding a payload or passing a
/// `Value` copies it (a retain now and a release later), and a slot's assignment destroys
/// the old value through Swift's out-of-line switch over the case. On a list program such
/// as `deriv` those copies cost more than the operations. The in-place forms read the case
/// byte and the object word (see ValueLayout.swift) and touch reference counts only where
/// ownership really changes.
extension Machine {
    /// The answer of `null?`, `pair?`, `not`, `eof-object?` or `%leaf-procedure?` for the
    /// value in `slot`; nil for any other operation.
    @inline(__always) static func predicate(_ op: InlineOp, of slot: UnsafeMutablePointer<Value>) -> Bool? {
        // A pattern with no binding reads the case and copies nothing.
        switch op {
        case .isNull: if case .null = slot.pointee { return true } else { return false }
        case .isPair: if case .pair = slot.pointee { return true } else { return false }
        case .not: if case .bool(false) = slot.pointee { return true } else { return false }
        case .isEof: if case .eof = slot.pointee { return true } else { return false }
        case .isLeafProcedure:
            guard case .procedure = slot.pointee else { return false }
            return Unmanaged<Procedure>.fromOpaque(Value.unretainedObject(at: slot))._withUnsafeGuaranteedRef {
                $0.kind == .primitive && unsafeDowncast($0, to: Primitive.self).isLeaf
            }
        default: return nil
        }
    }

    /// Ends a test whose answer is `answer`, with the stack at `sp`. When the next
    /// instruction is `jumpIfFalse` (an `if` on the test) it is taken at once, skipping a
    /// dispatch and the boolean's push and pop; otherwise the answer is pushed. Arriving at
    /// that `jumpIfFalse` from elsewhere still runs it, so any jump target stays valid.
    @inline(__always) static func branchOrPush(_ answer: Bool, _ instrs: UnsafeMutablePointer<Instruction>, _ pc: inout Int,
                                               _ st: UnsafeMutablePointer<Value>, _ sp: inout Int) {
        if case .jumpIfFalse(let target) = instrs[pc] {
            pc = answer ? pc &+ 1 : Int(target)
        } else {
            Value.store(trivial: .bool(answer), to: st + sp)
            sp &+= 1
        }
    }

    /// `car`, `cdr`, `cadr`, `cddr` and `caddr` of the value in `slot`, which the result
    /// replaces; false, with `slot` untouched, for any other operation or when an argument
    /// is not a pair (the caller's slow path raises).
    static func pairAccessInPlace(_ op: InlineOp, _ slot: UnsafeMutablePointer<Value>) -> Bool {
        pairAccess(op, of: slot, into: slot)
    }

    /// `pairAccessInPlace` of the value in `slot`, with the result stored into `target`.
    static func pairAccess(_ op: InlineOp, of slot: UnsafeMutablePointer<Value>,
                           into target: UnsafeMutablePointer<Value>) -> Bool {
        guard case .pair = slot.pointee else { return false }
        // The slot keeps the outer pair, and it the inner ones, alive until the copy
        // releases the target's old value (the slot's own, when they are one), after the
        // result's object was retained.
        let outer = Unmanaged<Pair>.fromOpaque(Value.unretainedObject(at: slot))
        return outer._withUnsafeGuaranteedRef { p in
            switch op {
            case .car: Value.copy(from: &p.car, to: target)
            case .cdr: Value.copy(from: &p.cdr, to: target)
            case .cadr, .cddr, .caddr:
                guard case .pair = p.cdr else { return false }
                let inner = Unmanaged<Pair>.fromOpaque(Value.unretainedObject(at: &p.cdr))
                return inner._withUnsafeGuaranteedRef { q in
                    switch op {
                    case .cadr: Value.copy(from: &q.car, to: target)
                    case .cddr: Value.copy(from: &q.cdr, to: target)
                    default:
                        guard case .pair = q.cdr else { return false }
                        let last = Unmanaged<Pair>.fromOpaque(Value.unretainedObject(at: &q.cdr))
                        last._withUnsafeGuaranteedRef { r in Value.copy(from: &r.car, to: target) }
                    }
                    return true
                }
            default: return false
            }
            return true
        }
    }

    /// `eq?` and `cons` of the values in `first` and the slot after it; the result replaces
    /// `first`, and the second slot is left holding no object. False, with both slots
    /// untouched, for any other operation or an `eq?` the case bytes cannot decide alone.
    @inline(__always) static func prim2InPlace(_ op: InlineOp, _ first: UnsafeMutablePointer<Value>) -> Bool {
        let second = first + 1
        switch op {
        case .eq:
            guard let same = Value.identical(first, second) else { return false }
            Value.store(trivial: .bool(same), to: first)
        case .cons:
            // Both arguments move into the pair: no reference count changes.
            let p = PairPool.pair(movingCarFrom: first, cdrFrom: second)
            second.initialize(to: .null)
            first.initialize(to: .pair(p))
        default: return false
        }
        return true
    }

    /// `list` of the `count` values from `first` on: the items move into the pairs, the
    /// list replaces `first`, and the slots after it are left holding no object.
    static func listInPlace(_ first: UnsafeMutablePointer<Value>, count: Int) {
        var list = Value.null
        for k in stride(from: count - 1, to: 0, by: -1) {
            list = .pair(PairPool.pair((first + k).move(), list))
            (first + k).initialize(to: .null)
        }
        list = .pair(PairPool.pair(first.move(), list))
        first.initialize(to: list)
    }

    /// The one-argument operations the in-place forms leave (numbers); nil to call the
    /// procedure, which raises for a bad argument.
    @inline(__always) func fastPrim1(_ op: InlineOp, _ a: Value) -> Value? {
        switch op {
        case .isZero:
            if case .fixnum(let x) = a { return .bool(x == 0) }
            if case .flonum(let x) = a { return .bool(x == 0) }
        case .add1:
            if case .fixnum(let x) = a, x < Int.max { return .fixnum(x + 1) }
        case .sub1:
            if case .fixnum(let x) = a, x > Int.min { return .fixnum(x - 1) }
        default: break
        }
        return nil
    }

    /// The run loop's fixnum path of the two-argument builtins; nil for any other operation
    /// and on overflow (the general paths decide then).
    @inline(__always) static func fixnumPrim2(_ op: InlineOp, _ x: Int, _ y: Int) -> Value? {
        switch op {
        case .add: let (v, o) = x.addingReportingOverflow(y); return o ? nil : .fixnum(v)
        case .sub: let (v, o) = x.subtractingReportingOverflow(y); return o ? nil : .fixnum(v)
        case .lt: return .bool(x < y)
        case .gt: return .bool(x > y)
        case .le: return .bool(x <= y)
        case .ge: return .bool(x >= y)
        case .numEq, .eq: return .bool(x == y)
        default: return nil
        }
    }

    /// The two-argument operations past the in-place forms and the run loop's fixnum path:
    /// flonums, a fixnum overflow (nil), `eq?` of procedures and constants, `eqv?`,
    /// `vector-ref`; nil to call the procedure.
    @inline(__always) func fastPrim2(_ op: InlineOp, _ a: Value, _ b: Value) -> Value? {
        switch op {
        case .add:
            if case .fixnum(let x) = a, case .fixnum(let y) = b {
                let (r, o) = x.addingReportingOverflow(y)
                if !o { return .fixnum(r) }
            } else if case .flonum(let x) = a, case .flonum(let y) = b { return .flonum(x + y) }
        case .sub:
            if case .fixnum(let x) = a, case .fixnum(let y) = b {
                let (r, o) = x.subtractingReportingOverflow(y)
                if !o { return .fixnum(r) }
            } else if case .flonum(let x) = a, case .flonum(let y) = b { return .flonum(x - y) }
        case .mul:
            if case .fixnum(let x) = a, case .fixnum(let y) = b {
                let (r, o) = x.multipliedReportingOverflow(by: y)
                if !o { return .fixnum(r) }
            } else if case .flonum(let x) = a, case .flonum(let y) = b { return .flonum(x * y) }
        case .lt:
            if case .fixnum(let x) = a, case .fixnum(let y) = b { return .bool(x < y) }
            if case .flonum(let x) = a, case .flonum(let y) = b { return .bool(x < y) }
        case .gt:
            if case .fixnum(let x) = a, case .fixnum(let y) = b { return .bool(x > y) }
            if case .flonum(let x) = a, case .flonum(let y) = b { return .bool(x > y) }
        case .le:
            if case .fixnum(let x) = a, case .fixnum(let y) = b { return .bool(x <= y) }
            if case .flonum(let x) = a, case .flonum(let y) = b { return .bool(x <= y) }
        case .ge:
            if case .fixnum(let x) = a, case .fixnum(let y) = b { return .bool(x >= y) }
            if case .flonum(let x) = a, case .flonum(let y) = b { return .bool(x >= y) }
        case .numEq:
            if case .fixnum(let x) = a, case .fixnum(let y) = b { return .bool(x == y) }
            if case .flonum(let x) = a, case .flonum(let y) = b { return .bool(x == y) }
        case .eq: return .bool(Value.eq(a, b))
        case .eqv: return .bool(eqvValues(a, b))
        case .vectorRef:
            if case .vector(let v) = a, case .fixnum(let i) = b, i >= 0, i < v.items.count { return v.items[i] }
        default: break
        }
        return nil
    }
}
