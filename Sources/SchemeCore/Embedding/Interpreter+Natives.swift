/// The host's side of the interpreter: native procedures, globals, calls into Scheme,
/// parameters, and the waiting protocol native procedures use.
///
/// ```swift
/// let scheme = Interpreter()
/// scheme.defineProcedure("twice", arity: .exactly(1)) { args in
///     .fixnum(try Int(scheme: args[0]) * 2)
/// }
/// let v = try scheme.eval("(twice 21)")    // .fixnum(42)
/// ```
extension Interpreter {
    /// Makes a procedure implemented in Swift. `body` runs with the arguments of each call;
    /// what it returns is the call's value, what it throws is raised in Scheme where the call
    /// is (`SchemeError` as the matching condition, any other error as a plain `exn`).
    ///
    /// To wait (for an fd, a deadline, a `WaitQueue`) without blocking the other green
    /// threads, throw `SchemeError.wait(request, then:)`: once the wait is over, `then` is
    /// told how it ended (ready, timed out, closed) and finishes the call or has it run
    /// again (`SchemeError.retry(after:)` always runs it again).
    public func makeProcedure(_ name: String, arity: Arity, _ body: @escaping (Arguments) throws -> Value) -> Value {
        .procedure(Primitive(name, arity, .fn(body)))
    }

    /// A procedure implemented in Swift whose arguments are checked against `signature`
    /// before `body` runs: a call with the wrong count or a wrong type raises CHICKEN's
    /// error, located at `name`, and `body` never sees it.
    public func makeProcedure(_ name: String, _ signature: Signature, _ body: @escaping (Arguments) throws -> Value) -> Value {
        .procedure(Primitive(name, signature, .fn(body)))
    }

    /// Binds a global variable to a procedure with a checked `signature` (see `makeProcedure`).
    public func defineProcedure(_ name: String, _ signature: Signature, _ body: @escaping (Arguments) throws -> Value) {
        define(name, makeProcedure(name, signature, body))
    }

    /// Binds a global variable to a procedure implemented in Swift (see `makeProcedure`).
    public func defineProcedure(_ name: String, arity: Arity, _ body: @escaping (Arguments) throws -> Value) {
        define(name, makeProcedure(name, arity: arity, body))
    }

    /// The value of a global variable; nil if it is unbound.
    public func global(_ name: String) -> Value? {
        let s = symbols.intern(name)
        if case .undefined = s.value, !loadLazyDefinition(s) { return nil }
        return s.value
    }

    /// Calls a Scheme procedure (or a native one) with `arguments` and returns its value
    /// (several values come back as one `Value`; see `Value.valuesArray`). A raised
    /// condition that the procedure does not handle is thrown as `SchemeConditionError`.
    @discardableResult
    public func call(_ procedure: Value, _ arguments: [Value]) throws -> Value {
        guard case .procedure = procedure else {
            throw hostError(machine.errorCondition(.exn(kinds: ["type"], message: "call of non-procedure",
                                                         irritants: [procedure], location: nil)), nil)
        }
        return try withLimits(nil) { try callProcedure(procedure, arguments) }
    }

    /// Calls the procedure bound to the global `name`.
    @discardableResult
    public func call(_ name: String, _ arguments: [Value]) throws -> Value {
        guard let p = global(name) else {
            throw hostError(machine.errorCondition(.exn(kinds: ["runtime"], message: "unbound variable",
                                                         irritants: [.symbol(symbols.intern(name))], location: nil)), nil)
        }
        return try call(p, arguments)
    }

    /// The symbol named `name`.
    public func symbol(_ name: String) -> Value { .symbol(symbols.intern(name)) }

    /// Makes a parameter object (`make-parameter`). `guard` checks and converts every value
    /// the parameter is given, with `(p v)` or `parameterize`; it throws to reject one.
    public func makeParameter(_ initial: Value, guard check: ((Value) throws -> Value)? = nil) -> Value {
        let converter: Value = check.map { f in .procedure(Primitive("parameter-guard", .exactly(1), .f1(f))) } ?? .false
        return .procedure(Parameter(value: initial, converter: converter))
    }

