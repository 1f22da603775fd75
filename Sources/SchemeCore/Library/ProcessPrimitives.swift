import Glibc

/// `(chicken process)`: running programs. Children start with `posix_spawnp`; a wait for
/// one parks only the calling green thread (on the child's pidfd, or on a short timer where
/// the kernel has none, and for "any child"), so a server keeps serving while a script's
/// child runs. Pipe ports are ordinary fd ports, non-blocking to the scheduler like the
/// others. CHICKEN's results: `system` and `close-input-pipe` return the raw wait status
/// (`(system "exit 4")` is 1024), `process-wait` the pid, normal-exit flag and code.
extension Interpreter {
    func processPrimitives() -> [Primitive] {
        let table = processTable
        return [
            prim("current-process-id", Signature()) { _ in .fixnum(Int(ChildProcess.currentID)) },
            prim("parent-process-id", Signature()) { _ in .fixnum(Int(ChildProcess.parentID)) },
            // (process-run command [arguments]): without arguments, `command` goes to /bin/sh.
            prim("process-run", Signature(.string, optional: [.list])) { [unowned(unsafe) self] args in
                let argv = try self.commandLine(args, "process-run")
                return .fixnum(Int(try self.spawn(argv, nil, [], "process-run").pid))
            },
            // (process-wait [pid [nohang]]) => pid, normal exit?, exit code or signal.
            prim("process-wait", Signature(optional: [.fixnum, .any])) { [unowned(unsafe) self] args in
                let pid = args.count > 0 ? pid_t(truncatingIfNeeded: try args.int(0)) : -1
                let noHang = args.count > 1 && !args[1].isFalse
                return try self.awaitChild(pid, noHang: noHang, table) { reaped, t in
                    .object(MultipleValues([.fixnum(Int(reaped)), .bool(t.normal), .fixnum(Int(t.status))]))
                }
            },
            prim("system", Signature(.string)) { [unowned(unsafe) self] args in
                let child = try self.spawn(["/bin/sh", "-c", try args.cString(0)], nil, [], "system")
                return try self.awaitChild(child.pid, noHang: false, table) { _, t in .fixnum(Int(t.rawStatus)) }
            },
            prim("process-signal", Signature(.fixnum, optional: [.fixnum])) { args in
                let signal = args.count > 1 ? Int32(truncatingIfNeeded: try args.int(1)) : SIGTERM
                do { try ChildProcess(pid: pid_t(truncatingIfNeeded: try args.int(0))).signal(signal) } catch let e as Errno {
                    throw Interpreter.processError("could not send signal to process - \(e.text)", [args[0]], "process-signal")
                }
                return .unspecified
            },
            // (process command [arguments [environment]]) => from child, to child, pid.
            prim("process", Signature(.string, optional: [.list, .list])) { [unowned(unsafe) self] args in
                try self.processPorts(args, withErrorPort: false, "process")
            },
            prim("process*", Signature(.string, optional: [.list, .list])) { [unowned(unsafe) self] args in
                try self.processPorts(args, withErrorPort: true, "process*")
            },
            prim("open-input-pipe", Signature(.string, optional: [.any])) { [unowned(unsafe) self] args in
                try self.openPipe(try args.cString(0), input: true, table)
            },
            prim("open-output-pipe", Signature(.string, optional: [.any])) { [unowned(unsafe) self] args in
                try self.openPipe(try args.cString(0), input: false, table)
            },
            prim("close-input-pipe", Signature(.port)) { [unowned(unsafe) self] args in
                try self.closePipe(args[0], table, "close-input-pipe")
            },
            prim("close-output-pipe", Signature(.port)) { [unowned(unsafe) self] args in
                try self.closePipe(args[0], table, "close-output-pipe")
            },
            // (create-pipe) => the read and write descriptors.
            prim("create-pipe", Signature(optional: [.any])) { _ in
                do {
                    let (r, w) = try FileDescriptor.pipe()
                    return .object(MultipleValues([.fixnum(Int(r.rawValue)), .fixnum(Int(w.rawValue))]))
                } catch let e as Errno {
                    throw Interpreter.processError("cannot create pipe - \(e.text)", [], "create-pipe")
                }
            },
        ]
    }

