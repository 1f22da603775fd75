/// An interpreter for async Swift code. The actor runs on an executor of its own, one OS
/// thread: an evaluation blocks that thread while the scheduler waits for sockets, timers
/// or async procedures, so it never holds one of the cooperative pool's threads, and the
/// interpreter stays confined to one isolation domain.
///
/// ```swift
/// let scheme = SchemeActor { s in TCP.install(into: s) }
/// let n = try await scheme.evaluate("(+ 1 2)")            // SchemeData.int(3)
/// ```
///
/// Cancelling the awaiting task interrupts the evaluation at its next safe point, or at once
/// if it waits; `evaluate` then throws `CancellationError`.
public actor SchemeActor {
    private let executor = ThreadExecutor()
    private let setUp: @Sendable (Interpreter) -> Void
    /// Made on the actor's thread by the first isolated call.
    private var made: Interpreter?

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// `setUp` configures the interpreter (units, native and async procedures, limits) on
    /// the actor's thread before the first evaluation.
    public init(setUp: @escaping @Sendable (Interpreter) -> Void = { _ in }) {
        self.setUp = setUp
    }

    deinit { executor.shutdown() }

    private var interpreter: Interpreter {
        if let made { return made }
        let s = Interpreter()
        setUp(s)
        made = s
        return s
    }

    /// Evaluates `text` (under the interpreter's limits, or `limits`) and returns the last
    /// value as plain data (`SchemeData`); a value with no plain form throws
    /// a `SchemeFailure` too. Scheme errors throw `SchemeFailure` (the error's text, without
    /// the interpreter's values), limits `EvaluationStopped`, cancellation `CancellationError`.
    public func evaluate(_ text: String, limits: EvaluationLimits? = nil) async throws -> SchemeData {
        let scheme = interpreter
        let interrupts = scheme.interruptHandle
        // A cancellation that came after the evaluation ended must not stop the next one.
        defer { interrupts.reset() }
        return try await withTaskCancellationHandler {
            do {
                let v = try scheme.eval(text, limits: limits ?? scheme.limits)
                return try SchemeData(v)
            } catch let stop as EvaluationStopped where stop.reason == .interrupted && Task.isCancelled {
                throw CancellationError()
            } catch let e as SchemeConditionError {
                throw SchemeFailure(e)
            } catch let e as ConversionError {
                throw SchemeFailure(kinds: ["conversion"], message: e.description, text: e.description, location: nil)
            }
        } onCancel: {
            interrupts.cancel()
        }
    }

    /// Runs `body` with the interpreter, on the actor's thread (to define procedures or read
    /// values after setup). The interpreter must not escape `body`.
    public func withInterpreter<T: Sendable>(_ body: (Interpreter) throws -> T) rethrows -> T {
        try body(interpreter)
    }
}

/// A Scheme error as it leaves a `SchemeActor`: its kinds, message and CHICKEN's rendering,
/// without the interpreter's values (which must stay on its thread).
public struct SchemeFailure: Error, Sendable, CustomStringConvertible {
    /// The condition's kinds, e.g. `["exn", "type"]`.
    public let kinds: [String]
    /// The `message` of an `exn` condition.
    public let message: String?
    /// What CHICKEN prints after `Error: `.
    public let text: String
    /// file:line:column of the failing call, when known.
    public let location: String?

    public init(kinds: [String], message: String?, text: String, location: String?) {
        self.kinds = kinds
        self.message = message
        self.text = text
        self.location = location
    }

    init(_ e: SchemeConditionError) {
        self.init(kinds: e.kinds, message: e.message, text: e.text, location: e.location.map { "\($0)" })
    }

    public var description: String { text }
}
