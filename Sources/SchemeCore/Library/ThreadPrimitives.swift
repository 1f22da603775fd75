import Glibc

/// srfi-18 as CHICKEN's egg provides it: threads, mutexes, condition variables, time
/// objects and the exception predicates. Waiting procedures park only the calling thread
/// (see Scheduler.swift); the ones that did part of their work before waiting resume with
/// a closure instead of being run again.
extension Interpreter {
    func threadPrimitives() -> [Primitive] {
        let s = scheduler!
        func thread(_ v: Value, _ loc: String) throws -> GreenThread {
            if case .object(let t as GreenThread) = v { return t }
            throw SchemeError.typeMsg(loc, "bad argument type - not a structure of the required type", v)
        }
        func mutex(_ v: Value, _ loc: String) throws -> SchemeMutex {
            if case .object(let m as SchemeMutex) = v { return m }
            throw SchemeError.typeMsg(loc, "bad argument type - not a structure of the required type", v)
        }
        func condvar(_ v: Value, _ loc: String) throws -> ConditionVariable {
            if case .object(let c as ConditionVariable) = v { return c }
            throw SchemeError.typeMsg(loc, "bad argument type - not a structure of the required type", v)
        }
        func isA<T>(_ v: Value, _ type: T.Type) -> Value {
            if case .object(let o) = v, o is T { return .true }
            return .false
        }
        let sym = { [unowned(unsafe) self] (name: String) in Value.symbol(self.symbols.intern(name)) }
        return [
            prim("current-thread") { .object(s.current) },
            prim("thread?") { v in isA(v, GreenThread.self) },
            prim("make-thread", .range(1, 2)) { [unowned(unsafe) self] args in
                _ = try Check.procedure(args[0], "make-thread")
                return .object(self.makeThread(args[0], name: args.optional(1)))
            },
            prim("thread-name") { v in try thread(v, "thread-name").name },
            prim("thread-specific") { v in try thread(v, "thread-specific").specific },
            prim("thread-specific-set!") { [unowned(unsafe) self] v, x in
                try thread(v, "thread-specific-set!").setSpecific(x, self.collector); return .unspecified
            },
            prim("thread-state") { v in sym(try thread(v, "thread-state").state.rawValue) },
            prim("thread-start!") { [unowned(unsafe) self] v in
                // CHICKEN's srfi-18 also takes a thunk, making the thread itself.
                let t = try { if case .procedure = v { return self.makeThread(v, name: nil) } else { return try thread(v, "thread-start!") } }()
                guard t.state == .created else {
                    throw SchemeError.exn(kinds: [], message: "thread has already been started", irritants: [v], location: "thread-start!")
                }
                s.start(t)
                return .object(t)
            },
            prim("thread-yield!") { throw SchemeError.wait(.yield, finishing: { _ in .unspecified }) },
            prim("thread-sleep!") { [unowned(unsafe) self] v in
                guard let until = try self.deadline(v, "thread-sleep!") else { throw SchemeError.type("thread-sleep!", v) }
                throw SchemeError.wait(.sleep(until: until), finishing: { _ in .unspecified })
            },
            prim("thread-terminate!") { v in
                let t = try thread(v, "thread-terminate!")
                if t === s.primordial { throw SchemeError.exit(0) }
                s.finish(t, .terminated)
                // A thread that ended itself is never resumed: the scheduler sees it finished.
                if t === s.current { throw SchemeError.retry(after: .yield) }
                return .unspecified
            },
            prim("thread-join!", .range(1, 3)) { [unowned(unsafe) self] args in
                let t = try thread(args[0], "thread-join!")
                let deadline = args.count > 1 ? try self.deadline(args[1], "thread-join!") : nil
                let timeoutValue: Value? = args.count > 2 ? args[2] : nil
                func attempt(_ outcome: WaitOutcome?) throws -> Value {
                    switch t.ending {
                    case .value(let v)?: return v
                    case .exception(let reason)?:
                        throw SchemeError.raise(self.srfi18Condition("uncaught-exception", reason: reason), continuable: false)
                    case .terminated?:
                        throw SchemeError.raise(self.srfi18Condition("terminated-thread-exception"), continuable: false)
                    case nil:
                        if outcome == .timedOut || (outcome != nil && deadline.map({ monotonicSeconds() >= $0 }) == true) {
                            if let timeoutValue { return timeoutValue }
                            throw SchemeError.raise(self.srfi18Condition("join-timeout-exception"), continuable: false)
                        }
                        throw SchemeError.wait(.queue(t.joiners, deadline: deadline), finishing: attempt)
                    }
                }
                return try attempt(nil)
            },
            prim("thread-wait-for-i/o!", .range(1, 2)) { args in
                let fd = Int32(truncatingIfNeeded: try Check.int(args[0], "thread-wait-for-i/o!"))
                let mode = args.count > 1 ? args[1].displayed : "input"
                let request: WaitRequest = mode.contains("output") ? .writable(fd: fd, deadline: nil) : .readable(fd: fd, deadline: nil)
                throw SchemeError.wait(request, finishing: { _ in .unspecified })
            },

            prim("make-mutex", .range(0, 1)) { [unowned(unsafe) self] args in
                let name = args.count > 0 ? args[0] : .symbol(self.symbols.gensym("mutex"))
                return .object(SchemeMutex(name: name))
            },
            prim("mutex?") { v in isA(v, SchemeMutex.self) },
            prim("mutex-name") { v in try mutex(v, "mutex-name").name },
            prim("mutex-specific") { v in try mutex(v, "mutex-specific").specific },
            prim("mutex-specific-set!") { [unowned(unsafe) self] v, x in
                try mutex(v, "mutex-specific-set!").setSpecific(x, self.collector); return .unspecified
            },
            prim("mutex-state") { v in
                let m = try mutex(v, "mutex-state")
                if m.locked { return m.owner.map { .object($0) } ?? sym("not-owned") }
                return sym(m.abandoned ? "abandoned" : "not-abandoned")
            },
            prim("mutex-lock!", .range(1, 3)) { [unowned(unsafe) self] args in
                let m = try mutex(args[0], "mutex-lock!")
                let deadline = args.count > 1 ? try self.deadline(args[1], "mutex-lock!") : nil
                var owner: GreenThread? = s.current
                if args.count > 2 {
                    if args[2].isFalse { owner = nil } else { owner = try thread(args[2], "mutex-lock!") }
                }
                func attempt(_ outcome: WaitOutcome?) throws -> Value {
                    if !m.locked {
                        let wasAbandoned = m.abandoned
                        m.locked = true
                        m.abandoned = false
                        m.owner = owner
                        owner?.heldMutexes.append(m)
                        if let owner, owner.isFinished { s.finish(owner, owner.ending ?? .terminated); m.abandoned = true }
                        if wasAbandoned {
                            throw SchemeError.raise(self.srfi18Condition("abandoned-mutex-exception"), continuable: false)
                        }
                        return .true
                    }
                    if outcome == .timedOut { return .false }
                    if let deadline, deadline <= monotonicSeconds() { return .false }
                    throw SchemeError.wait(.queue(m.waiters, deadline: deadline), finishing: attempt)
                }
                return try attempt(nil)
            },
            prim("mutex-unlock!", .range(1, 3)) { [unowned(unsafe) self] args in
                let m = try mutex(args[0], "mutex-unlock!")
                let cv = args.count > 1 ? try condvar(args[1], "mutex-unlock!") : nil
                let deadline = args.count > 2 ? try self.deadline(args[2], "mutex-unlock!") : nil
                if let owner = m.owner { owner.heldMutexes.removeAll { $0 === m } }
                m.locked = false
                m.owner = nil
                s.wakeFirst(of: m.waiters)
                guard let cv else { return .true }
                throw SchemeError.wait(.queue(cv.waiters, deadline: deadline), finishing: { .bool($0 != .timedOut) })
            },
            prim("make-condition-variable", .range(0, 1)) { [unowned(unsafe) self] args in
                let name = args.count > 0 ? args[0] : .symbol(self.symbols.gensym("condition-variable"))
                return .object(ConditionVariable(name: name))
            },
            prim("condition-variable?") { v in isA(v, ConditionVariable.self) },
            prim("condition-variable-name") { v in try condvar(v, "condition-variable-name").name },
            prim("condition-variable-specific") { v in try condvar(v, "condition-variable-specific").specific },
            prim("condition-variable-specific-set!") { [unowned(unsafe) self] v, x in
                try condvar(v, "condition-variable-specific-set!").setSpecific(x, self.collector); return .unspecified
            },
            prim("condition-variable-signal!") { v in
                let cv = try condvar(v, "condition-variable-signal!")
                s.wakeFirst(of: cv.waiters)
                return .unspecified
            },
            prim("condition-variable-broadcast!") { v in
                let cv = try condvar(v, "condition-variable-broadcast!")
                s.wakeAll(of: cv.waiters)
                return .unspecified
            },

            prim("current-time") { .object(TimeObject(seconds: wallClockSeconds())) },
            prim("time?") { v in isA(v, TimeObject.self) },
            prim("time->seconds") { v in
                guard case .object(let t as TimeObject) = v else { throw SchemeError.type("time->seconds", v) }
                return .flonum(t.seconds)
            },
            prim("seconds->time") { v in .object(TimeObject(seconds: try Interpreter.seconds(v, "seconds->time"))) },
            prim("time->milliseconds") { v in
                guard case .object(let t as TimeObject) = v else { throw SchemeError.type("time->milliseconds", v) }
                return try Arith.toExact(.flonum((t.seconds * 1000).rounded(.towardZero)), "time->milliseconds")
            },

            prim("join-timeout-exception?") { [unowned(unsafe) self] v in self.hasKind(v, "join-timeout-exception") },
            prim("abandoned-mutex-exception?") { [unowned(unsafe) self] v in self.hasKind(v, "abandoned-mutex-exception") },
            prim("terminated-thread-exception?") { [unowned(unsafe) self] v in self.hasKind(v, "terminated-thread-exception") },
            prim("uncaught-exception?") { [unowned(unsafe) self] v in self.hasKind(v, "uncaught-exception") },
            prim("uncaught-exception-reason") { [unowned(unsafe) self] v in
                let k = self.symbols.intern("uncaught-exception")
                guard case .object(let c as Condition) = v, c.hasKind(k) else { throw SchemeError.type("uncaught-exception-reason", v) }
                return c.property(k, self.symbols.intern("reason")) ?? .false
            },
        ]
    }

