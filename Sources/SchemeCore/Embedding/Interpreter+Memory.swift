/// Roots of the cycle collector that the interpreter owns.
extension Interpreter {
    /// Runs a collection with `current` (whose state the VM has just saved) as a root.
    func collectCycles(current: SchemeThread) {
        var roots: [Value] = [raiseProcedure, windAndContinue]
        roots.append(contentsOf: exitHandlers)
        roots.append(contentsOf: handles.values.values)
        for (_, s) in setters { roots.append(.procedure(s.getter)); roots.append(s.setter) }
        roots.append(contentsOf: recordPrinters.values)
        roots.append(contentsOf: readTable.procedures)
        for s in symbols.allSymbols { roots.append(.symbol(s)) }
        let environments = [toplevel, preludeSyntax]
        for env in environments { env.forEachBinding { binding in
            switch binding {
            case .global(let s): roots.append(.symbol(s))
            case .macro(let m):
                switch m.transformer {
                case .explicitRenaming(let p), .implicitRenaming(let p): roots.append(p)
                case .syntaxRules: break
                }
            default: break
            }
        } }
        let start = collector.seconds
        collector.collect(roots: roots, codes: [], threads: [current] + extraThreads(), extraTracers: [])
        // The roots held every symbol; with them gone, a symbol only the table holds is garbage.
        roots = []
        symbols.sweep()
        if collector.reports {
            let ms = Int(((collector.seconds - start) * 1000).rounded())
            currentError.write("[GC] collection \(collector.collections): \(collector.lastTraced) objects traced, "
                               + "\(collector.lastReclaimed) containers cleared, \(ms) ms\n")
            currentError.flushWaiting()
        }
    }

    /// Collects now, while no Scheme code runs (roots: globals and suspended threads).
    func collectNow() {
        let idle = SchemeThread(capacity: 16)
        idle.sp = 0
        collectCycles(current: idle)
    }

    /// Threads other than the running one (the scheduler adds its queues here).
    func extraThreads() -> [SchemeThread] { scheduler.suspendedThreads() }
}

extension Interpreter {
    /// Called by `deinit`. Globals live on symbols, so every global closure is in a cycle
    /// (symbol → closure → code → symbol), and so are threads, handlers and mutated
    /// containers: garbage only now, which ARC alone would never free. Breaking the
    /// interpreter's own links frees them; the host's handles and `Value`s stay valid data.
    func releaseCycles() {
        scheduler.discardThreads()
        mainThread.discard()
        for s in symbols.allSymbols { s.value = .undefined }
        toplevel.removeAll()
        preludeSyntax.removeAll()
        setters = [:]
        recordPrinters = [:]
        readTable.plain = [:]
        readTable.sharp = [:]
        readTable.parameterized = [:]
        modules = [:]
        builtinModules = [:]
        exitHandlers = []
        lazyDefinitions = [:]
        lazySyntax = [:]
        raiseProcedure = .unspecified
        windAndContinue = .unspecified
        parameterAssign = .unspecified
        collector.collect(roots: Array(handles.values.values), codes: [], threads: [], extraTracers: [])
    }
}
