/// Raising errors from the run loop: the conditions it makes, where they point in the
/// source, and the stack limit with the reserve lent to the handlers of an overflow.
extension Machine {
    /// Rewrites the stack from `base` into a call `(%raise condition continuable)`.
    func raiseAt(_ st: inout UnsafeMutablePointer<Value>, _ sp: inout Int, _ t: SchemeThread,
                 base: Int, condition: Value, continuable: Bool = false) {
        if base + 4 >= t.capacity { st = t.grow(to: base + 8) }
        st[base] = interp.raiseProcedure
        st[base + 1] = condition
        st[base + 2] = .bool(continuable)
        sp = base + 3
    }

    /// The condition for a too-deep recursion, lending the handlers some stack to run in;
    /// nil once the handlers themselves keep overflowing (then the error ends the run).
    func stackOverflow() -> Value? {
        guard overflowReserves < 4 else { return nil }
        overflowReserves += 1
        effectiveStackLimit += 1 << 16
        return overflowCondition()
    }

    func overflowCondition() -> Value {
        errorCondition(.exn(kinds: ["runtime", "limit"], message: "stack overflow - recursion too deep",
                            irritants: [], location: nil))
    }

    /// Takes back the reserve once the stack has unwound well below the limit.
    func restoreStackLimit(_ sp: Int) {
        if overflowReserves > 0 && sp < stackLimit / 2 {
            overflowReserves = 0
            effectiveStackLimit = stackLimit
        }
    }

    func unboundError(_ s: Symbol) -> Value {
        // Shaped as CHICKEN 5.3 shapes it: (exn runtime), the symbol as the one argument.
        errorCondition(.exn(kinds: ["runtime"], message: "unbound variable", irritants: [.symbol(s)], location: nil))
    }

    /// Records the position of the call at `pc` for an error report, if it has one.
    func noteErrorPosition(_ code: Code, _ pc: Int) {
        if let position = code.positions[pc] { lastErrorLocation = position }
    }

    /// The source position of the call at `pc`, or of the nearest call after it.
    func callPosition(_ code: Code, _ pc: Int) -> SourceLocation? {
        code.positions[pc] ?? nearestPosition(code, pc)
    }

    func nearestPosition(_ code: Code, _ pc: Int) -> SourceLocation? {
        var best: (pc: Int, location: SourceLocation)? = nil
        for (k, v) in code.positions where k >= pc {
            if let b = best, b.pc <= k { continue }
            best = (k, v)
        }
        return best?.location ?? lastErrorLocation
    }

    /// The condition for `error`, raised in a call of the primitive named `callee`.
    func errorCondition(_ error: SchemeError, callee: String? = nil) -> Value {
        switch error {
        case .argument(let kinds, let message, let irritants):
            return .object(interp.makeExnCondition(kinds: kinds, message: message, irritants: irritants, location: callee))
        case .raise(let v, _): return v
        case .exit, .wait, .repeatedWait, .callInstead: return .unspecified
        case .exn(let kinds, let message, let irritants, let location):
            return .object(interp.makeExnCondition(kinds: kinds, message: message, irritants: irritants, location: location))
        }
    }
}
