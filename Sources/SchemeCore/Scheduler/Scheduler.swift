/// Runs green threads: a FIFO of ready threads, a timer heap for deadlines, and an epoll
/// selector for file descriptors. A thread that must wait is parked (its VM state stays in
/// its `SchemeThread`) and resumed when its fd is ready, its deadline passes, or another
/// thread wakes it. Only the toplevel run (VM depth 0) schedules; nested runs (macro
/// expansion, a host calling back into Scheme) wait in place.
final class Scheduler {
    unowned(unsafe) let interp: Interpreter
    // The interpreter, its machine and its guard, for the uses on every switch between
    // threads: a field read or method call through `interp` (which does not keep its target
    // alive as far as Swift knows) copies the reference, a retain and a release, where
    // `_withUnsafeGuaranteedRef` on these lends it. The interpreter owns the scheduler.
    private let interpRef: Unmanaged<Interpreter>
    private let machineRef: Unmanaged<Machine>
    private let guardRef: Unmanaged<RunGuard>
    let selector = Selector()
    private let ready = ThreadQueue()
    @exclusivity(unchecked) private var timers = TimerQueue()
    /// Threads parked on fds, and readiness that came while none waited.
    @exclusivity(unchecked) private var fdWaits = FDWaitTable()
    /// The thread that runs the toplevel program.
    let primordial: GreenThread
    /// The thread the VM is running (or last ran).
    @exclusivity(unchecked) private(set) var current: GreenThread
    /// Started threads that have not finished, not counting the primordial one.
    @exclusivity(unchecked) private(set) var liveThreads = 0
    /// Switches left before the selector is polled again while threads are ready. A round
    /// runs the threads that were ready after the last poll: a busy thread cannot starve
    /// the sockets, and a thread that a poll just woke does not pay for another (one server
    /// connection cost two `epoll_wait`s per request).
    @exclusivity(unchecked) private var switchesBeforePoll = 0
    /// Length of a time slice, in seconds.
    let timeSlice = 0.01

    init(interp: Interpreter) {
        self.interp = interp
        interpRef = Unmanaged.passUnretained(interp)
        machineRef = Unmanaged.passUnretained(interp.machine)
        guardRef = Unmanaged.passUnretained(interp.runGuard)
        primordial = GreenThread(name: .symbol(interp.symbols.intern("primordial")), thunk: .false,
                                 vm: interp.mainThread, output: interp.currentOutput,
                                 input: interp.currentInput, errorPort: interp.currentError)
        primordial.state = .running
        current = primordial
    }

    // MARK: - Running

    /// Runs `vm` as the primordial thread until it finishes, letting the other threads run
    /// whenever it waits or its time slice ends.
    func run(_ vm: SchemeThread) -> Interpreter.Completion {
        primordial.vm = vm
        primordial.state = .running
        var next = primordial
        while true {
            // Taken, not copied: the thread's reference moves on to where it parks.
            let g = consume next
            switchTo(g)
            let vm = g.vm  // read once: each read of the property is a retain and a release
            vm.preemptible = liveThreads > 0
            vm.sliceEnd = 0  // the slice starts at the first safe-point check
            let outcome = machineRef._withUnsafeGuaranteedRef { $0.run(vm) }
            switch consume outcome {  // consumed: the wait request moves on, uncopied
            case .finished(let v):
                if g === primordial { return .finished(v) }
                finish(g, .value(v))
            case .uncaught(let v):
                if g === primordial { return .uncaught(v) }
                reportUncaught(g, v)
                finish(g, .exception(v))
            case .exit(let status):
                return .exit(status)
            case .suspended(.preempted):
                if let reason = interp.runGuard.stopReason { return stop(reason) }
                if g === primordial && userInterruptPending { return userInterrupt() }
                g.state = .ready
                ready.push(g)
            case .suspended(.blocked(let request)):
                if g.isFinished {
                    // It terminated itself.
                    if g === primordial { return .exit(0) }
                } else if g === primordial && userInterruptPending {
                    // A signal woke the primordial thread and its call would wait again (the
                    // REPL's reader handles Ctrl-C itself and never gets here): abandon it.
                    primordial.vm.pendingCall = nil
                    return userInterrupt()
                } else {
                    park(consume g, request)
                }
            }
            guard let following = nextThread() else {
                if let reason = interp.runGuard.stopReason { return stop(reason) }
                // Nothing can ever run again: CHICKEN's scheduler panics with "deadlock".
                primordial.vm.pendingCall = nil
                primordial.state = .running
                switchTo(primordial)
                return .uncaught(.object(interp.makeExnCondition(kinds: ["runtime"], message: "deadlock",
                                                                 irritants: [], location: nil)))
            }
            if following === primordial && sleepInterrupted {
                sleepInterrupted = false
                switchTo(primordial)
                return userInterrupt()
            }
            next = following
        }
    }