    /// `(chicken process signal)`'s signal numbers (Linux's), and `signals-list`.
    func defineSignalConstants() {
        let signals: [(String, Int32)] = [
            ("hup", SIGHUP), ("int", SIGINT), ("quit", SIGQUIT), ("ill", SIGILL), ("trap", SIGTRAP), ("abrt", SIGABRT),
            ("bus", SIGBUS), ("fpe", SIGFPE), ("kill", SIGKILL), ("usr1", SIGUSR1), ("segv", SIGSEGV), ("usr2", SIGUSR2),
            ("pipe", SIGPIPE), ("alrm", SIGALRM), ("term", SIGTERM), ("chld", SIGCHLD), ("cont", SIGCONT),
            ("stop", SIGSTOP), ("tstp", SIGTSTP), ("urg", SIGURG), ("xcpu", SIGXCPU), ("xfsz", SIGXFSZ),
            ("vtalrm", SIGVTALRM), ("prof", SIGPROF), ("winch", SIGWINCH), ("io", SIGIO),
        ]
        for (name, number) in signals { define("signal/" + name, .fixnum(Int(number))) }
        define("signal/break", .fixnum(0))  // Windows only in CHICKEN
        define("signals-list", Value.list(signals.map { .fixnum(Int($0.1)) }))
        // The Scheme handler of each signal; slot 0 holds the dispatcher thread once started.
        define("%signal-handlers", .vector(SVector(Array(repeating: .false, count: Int(NSIG)))))
    }

    /// CHICKEN's `(exn process)` condition.
    static func processError(_ message: String, _ irritants: [Value], _ loc: String) -> SchemeError {
        .exn(kinds: ["process"], message: message, irritants: irritants, location: loc)
    }

    /// argv for `(process-run command [arguments])`: the arguments as given, or a shell.
    func commandLine(_ args: Arguments, _ loc: String) throws -> [String] {
        let command = try args.cString(0)
        guard args.count > 1, !args[1].isFalse else { return ["/bin/sh", "-c", command] }
        return [command] + (try args.list(1).map { try Check.cString($0, loc) })
    }

    /// Starts a child after writing out what our standard ports hold, so output stays in order.
    func spawn(_ argv: [String], _ environment: [String]?, _ redirect: [(child: Int32, from: Int32)],
               _ loc: String) throws -> ChildProcess {
        currentOutput.flushWaiting()
        currentError.flushWaiting()
        do { return try ChildProcess.spawn(argv, environment: environment, redirect: redirect) } catch let e as Errno {
            throw Interpreter.processError("cannot execute process - \(e.text)", [.string(MString(argv[0]))], loc)
        }
    }
}

/// The pidfds threads wait on, by pid, and the pids behind pipe ports.
final class ProcessTable {
    var exitDescriptors: [pid_t: FileDescriptor] = [:]
    /// By port identity; the weak reference tells a live pipe port from a later object
    /// that reuses the identifier of one collected without `close-…-pipe`.
    var pipes: [ObjectIdentifier: (port: WeakPort, pid: pid_t)] = [:]
    /// The open ports of `process` and `process*` children, by port identity.
    var childPorts: [ObjectIdentifier: (port: WeakPort, child: ChildPorts)] = [:]

    struct WeakPort { weak var port: Port? }

    /// A `process` child whose ports are still open: the close of the last one reaps it.
    final class ChildPorts {
        let pid: pid_t
        let location: String
        var open: Int
        init(pid: pid_t, location: String, open: Int) { (self.pid, self.location, self.open) = (pid, location, open) }
    }

    /// Records the ports of a new child, dropping the entries of ports collected unclosed.
    func addChild(_ pid: pid_t, ports: [Port], _ location: String) {
        childPorts = childPorts.filter { $0.value.port.port != nil }
        let child = ChildPorts(pid: pid, location: location, open: ports.count)
        for p in ports { childPorts[ObjectIdentifier(p)] = (WeakPort(port: p), child) }
    }

    /// The child whose port `port` is, forgetting the port (it is being closed).
    func takeChild(of port: Port) -> ChildPorts? {
        guard let entry = childPorts[ObjectIdentifier(port)], entry.port.port === port else { return nil }
        childPorts.removeValue(forKey: ObjectIdentifier(port))
        return entry.child
    }

    /// Records a pipe port, dropping the entries of ports collected unclosed.
    func add(_ port: Port, _ pid: pid_t) {
        pipes = pipes.filter { $0.value.port.port != nil }
        pipes[ObjectIdentifier(port)] = (WeakPort(port: port), pid)
    }

    /// The child behind `port` if it is one of our pipe ports.
    func pid(of port: Port) -> pid_t? {
        guard let entry = pipes[ObjectIdentifier(port)], entry.port.port === port else { return nil }
        return entry.pid
    }
}

extension Termination {
    /// The status as `waitpid` reports it (exit code << 8, or the signal number).
    var rawStatus: Int32 { normal ? status << 8 : status }
}
