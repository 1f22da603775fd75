/// The VM state of one Scheme thread: its value stack (heap-allocated, so recursion depth is
/// bounded by memory, not the C stack), its frames and its dynamic state. Switching threads
/// is switching which of these the run loop uses.
final class SchemeThread {

    @exclusivity(unchecked) var stack: UnsafeMutablePointer<Value>
    @exclusivity(unchecked) var capacity: Int
    @exclusivity(unchecked) var sp = 0
    @exclusivity(unchecked) var fp = 0
    @exclusivity(unchecked) var pc = 0
    /// The running code and captures while the thread is not in `Machine.run`. Like a
    /// frame's, they own nothing: `root` or a closure on the stack keeps them alive.
    @exclusivity(unchecked) unowned(unsafe) var code: Code
    @exclusivity(unchecked) unowned(unsafe) var env: Captures = .empty
    /// The outermost code (a toplevel form, or the call a thread starts with), as a closure;
    /// it is also in stack slot 0, below the outermost frame, so continuations keep it too.
    @exclusivity(unchecked) private(set) var root: Closure
    /// The closure the last tail call left, kept until the next one: the registers may still
    /// name its code and captures (see `Machine.run`'s `tailCall`).
    @exclusivity(unchecked) var leaving: Value = .null
    @exclusivity(unchecked) var frames: [Frame] = []
    /// `dynamic-wind` entries, innermost first: a list of `(before . after)` pairs.
    @exclusivity(unchecked) var winders: Value = .null
    /// Installed exception handlers, innermost first.
    @exclusivity(unchecked) var handlers: Value = .null
    /// Calls left before the next safe-point check (time slice, pending collection).
    @exclusivity(unchecked) var fuel = 10_000
    /// Refill for `fuel`.
    @exclusivity(unchecked) var fuelPerCheck = 10_000
    /// The fuel of the last refill: what the thread used when it runs out again (charged to
    /// an evaluation's instruction budget).
    @exclusivity(unchecked) var granted = 10_000
    /// Whether the thread yields when its slice is over (only when other threads exist).
    @exclusivity(unchecked) var preemptible = false
    /// A blocked call to perform again on resume.
    @exclusivity(unchecked) var pendingCall: PendingCall?
    /// When a preemptible thread's time slice ends (monotonic seconds).
    @exclusivity(unchecked) var sliceEnd = 0.0
    /// Parameter values set in this green thread (nil in the primordial thread, which keeps
    /// them in the parameter objects). A new thread starts with a copy of its parent's.
    @exclusivity(unchecked) var parameterOverrides: [ObjectIdentifier: (parameter: Parameter, value: Value)]?
    /// Continuations none of whose frames has resumed since they were captured, innermost
    /// last: their frames are still on this thread, so invoking one can simply unwind, and a
    /// new capture can share its segments.
    @exclusivity(unchecked) var validContinuations: [Continuation] = []
    /// `frameCount` of the innermost valid continuation (0 if none): returning below it
    /// invalidates continuations.
    @exclusivity(unchecked) var validTop = 0

    /// The error of the thread's latest `RepeatedWait`, the address of its box, and the wait
    /// (unretained: the error holds it). A port throws the same boxed error on each of its
    /// waits, so the next one is known by the address: opening the error to look
    /// (`SchemeError.repeatedWait`) cost about 110 instructions, and a server waits once per
    /// request. Holding the error keeps its box alive, so no other error can take its address,
    /// and keeps the wait alive for the pending call that names it (`PendingCall.Then`).
    @exclusivity(unchecked) private var lastWaitError: (any Error)?
    @exclusivity(unchecked) private var lastWaitBox: UInt = 0
    @exclusivity(unchecked) private var lastWait: Unmanaged<RepeatedWait>?

    /// The wait of `thrown` if it is a `SchemeError.repeatedWait`, else nil; unretained, as
    /// `thrown` holds it.
    func repeatedWait(in thrown: any Error) -> Unmanaged<RepeatedWait>? {
        // An `any Error` is one reference, to the box that holds the error.
        let box = unsafeBitCast(thrown, to: UInt.self)
        if box == lastWaitBox, let last = lastWait { return last }
        guard let wait = SchemeError.repeatedWait(in: thrown) else { return nil }
        lastWaitError = thrown
        lastWaitBox = box
        lastWait = .passUnretained(wait)
        return lastWait
    }