    /// Ends the run because the evaluation crossed a limit or was interrupted; the
    /// primordial thread is left as it is (`runToplevel` resets it).
    private func stop(_ reason: EvaluationStopped.Reason) -> Interpreter.Completion {
        primordial.vm.pendingCall = nil
        primordial.state = .running
        switchTo(primordial)
        return .stopped(reason)
    }

    /// Set when a signal cut the primordial thread's sleep short.
    private var sleepInterrupted = false

    /// Ends the run with the `(user-interrupt)` condition (SIGINT, Ctrl-C).
    private func userInterrupt() -> Interpreter.Completion {
        .uncaught(interp.takeUserInterrupt() ?? .unspecified)
    }

    private func switchTo(_ g: GreenThread) {
        if g !== current {
            // Threads mostly share their ports: compare before storing, which would retain.
            if current.output !== interp.currentOutput { current.output = interp.currentOutput }
            if current.input !== interp.currentInput { current.input = interp.currentInput }
            if current.errorPort !== interp.currentError { current.errorPort = interp.currentError }
            current = g
            if g.output !== interp.currentOutput { interp.currentOutput = g.output }
            if g.input !== interp.currentInput { interp.currentInput = g.input }
            if g.errorPort !== interp.currentError { interp.currentError = g.errorPort }
        }
        g.state = .running
    }

    /// The next thread to run, waiting for fds and timers when none is ready; nil on deadlock.
    private func nextThread() -> GreenThread? {
        while true {
            if guardRef._withUnsafeGuaranteedRef({ $0.idleStop() }) { return nil }
            drainAsyncCompletions()
            if !timers.isEmpty { fireTimers(now: monotonicSeconds()) }
            if !ready.isEmpty {
                if hasFDWaiters {
                    if switchesBeforePoll > 0 {
                        switchesBeforePoll -= 1
                    } else {
                        dispatch(selector.wait(timeout: 0))
                        noticeUserInterrupt()
                        // This switch is the round's first.
                        switchesBeforePoll = ready.count - 1
                    }
                }
                while let t = ready.pop() {
                    if t.state == .ready { return t }
                }
                continue
            }
            let awaitingTasks = interp.asyncBridgeStorage?.hasOutstanding == true
            if !hasFDWaiters && timers.isEmpty && !awaitingTasks { return nil }
            interp.flushStandardOutput()
            var timeout: Double? = nil
            if let d = timers.nextDeadline { timeout = max(0, d - monotonicSeconds()) }
            watchWakePipes()
            // An interrupt that came before the pipe was watched wrote no byte to wake us.
            dispatch(selector.wait(timeout: userInterruptPending ? 0 : interp.runGuard.waitCap(timeout)))
            noticeUserInterrupt()
            switchesBeforePoll = ready.count
        }
    }

    /// Lets a primordial thread that waits see a pending interrupt (SIGINT): a sleep is
    /// abandoned at once; a blocked call runs again (the REPL's reader handles Ctrl-C itself)
    /// and is abandoned if it would wait again.
    private func noticeUserInterrupt() {
        guard userInterruptPending else { return }
        UserInterruptWake.pipe?.drain()
        guard primordial.state == .blocked || primordial.state == .sleeping else { return }
        if primordial.state == .sleeping { primordial.vm.pendingCall = nil; sleepInterrupted = true }
        wake(primordial, .ready)
    }

    private var hasFDWaiters: Bool { fdWaits.waiterCount > 0 }

    /// Registers the wake pipes of the user interrupt, the interrupt handle and the async
    /// bridge, so that SIGINT, `InterruptHandle.interrupt()` or a finished task, on another
    /// thread, ends a wait in epoll (their bytes are read by `noticeUserInterrupt`,
    /// `InterruptHandle.clear` and `takeFinished`).
    private func watchWakePipes() {
        if let pipe = UserInterruptWake.pipe { _ = selector.watch(pipe.readEnd) }
        if let pipe = interp.runGuard.interrupts?.wake { _ = selector.watch(pipe.readEnd) }
        if let b = interp.asyncBridgeStorage { _ = selector.watch(b.wake.readEnd) }
    }