    /// The value a parameter object has in the running green thread; nil if `parameter`
    /// is not a parameter object.
    public func parameterValue(_ parameter: Value) -> Value? {
        // Read in place: binding the procedure would retain it, and a networking unit asks
        // on every wait (`tcp-read-timeout`).
        withUnsafePointer(to: parameter) { slot in
            guard case .procedure = slot.pointee else { return nil }
            let p = Unmanaged<Procedure>.fromOpaque(Value.unretainedObject(at: slot))
            guard p._withUnsafeGuaranteedRef({ $0.kind == .parameter }) else { return nil }
            return Unmanaged<Parameter>.fromOpaque(p.toOpaque())._withUnsafeGuaranteedRef { param in
                if let t = machine.currentRef { return t._withUnsafeGuaranteedRef { parameterValue(param, in: $0) } }
                return param.value
            }
        }
    }

    /// A reference to this interpreter that does not keep it alive (see
    /// `InterpreterReference`).
    public var reference: InterpreterReference { selfReference }

    /// Called by `deinit`: the reference must not dangle.
    func clearReference() { selfReference.target = nil }

    /// Tells the scheduler that `fd` is about to be closed: threads waiting on it resume
    /// with `WaitOutcome.closed`, and its registration is dropped (its number may be reused
    /// for a new file, which must not inherit it). Call it before `close(fd)`.
    public func willClose(fileDescriptor fd: Int32) {
        scheduler.closingFileDescriptor(fd)
    }

    /// Closes `port` as `close-input-port` or `close-output-port` does: buffered output is
    /// sent, threads waiting on the port resume (an input port reads as at end of file), and
    /// the port's descriptor is released; a closed port is left alone. For ports written in
    /// Swift: a custom port's close (`make-input-port`) and a flush that must wait are
    /// answered only inside a native procedure (they throw `SchemeError.callInstead` and
    /// `SchemeError.wait`).
    public func close(_ port: Port) throws {
        _ = try closePort(port)
    }

    /// Tells the scheduler that one direction of `fd` is being shut down (`shutdown(2)`):
    /// threads waiting to read (`reading`) or to write it resume with `.closed`; waits in
    /// the other direction go on.
    public func willShutDown(fileDescriptor fd: Int32, reading: Bool) {
        scheduler.closing(fd, reading: reading)
    }

    /// Wakes the first green thread waiting in `queue` (see `WaitRequest.queue`); false if
    /// none waited.
    @discardableResult
    public func wakeFirst(of queue: WaitQueue) -> Bool { scheduler.wakeFirst(of: queue) }

    /// Wakes every green thread waiting in `queue`.
    public func wakeAll(of queue: WaitQueue) { scheduler.wakeAll(of: queue) }
}

/// A reference to an interpreter that becomes nil when the interpreter is gone. Native
/// libraries keep this instead of a `weak` reference, which would make every retain of the
/// interpreter (in each native call) take Swift's slow side-table path.
public final class InterpreterReference {
    /// The interpreter, or nil once it was deallocated.
    public var interpreter: Interpreter? { target?.takeUnretainedValue() }
    /// Read through `interpreter`: another module reading a stored property checks it for
    /// exclusivity at run time (a runtime call), and networking units read it on every wait.
    @exclusivity(unchecked) fileprivate var target: Unmanaged<Interpreter>?
    init(_ interpreter: Interpreter) { target = Unmanaged.passUnretained(interpreter) }

    /// `interpreter?.parameterValue(parameter)`, without retaining the interpreter: a
    /// networking unit reads its timeout parameters on every wait.
    public func parameterValue(_ parameter: Value) -> Value? {
        guard let target else { return nil }
        return target._withUnsafeGuaranteedRef { $0.parameterValue(parameter) }
    }
}

extension Value {
    /// Several values, as a native procedure returns them (`values`).
    public static func values(_ values: [Value]) -> Value {
        values.count == 1 ? values[0] : .object(MultipleValues(values))
    }

    /// The values of a result: one element for an ordinary value.
    public var valuesArray: [Value] {
        if case .object(let mv as MultipleValues) = self { return mv.values }
        return [self]
    }
}
