import CSystem

/// Set by a SIGINT handler (the REPL's Ctrl-C); the primordial thread stops at its next
/// safe point or wait, and the run ends with a `(user-interrupt)` condition.
nonisolated(unsafe) var userInterruptPending = false

/// The pipe a user interrupt writes to. The flag alone is not enough: a SIGINT that comes
/// while the scheduler runs threads, rather than during its wait in epoll, would otherwise
/// be seen only at the next event, and an idle server has none. Process-wide, as the flag
/// is; made when a scheduler first waits (a signal before that finds the flag set).
enum UserInterruptWake {
    static let pipe: WakePipe? = {
        guard let p = try? WakePipe() else { return nil }
        csystem_interrupt_set_wake_fd(p.writeEnd)
        return p
    }()
}

extension Interpreter {
    /// Asks the running evaluation of the primordial thread to stop, as Ctrl-C does in the
    /// REPL. Safe to call from a signal handler: it sets a flag and writes a byte to a pipe.
    public static func requestUserInterrupt() {
        userInterruptPending = true
        csystem_interrupt_wake()
    }

    /// Clears a pending interrupt request (when the REPL handled it at the prompt).
    public static func clearUserInterrupt() {
        userInterruptPending = false
        UserInterruptWake.pipe?.drain()  // the next interrupt's byte must be a new edge
    }

    /// Whether an interrupt request is pending.
    public static var userInterruptRequested: Bool { userInterruptPending }

    /// Takes a pending interrupt request: the `(user-interrupt)` condition to end the
    /// evaluation with, or nil if none is pending.
    func takeUserInterrupt() -> Value? {
        guard userInterruptPending else { return nil }
        userInterruptPending = false
        UserInterruptWake.pipe?.drain()
        return .object(Condition(kinds: [symbols.intern("user-interrupt")], properties: []))
    }

    /// Whether `error` is the condition an interrupted evaluation ends with.
    public func isUserInterrupt(_ error: SchemeConditionError) -> Bool { error.kinds == ["user-interrupt"] }

    /// The names of all bound globals, library procedures not loaded yet included (for the
    /// REPL's completion).
    public func globalNames() -> [String] {
        var names = Set(Prelude.lazy.map { $0.name })
        for s in symbols.allSymbols where s.interned {
            if case .undefined = s.value { continue }
            names.insert(s.name)
        }
        return names.filter { !$0.hasPrefix("%") }.sorted()
    }
}