    /// Wakes the green threads whose async procedures' tasks have finished.
    private func drainAsyncCompletions() {
        guard interpRef._withUnsafeGuaranteedRef({ $0.asyncBridgeStorage?.hasFinished == true }),
              let b = interp.asyncBridgeStorage else { return }
        for call in b.takeFinished() { wakeAll(of: call.queue) }
    }

    private func fireTimers(now: Double) {
        while let (t, token) = timers.popExpired(now: now) {
            if t.waitToken == token { wake(t, .timedOut) }
        }
    }

    /// Wakes the threads waiting on the `count` fds the selector reported.
    private func dispatch(_ count: Int) {
        for i in 0..<count {
            let e = selector.event(i)
            if e.hungUp { fdWaits.noteHungUp(e.fd) }
            if e.readable {
                var list = fdWaits.takeWaiters(e.fd, reading: true)
                if !list.isEmpty {
                    wakeFDWaiters(&list, .ready)
                } else {
                    // Nobody waits yet: remember the edge, so a thread that parks without
                    // trying first (see `parkOnFD`) is not left waiting for one that passed.
                    fdWaits.noteReadable(e.fd)
                }
            }
            if e.writable {
                var list = fdWaits.takeWaiters(e.fd, reading: false)
                wakeFDWaiters(&list, .ready)
            }
        }
    }

    // MARK: - Parking and waking

    /// Parks `g` on what its native procedure asked for. Every wait of every green thread
    /// starts here and ends in `wake`, which hands the call its outcome.
    private func park(_ g: __owned GreenThread, _ request: WaitRequest) {
        g.waitToken += 1
        switch request {
        case .yield:
            g.state = .ready
            ready.push(g)
        case .sleep(let until):
            g.state = .sleeping
            timers.add(g, deadline: until)
        case .readable(let fd, let deadline):
            parkOnFD(g, fd, deadline, reading: true)
        case .writable(let fd, let deadline):
            parkOnFD(g, fd, deadline, reading: false)
        case .queue(let queue, let deadline):
            g.state = .blocked
            queue.entries.append((g, g.waitToken))
            if let deadline { timers.add(g, deadline: deadline) }
        }
        if timers.count > 4 * (liveThreads + 16) { timers.prune() }
    }

    private func parkOnFD(_ g: __owned GreenThread, _ fd: Int32, _ deadline: Double?, reading: Bool) {
        if reading, fdWaits.consumeReadable(fd) {
            // Data arrived since the caller last looked: retry at once.
            g.state = .ready
            ready.push(g)
            return
        }
        guard selector.watch(fd, writing: !reading) else {
            // Not pollable (a regular file): always ready.
            g.state = .ready
            ready.push(g)
            return
        }
        g.state = .blocked
        g.waitingFD = fd
        if let deadline { timers.add(g, deadline: deadline) }
        fdWaits.park(g, on: fd, reading: reading)  // last: the table takes `g`'s reference
    }

    /// Ends the wait of a parked thread: it becomes ready, and its pending call will be
    /// told `outcome`.
    /// `g` is taken owned: a thread taken off a waiting list moves into the ready queue.
    func wake(_ g: __owned GreenThread, _ outcome: WaitOutcome) {
        guard g.state == .blocked || g.state == .sleeping else { return }
        g.waitToken += 1
        stopWaitingOnFD(g)
        g.vm.pendingCall?.outcome = outcome
        g.state = .ready
        ready.push(g)
    }

    /// Wakes the first thread still waiting in `queue` (entries of threads that moved on
    /// are dropped); false if there was none.
    @discardableResult
    func wakeFirst(of queue: WaitQueue) -> Bool {
        while !queue.entries.isEmpty {
            let (w, token) = queue.entries.removeFirst()
            if w.waitToken == token {
                wake(w, .ready)
                return true
            }
        }
        return false
    }

    /// Wakes every thread waiting in `queue`.
    func wakeAll(of queue: WaitQueue) {
        let entries = queue.entries
        queue.entries = []
        for (w, token) in entries where w.waitToken == token { wake(w, .ready) }
    }

