/// What a native procedure waits for when it cannot finish without blocking. It throws
/// `SchemeError.wait(request, then:)`; the VM stops the thread with the call still
/// pending, the scheduler parks it, and when the wait is over the scheduler hands `then`
/// the `WaitOutcome` (see docs/architecture.md, "One wait protocol").
public enum WaitRequest {
    /// Wait until the file descriptor is readable, optionally until a deadline
    /// (seconds on the monotonic clock).
    case readable(fd: Int32, deadline: Double?)
    /// Wait until the file descriptor is writable.
    case writable(fd: Int32, deadline: Double?)
    /// Wait until the monotonic clock reaches `until`.
    case sleep(until: Double)
    /// Let other threads run, then go on.
    case yield
    /// Wait in `queue` until the runtime wakes the thread (`Interpreter.wakeFirst(of:)`, a
    /// mutex unlock, a thread ending) or the deadline passes.
    case queue(WaitQueue, deadline: Double?)
}

/// How a wait ended, as the scheduler reports it to the call that waited.
public enum WaitOutcome: Equatable {
    /// The fd is ready, or the thread was woken from its queue (or a sleep or yield ended).
    case ready
    /// The deadline passed first.
    case timedOut
    /// The fd, or the direction of it the thread waited on, was closed meanwhile (by
    /// another thread, `Interpreter.willClose(fileDescriptor:)`).
    case closed
}

/// What a call does once its wait is over.
public enum AfterWait {
    /// Perform the whole call again (its arguments are still on the stack).
    case callAgain
    /// The call is done and returns this value.
    case result(Value)
}

/// A wait that one object makes again and again (a port waiting for input), thrown as
/// `SchemeError.repeatedWait`: the object boxes that error once and sets `request` before
/// each throw. A fresh `SchemeError.wait` allocates the error's box on every throw (about 450
/// instructions with its release), and a server waits once per request.
///
/// The VM reads `request` as it catches the error, before any other thread runs, so the
/// next throw may change it.
public final class RepeatedWait {
    /// What the latest throw waits for.
    @exclusivity(unchecked) public var request: WaitRequest = .yield
    /// What the call does once the wait is over (as `SchemeError.wait`'s `then`).
    public let then: (WaitOutcome) throws -> AfterWait

    public init(then: @escaping (WaitOutcome) throws -> AfterWait) { self.then = then }
}

extension SchemeError {
    /// The wait this error asks for, whichever way it was thrown; nil for any other error.
    public var waitRequest: (request: WaitRequest, then: (WaitOutcome) throws -> AfterWait)? {
        switch self {
        case .wait(let request, let then): return (request, then)
        case .repeatedWait(let w): return (w.request, w.then)
        default: return nil
        }
    }
}

/// Threads parked on one object (a mutex, a condition variable, a thread being joined),
/// in the order they came. The scheduler adds a thread when it parks it with
/// `WaitRequest.queue`; an entry whose thread moved on (timed out, was terminated) is
/// skipped when it comes up.
public final class WaitQueue {
    var entries: [(thread: GreenThread, token: Int)] = []
    public init() {}
    /// Whether no thread waits here.
    public var isEmpty: Bool { entries.allSatisfy { $0.thread.waitToken != $0.token } }
}

extension SchemeError {
    /// Waits for `request`, then performs the call again whatever the outcome (a native
    /// procedure that checks everything itself when it runs).
    public static func retry(after request: WaitRequest) -> SchemeError {
        .wait(request, then: { _ in .callAgain })
    }

    /// Waits for `request`, then finishes the call with `finish(outcome)`.
    public static func wait(_ request: WaitRequest, finishing finish: @escaping (WaitOutcome) throws -> Value) -> SchemeError {
        .wait(request, then: { outcome in .result(try finish(outcome)) })
    }
}

/// Why a run of the VM stopped before the thread finished.
enum SuspendReason {
    /// The thread used up its time slice.
    case preempted
    /// A native procedure asked to wait.
    case blocked(WaitRequest)
}

/// A call that was suspended because its native procedure asked to wait.
struct PendingCall {
    let argc: Int
    let isTail: Bool
    /// What the call does once the wait is over.
    let then: Then
    /// How the wait ended; set by whoever ends it (the scheduler, or a wait in place).
    var outcome: WaitOutcome = .ready

    enum Then {
        /// The closure of a `SchemeError.wait`.
        case closure((WaitOutcome) throws -> AfterWait)
        /// The `then` of a `RepeatedWait`, unretained: the thread's `lastWaitError` holds it
        /// until the thread next waits, which is after this call resumed. Retaining it cost
        /// a reference-count pair on every wait of a server's thread.
        case repeated(Unmanaged<RepeatedWait>)
    }

    /// What the call in `pending` (taken out of it) does now that its wait is over. Out of
    /// line and through the slot: any other shape changed the register use of the VM's run
    /// loop, and `fib` took 2-3 % more instructions.
    @inline(never) static func resume(_ pending: inout PendingCall?) throws -> AfterWait {
        guard let call = pending.take() else { return .callAgain }
        switch call.then {
        case .closure(let body): return try body(call.outcome)
        case .repeated(let wait): return try wait._withUnsafeGuaranteedRef { try $0.then(call.outcome) }
        }
    }
}

/// The monotonic clock in seconds.
public func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

import Glibc