    /// A deadline on the monotonic clock from a srfi-18 timeout: `#f` (none), a number of
    /// seconds from now, or a time object.
    ///
    /// Every value is treated deliberately, so no wait can spin: NaN is a type error, a
    /// negative or past timeout means "now", and an infinite one a deadline centuries away.
    func deadline(_ v: Value, _ loc: String) throws -> Double? {
        if v.isFalse { return nil }
        let seconds: Double
        switch v {
        case .object(let t as TimeObject): seconds = t.seconds - wallClockSeconds()
        default: seconds = try Interpreter.seconds(v, loc)
        }
        return monotonicSeconds() + min(max(seconds, 0), 1e10)
    }

    /// A number of seconds that is not NaN (infinities are allowed).
    static func seconds(_ v: Value, _ loc: String) throws -> Double {
        let d = try Arith.num(v, loc).toDouble
        if d.isNaN { throw SchemeError.typeMsg(loc, "bad argument type - not a number", v) }
        return d
    }

    func srfi18Condition(_ kind: String, reason: Value? = nil) -> Value {
        let k = symbols.intern(kind)
        var props: [(kind: Symbol, key: Symbol, value: Value)] = []
        if let reason { props.append((k, symbols.intern("reason"), reason)) }
        return .object(Condition(kinds: [k], properties: props))
    }

    private func hasKind(_ v: Value, _ kind: String) -> Value {
        if case .object(let c as Condition) = v { return .bool(c.hasKind(symbols.intern(kind))) }
        return .false
    }
}

/// Seconds since the epoch.
func wallClockSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

extension Interpreter {
    /// A new, unstarted green thread that will call `thunk` (`make-thread`).
    func makeThread(_ thunk: Value, name: Value?) -> GreenThread {
        // Default names are uninterned (CHICKEN's gensym), so they do not pile up.
        let vm = SchemeThread(capacity: 64)
        vm.prepareCall(thunk, args: [])
        vm.parameterOverrides = scheduler.current.vm.parameterOverrides ?? [:]
        return GreenThread(name: name ?? .symbol(symbols.gensym("thread")), thunk: thunk, vm: vm, output: currentOutput,
                           input: currentInput, errorPort: currentError)
    }
}