    /// Takes `g` off the waiting list of the fd it waits on, if any.
    private func stopWaitingOnFD(_ g: GreenThread) {
        guard let fd = g.waitingFD else { return }
        g.waitingFD = nil
        fdWaits.remove(g, from: fd)
    }

    /// Whether a thread is parked until it can write to `fd`.
    func hasWriterWaiting(on fd: Int32) -> Bool { fdWaits.hasWriters(fd) }

    /// One direction of `fd` is being closed (a socket's input or output port): the
    /// threads waiting to read (or write) it are told `.closed`; the other direction's
    /// registration and waiters stay as they are.
    func closing(_ fd: Int32, reading: Bool) {
        var list = fdWaits.takeWaiters(fd, reading: reading)
        wakeFDWaiters(&list, .closed)
    }

    /// Wakes the threads of an fd's waiting list, already taken out of its table.
    /// In place, not by value: the threads then move from the list into the ready queue
    /// (passed by value, the list was copied and each thread counted up and down).
    private func wakeFDWaiters(_ list: inout FDWaitTable.Waiters, _ outcome: WaitOutcome) {
        while let t = list.popFirst() {
            t.waitingFD = nil
            wake(t, outcome)
        }
    }

    /// `fd` is about to be closed: every thread waiting on it is told `.closed`, and the
    /// selector forgets it, since its number may be reused by a new file.
    func closingFileDescriptor(_ fd: Int32) {
        closing(fd, reading: true)
        closing(fd, reading: false)
        fdWaits.clearReadiness(fd)
        selector.forget(fd)
    }

    // MARK: - Thread life

    /// Makes a created thread runnable.
    func start(_ g: GreenThread) {
        g.state = .ready
        liveThreads += 1
        live[ObjectIdentifier(g)] = g
        ready.push(g)
        current.vm.preemptible = true
    }

    /// Ends `g` (normally, by an uncaught exception, or terminated): joiners wake, its
    /// mutexes become abandoned, its VM state is released.
    func finish(_ g: GreenThread, _ ending: GreenThread.Ending) {
        guard !g.isFinished else { return }
        if case .value = ending { g.state = .dead } else { g.state = .terminated }
        g.ending = ending
        g.waitToken += 1
        stopWaitingOnFD(g)
        wakeAll(of: g.joiners)
        for m in g.heldMutexes where m.owner === g {
            m.owner = nil
            m.locked = false
            m.abandoned = true
            wakeAll(of: m.waiters)
        }
        g.heldMutexes = []
        if g !== primordial {
            liveThreads -= 1
            live[ObjectIdentifier(g)] = nil
            g.vm = SchemeThread(capacity: 4)
        }
    }

    /// `process-fork` with kill-others: in the child, every started thread but the running
    /// one ends (the primordial thread stays, parked, if it is not the one running).
    /// A stopped evaluation's threads: every started thread but the running one ends.
    func terminateStarted() {
        for g in Array(live.values) where g !== current && g !== primordial { finish(g, .terminated) }
    }

    func terminateOthers() {
        for g in Array(live.values) where g !== current { finish(g, .terminated) }
    }

    /// CHICKEN's report of an error that ended a thread, on the error port.
    private func reportUncaught(_ g: GreenThread, _ v: Value) {
        let text = "\nWarning (\(g.printedForm)): in thread: \(interp.errorText(v))\n"
        interp.currentOutput.flushWaiting()
        interp.currentError.write(text)
        interp.currentError.flushWaiting()
    }

    /// Forgets every thread and wait, dropping their VM states (the interpreter is going
    /// away: a parked thread's stack may hold the thread itself, a cycle).
    func discardThreads() {
        for g in live.values { g.vm.discard() }
        live = [:]
        ready.removeAll()
        timers = TimerQueue()
        fdWaits = FDWaitTable()
    }

    /// Every thread's VM state other than the running one (roots for the cycle collector).
    func suspendedThreads() -> [SchemeThread] {
        var out: [SchemeThread] = []
        if primordial !== current { out.append(primordial.vm) }
        for g in live.values where g !== current { out.append(g.vm) }
        return out
    }

    /// Started, unfinished threads other than the primordial one (wherever they wait).
    private(set) var live: [ObjectIdentifier: GreenThread] = [:]
}
