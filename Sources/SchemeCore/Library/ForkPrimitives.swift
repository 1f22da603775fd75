import Glibc

/// `process-fork`, `process-execute`, `process-spawn` and `qs`: the parts of
/// `(chicken process)` that replace or copy this process rather than start another.
extension Interpreter {
    func forkPrimitives() -> [Primitive] {
        [
            // (process-fork [thunk [kill-others?]]): the child's pid, or 0 in the child. With
            // a thunk the child runs it and ends (Prelude/process.scm).
            prim("%process-fork", Signature(.any)) { [unowned(unsafe) self] args in
                // Written out now, or the child would write the same buffered output again.
                self.flushStandardOutput()
                let child: ChildProcess?
                do { child = try ChildProcess.fork() } catch let e as Errno {
                    throw Interpreter.processError("cannot create child process - \(e.text)", [], "process-fork")
                }
                if let child { return .fixnum(Int(child.pid)) }
                self.isForkedChild = true
                Signals.renewAfterFork()
                UserInterruptWake.pipe?.renewAfterFork()
                self.scheduler.selector.reopenAfterFork()
                if !args[0].isFalse { self.scheduler.terminateOthers() }
                return .fixnum(0)
            },
            prim("%exit-forked-child", Signature(.fixnum)) { [unowned(unsafe) self] args in
                self.flushBeforeExit()
                ChildProcess.exitImmediately(Int32(truncatingIfNeeded: try args.int(0)))
            },
            prim("process-execute", Signature(.string, optional: [.list, .list])) { [unowned(unsafe) self] args in
                let argv = [try args.cString(0)] + (args.count > 1 ? try args.list(1).map { try Check.cString($0, "process-execute") } : [])
                let environment = args.count > 2 ? try self.environmentList(args[2], "process-execute") : nil
                self.flushStandardOutput()
                do { try ChildProcess.execute(argv, environment: environment) } catch let e as Errno {
                    throw Interpreter.processError("cannot execute process - \(e.text)", [args[0]], "process-execute")
                }
            },
            prim("process-spawn", .atLeast(0)) { _ in
                throw SchemeError.exn(kinds: [], message: "this function is not available on this platform", irritants: [],
                                      location: "process-spawn")
            },
            // (qs string [platform]): the string quoted for the shell.
            prim("qs", Signature(.string, optional: [.symbol])) { args in
                let s = try args.string(0).string
                if args.count > 1, case .symbol(let p) = args[1], p.name == "mingw32" {
                    return .string(MString("\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""))
                }
                return .string(MString("'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"))
            },
        ]
    }

    /// Writes out the standard output and error ports, waiting for them if need be (the
    /// process ends right after).
    func flushBeforeExit() {
        currentOutput.flushWaiting()
        currentError.flushWaiting()
    }

    /// `(chicken process)`'s spawn modes and `pipe/buf` (all spawn modes are 0 outside
    /// Windows, as in CHICKEN).
    func defineForkConstants() {
        for name in ["spawn/overlay", "spawn/wait", "spawn/nowait", "spawn/nowaito", "spawn/detach"] { define(name, .fixnum(0)) }
        define("pipe/buf", .fixnum(Int(PIPE_BUF)))
    }
}