    /// Called when the frame stack shrank to `count`: frames at index >= count resumed or died.
    func invalidateContinuations(above count: Int) {
        while let last = validContinuations.last, last.frameCount > count { validContinuations.removeLast() }
        validTop = validContinuations.last?.frameCount ?? 0
    }

    /// Adds a continuation just captured on this thread to the valid ones.
    func noteValid(_ k: Continuation) {
        k.validIndex = validContinuations.count
        validContinuations.append(k)
        validTop = k.frameCount
    }

    /// Puts `k` in the place of the valid continuation `old` (which stays usable: a call of
    /// it copies its segments back instead of unwinding).
    func replaceValid(_ old: Continuation, with k: Continuation) {
        guard isValid(old) else { return noteValid(k) }
        k.validIndex = old.validIndex
        validContinuations[old.validIndex] = k
        old.validIndex = -1
    }

    /// Whether `k` is among this thread's valid continuations: in constant time, since a
    /// loop may hold thousands and test one on every call of a continuation.
    func isValid(_ k: Continuation) -> Bool {
        k.validIndex >= 0 && k.validIndex < validContinuations.count && validContinuations[k.validIndex] === k
    }

    init(capacity: Int = 1024) {
        self.capacity = capacity
        stack = UnsafeMutablePointer<Value>.allocate(capacity: capacity)
        stack.initialize(repeating: .null, count: capacity)
        root = SchemeThread.idle
        code = root.code
    }

    /// The root of a thread that runs nothing.
    nonisolated(unsafe) private static let idle = Closure(code: Code(CodeBuilder(name: nil)), captures: .empty)

    deinit {
        stack.deinitialize(count: capacity)
        stack.deallocate()
    }

    /// Grows the stack so that `needed` slots exist; returns the new base.
    func grow(to needed: Int) -> UnsafeMutablePointer<Value> {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let fresh = UnsafeMutablePointer<Value>.allocate(capacity: newCapacity)
        fresh.moveInitialize(from: stack, count: capacity)
        (fresh + capacity).initialize(repeating: .null, count: newCapacity - capacity)
        stack.deallocate()
        stack = fresh
        capacity = newCapacity
        return fresh
    }

    /// Drops every value the stack still references once a computation is over: slots above
    /// the stack pointer are not cleared as the VM runs, and a stack grown by deep recursion is
    /// given back. `clearingStack: false` leaves the slots for a run of computations that
    /// clears once at its end (the prelude's forms at start-up: clearing costs ~10K
    /// instructions each time).
    func reset(clearingStack: Bool = true) {
        if clearingStack { clearStack() }
        sp = 0
        fp = 0
        root = SchemeThread.idle
        code = root.code
        env = .empty
        leaving = .null
        frames = []
        invalidateContinuations(above: 0)
    }

    private func clearStack() {
        if capacity > 4096 {
            stack.deinitialize(count: capacity)
            stack.deallocate()
            capacity = 1024
            stack = UnsafeMutablePointer<Value>.allocate(capacity: capacity)
            stack.initialize(repeating: .null, count: capacity)
        } else {
            for i in 0..<capacity { Value.store(trivial: .null, to: stack + i) }
        }
    }

    /// Drops all the thread's state, down to its dynamic state and pending call (the
    /// interpreter is going away; the thread never runs again).
    func discard() {
        reset()
        winders = .null
        handlers = .null
        pendingCall = nil
        lastWaitError = nil
        lastWaitBox = 0
        lastWait = nil
        parameterOverrides = nil
    }

    /// Prepares the thread to run `code` (a toplevel code object or a procedure) from scratch.
    func start(_ code: Code) {
        root = Closure(code: code, captures: .empty)
        self.code = code
        env = .empty
        frames = []
        invalidateContinuations(above: 0)
        if capacity < code.maxStack + 2 { _ = grow(to: code.maxStack + 2) }
        stack[0] = .procedure(root)
        fp = 1
        sp = fp + code.frameSize
        pc = 0
    }
}

extension SchemeThread {
    /// Prepares the thread to call `proc` with `args` and finish with its result.
    func prepareCall(_ proc: Value, args: [Value]) {
        let builder = CodeBuilder(name: "call")
        builder.instructions = [.call(Int32(args.count)), .ret]
        builder.frameSize = args.count + 1
        builder.maxStack = args.count + 4
        let code = Code(builder)
        code.keepsValues = true  // the caller (Swift) takes all the values
        start(code)
        if capacity < args.count + 8 { _ = grow(to: args.count + 8) }
        stack[1] = proc
        for (i, a) in args.enumerated() { stack[2 + i] = a }
        sp = 2 + args.count
    }
}
