import Synchronization

/// Bounds on one evaluation of code the host did not write. Set them for every evaluation
/// (`Interpreter.limits`) or for one call (`eval(_:limits:)`, `call(_:_:limits:)`, …).
/// Crossing one stops the evaluation with `EvaluationStopped`, thrown to the host: Scheme
/// code never sees it, so no handler, `dynamic-wind` or `handle-exceptions` can catch it
/// and go on. The interpreter stays usable for the next evaluation.
///
/// Limits are checked at the VM's safe points (every procedure entry and loop iteration)
/// once per 10,000 of them, and while the scheduler waits; with none set, a check is one
/// branch per 10,000 safe points.
public struct EvaluationLimits: Sendable, Equatable {
    /// Safe points (procedure entries and loop iterations, over all green threads) the
    /// evaluation may pass; nil for no limit.
    public var instructions: Int?
    /// Wall-clock seconds the evaluation may take, waits included; nil for no limit.
    public var timeout: Double?
    /// Bytes by which the process's heap in use (malloc's count, so the host's own
    /// allocations on this thread meanwhile count too) may grow during the evaluation;
    /// nil for no limit.
    public var heapBytes: Int?
    /// What becomes of the green threads the evaluation started when it is stopped.
    public var threadsAfterStop: ThreadDisposition

    /// What a stopped evaluation leaves of the green threads it started.
    public enum ThreadDisposition: Sendable, Equatable {
        /// They are terminated (joiners see `terminated-thread-exception`).
        case terminate
        /// They stay, parked or ready, and run again during the next evaluation.
        case keep
    }

    public init(instructions: Int? = nil, timeout: Double? = nil, heapBytes: Int? = nil,
                threadsAfterStop: ThreadDisposition = .terminate) {
        self.instructions = instructions
        self.timeout = timeout
        self.heapBytes = heapBytes
        self.threadsAfterStop = threadsAfterStop
    }

    /// No limit at all (the default).
    public static let none = EvaluationLimits()

    var isEmpty: Bool { instructions == nil && timeout == nil && heapBytes == nil }
}

/// Thrown to the host when an evaluation crossed one of its `EvaluationLimits` or was
/// interrupted. Scheme code cannot catch it.
public struct EvaluationStopped: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why the evaluation stopped.
    public enum Reason: String, Sendable {
        case instructions = "instruction budget exhausted"
        case timeout = "deadline passed"
        case heap = "heap limit exceeded"
        case interrupted = "interrupted"
    }

    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String { "evaluation stopped: \(reason.rawValue)" }
}

/// Stops an interpreter's running evaluation from any thread, or from a signal handler:
/// `interrupt()` sets an atomic flag and writes a byte to a pipe, both async-signal-safe.
/// The evaluation ends at its next safe point, or at once if its threads are all waiting,
/// with `EvaluationStopped(.interrupted)`. Get one with `Interpreter.interruptHandle` on
/// the interpreter's own thread, then hand it to the thread that will interrupt.
public final class InterruptHandle: Sendable {
    private let flag = Atomic<Bool>(false)
    /// Wakes a scheduler waiting in epoll; nil if the process had no descriptor left for
    /// it (then an interrupt is seen at the next safe point or wait timeout only).
    let wake: WakePipe?

    init() { wake = try? WakePipe() }

    /// Asks the running evaluation to stop.
    public func interrupt() {
        flag.store(true, ordering: .releasing)
        wake?.signal()
    }

    /// Whether an interrupt is pending.
    var isRequested: Bool { flag.load(ordering: .acquiring) }

    /// A task's cancellation: like `interrupt()`, but it also holds for an evaluation that
    /// begins after it (the task may be cancelled just before its evaluation starts).
    func cancel() {
        sticky.store(true, ordering: .releasing)
        interrupt()
    }

    private let sticky = Atomic<Bool>(false)

    /// Forgets a pending interrupt, unless it is a cancellation, and empties the pipe.
    func clear() {
        if !sticky.load(ordering: .acquiring) { flag.store(false, ordering: .releasing) }
        wake?.drain()
    }

    /// Forgets everything pending, cancellations included (after the task's evaluation).
    func reset() {
        sticky.store(false, ordering: .releasing)
        clear()
    }
}

extension Interpreter {
    /// The limits of every evaluation that does not name its own (none by default).
    public var limits: EvaluationLimits {
        get { runGuard.defaults }
        set { runGuard.defaults = newValue }
    }

    /// The handle another thread uses to stop this interpreter's evaluations. Made on first
    /// use; ask for it on the interpreter's thread.
    public var interruptHandle: InterruptHandle {
        if let h = runGuard.interrupts { return h }
        let h = InterruptHandle()
        runGuard.interrupts = h
        return h
    }

    /// Reads every datum of `text` and evaluates them in order under `limits`.
    @discardableResult
    public func eval(_ text: String, file: String = "<string>", limits: EvaluationLimits) throws -> Value {
        try withLimits(limits) { try eval(text, file: file) }
    }

    /// Calls `procedure` under `limits`.
    @discardableResult
    public func call(_ procedure: Value, _ arguments: [Value], limits: EvaluationLimits) throws -> Value {
        try withLimits(limits) { try call(procedure, arguments) }
    }

    /// Loads a file of Scheme code under `limits`.
    public func load(path: String, limits: EvaluationLimits) throws {
        try withLimits(limits) { try load(path: path) }
    }

    /// Runs `body` as one evaluation under `limits` (or, nil, under `self.limits`). An
    /// evaluation inside another (a native procedure calling back into Scheme) runs under
    /// the outer one's limits.
    func withLimits<T>(_ limits: EvaluationLimits?, _ body: () throws -> T) throws -> T {
        guard !runGuard.evaluating else { return try body() }
        runGuard.begin(limits ?? runGuard.defaults)
        defer { runGuard.end() }
        do {
            return try body()
        } catch let stop as EvaluationStopped {
            // The outermost evaluation ends: its threads go as the limits say, and what it
            // left is collected before the host goes on.
            if runGuard.current.threadsAfterStop == .terminate { scheduler.terminateStarted() }
            runGuard.stopReason = nil
            collectNow()
            throw stop
        }
    }
}
