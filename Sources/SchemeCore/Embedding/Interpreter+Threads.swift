/// What the runtime keeps per green thread: parameter values and the wake reason.
extension Interpreter {
    /// The value of a parameter in the thread `t`.
    @inline(__always) func parameterValue(_ p: Parameter, in t: SchemeThread) -> Value {
        if let overrides = t.parameterOverrides, let entry = overrides[ObjectIdentifier(p)] { return entry.value }
        return p.value
    }

    /// Sets a parameter for the thread `t` only (the primordial thread sets the object).
    func setParameter(_ p: Parameter, _ v: Value, in t: SchemeThread) {
        if t.parameterOverrides != nil {
            t.parameterOverrides?[ObjectIdentifier(p)] = (p, v)
        } else {
            p.value = v
            collector.stored(v, into: p)
        }
    }

    /// Writes out what the standard output and error ports hold (before the process sleeps).
    func flushStandardOutput() {
        try? currentOutput.flush()
        try? currentError.flush()
        if scheduler.current !== scheduler.primordial { try? scheduler.primordial.output.flush() }
    }
}
