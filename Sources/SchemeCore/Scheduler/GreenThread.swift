/// Threads, mutexes and condition variables: each holds one program value, its "specific",
/// set only through `setSpecific` (the cycle collector's write barrier) and cleared by the
/// collector to break a dead cycle.
class SpecificHolder: SchemeObject {
    private(set) var specific: Value = .unspecified
    var gcRegistered = false

    /// `(…-specific-set! x v)`, with the collector's write barrier.
    func setSpecific(_ v: Value, _ collector: CycleCollector) {
        specific = v
        collector.stored(v, into: self)
    }

    func clearSpecific() { specific = .unspecified }

    deinit { if specific.mayOwnObjects { DeepRelease.drain { $0.take(&specific) } } }
    override func surrenderChildren(to work: inout DeepRelease.Work) { work.take(&specific) }
}

/// A srfi-18 thread: one Scheme computation with its own VM state, scheduled cooperatively
/// (at safe points and waits) by the `Scheduler`. Switching threads swaps which
/// `SchemeThread` the VM runs; no OS thread is involved.
final class GreenThread: SpecificHolder, CustomPrintable, Traceable {
    /// srfi-18's thread states, named as CHICKEN prints them.
    enum State: String {
        case created, ready, running, blocked, sleeping, terminated, dead
    }

    /// How a finished thread ended, for `thread-join!`.
    enum Ending {
        case value(Value)
        /// Ended by an uncaught raise of this object.
        case exception(Value)
        /// Ended by `thread-terminate!`.
        case terminated
    }

    private(set) var name: Value
    private(set) var thunk: Value
    /// The VM state; replaced for the primordial thread on each toplevel evaluation.
    @exclusivity(unchecked) var vm: SchemeThread
    @exclusivity(unchecked) var state: State = .created
    var ending: Ending?
    /// Incremented on every park and wake: a stale timer or waiting-list entry carries an
    /// older token and is ignored.
    @exclusivity(unchecked) var waitToken = 0
    /// The fd this thread waits on, if any (to drop it from the fd's list on a timeout).
    @exclusivity(unchecked) var waitingFD: Int32?
    /// Threads waiting in `thread-join!` for this one.
    let joiners = WaitQueue()
    /// Mutexes this thread holds (abandoned if it ends holding them).
    var heldMutexes: [SchemeMutex] = []
    /// The current ports while the thread is switched out.
    @exclusivity(unchecked) var output: Port
    @exclusivity(unchecked) var input: Port
    @exclusivity(unchecked) var errorPort: Port

    init(name: Value, thunk: Value, vm: SchemeThread, output: Port, input: Port, errorPort: Port) {
        self.name = name
        self.thunk = thunk
        self.vm = vm
        self.output = output
        self.input = input
        self.errorPort = errorPort
    }

    override var typeName: String { "thread" }
    deinit { DeepRelease.drain(surrenderChildren) }
    override func surrenderChildren(to work: inout DeepRelease.Work) {
        super.surrenderChildren(to: &work)
        work.take(&name)
        work.take(&thunk)
        switch ending {
        case .value(var v)?, .exception(var v)?: ending = nil; work.take(&v)
        default: break
        }
    }
    var printedForm: String { "#<thread: \(name.displayed)>" }

    var isFinished: Bool { state == .terminated || state == .dead }

    func trace(_ visit: (Value) -> Void) {
        visit(name)
        visit(specific)
        visit(thunk)
        switch ending {
        case .value(let v)?, .exception(let v)?: visit(v)
        default: break
        }
        if let overrides = vm.parameterOverrides {
            for (_, entry) in overrides { visit(.procedure(entry.parameter)); visit(entry.value) }
        }
        for m in heldMutexes { visit(.object(m)) }
    }
}

/// A srfi-18 mutex.
final class SchemeMutex: SpecificHolder, CustomPrintable, Traceable {
    let name: Value
    /// The owning thread while locked with an owner.
    var owner: GreenThread?
    var locked = false
    var abandoned = false
    /// Threads waiting in `mutex-lock!`.
    let waiters = WaitQueue()

    init(name: Value) { self.name = name }
    override var typeName: String { "mutex" }
    var printedForm: String { "#<mutex \(name.displayed)>" }
    func trace(_ visit: (Value) -> Void) {
        visit(name)
        visit(specific)
        if let owner { visit(.object(owner)) }
    }
}

/// A srfi-18 condition variable.
final class ConditionVariable: SpecificHolder, CustomPrintable, Traceable {
    let name: Value
    /// Threads waiting in `mutex-unlock!` for a signal.
    let waiters = WaitQueue()
    init(name: Value) { self.name = name }
    override var typeName: String { "condition-variable" }
    var printedForm: String { "#<condition-variable \(name.displayed)>" }
    func trace(_ visit: (Value) -> Void) {
        visit(name)
        visit(specific)
    }
}

/// A srfi-18 time object: seconds since the epoch.
final class TimeObject: SchemeObject, CustomPrintable {
    let seconds: Double
    init(seconds: Double) { self.seconds = seconds }
    override var typeName: String { "time" }
    var printedForm: String { "#<time \(seconds)>" }
}
