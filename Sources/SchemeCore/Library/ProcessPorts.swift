import Glibc

/// Waiting for children and the ports on their pipes (see ProcessPrimitives.swift).
extension Interpreter {
    /// Waits for `pid` (-1: any child) without stopping other green threads, then answers
    /// `done(pid, termination)`. With `noHang`, a child still running gives CHICKEN's
    /// answer for it, `done(0, normal exit 0)`.
    /// With `goneIsDone`, a child reaped already counts as one that exited normally.
    func awaitChild(_ pid: pid_t, noHang: Bool, _ table: ProcessTable, goneIsDone: Bool = false,
                    _ done: @escaping (pid_t, Termination) throws -> Value) throws -> Value {
        func forget(_ p: pid_t) {
            guard let fd = table.exitDescriptors.removeValue(forKey: p) else { return }
            willClose(fileDescriptor: fd.rawValue)
            try? fd.close()
        }
        func attempt(_ outcome: WaitOutcome?) throws -> Value {
            let reaped: (pid: pid_t, Termination)?
            do { reaped = try ChildProcess.reap(pid) } catch let e as Errno {
                forget(pid)
                if goneIsDone, e == .noChild { return try done(pid, Termination(normal: true, status: 0)) }
                throw Interpreter.processError("waiting for child process failed - \(e.text)", [.fixnum(Int(pid))], "process-wait")
            }
            if let (p, t) = reaped {
                forget(p)
                return try done(p, t)
            }
            if noHang { return try done(0, Termination(normal: true, status: 0)) }
            // Park on the child's pidfd; for "any child" (or without pidfds) look again soon.
            if pid > 0, let fd = table.exitDescriptors[pid] ?? ChildProcess(pid: pid).exitDescriptor() {
                table.exitDescriptors[pid] = fd
                throw SchemeError.wait(.readable(fd: fd.rawValue, deadline: nil), finishing: attempt)
            }
            throw SchemeError.wait(.sleep(until: monotonicSeconds() + 0.01), finishing: attempt)
        }
        return try attempt(nil)
    }

    /// `(process command [arguments [environment]])` and `process*`: the child's output as
    /// an input port, its input as an output port, its pid, and for `process*` its errors.
    func processPorts(_ args: Arguments, withErrorPort: Bool, _ loc: String) throws -> Value {
        let argv = try commandLine(args, loc)
        let environment = args.count > 2 ? try environmentList(args[2], loc) : nil
        var opened: [FileDescriptor] = []
        defer { opened.forEach { try? $0.close() } }  // the child's ends, and all on failure
        func pipe() throws -> (read: FileDescriptor, write: FileDescriptor) {
            do {
                let p = try FileDescriptor.pipe()
                opened += [p.read, p.write]
                return p
            } catch let e as Errno { throw Interpreter.processError("cannot create pipe - \(e.text)", [], loc) }
        }
        let toChild = try pipe(), fromChild = try pipe()
        let errors = withErrorPort ? try pipe() : nil
        var redirect = [(child: Int32(0), from: toChild.read.rawValue), (child: Int32(1), from: fromChild.write.rawValue)]
        if let errors { redirect.append((child: 2, from: errors.write.rawValue)) }
        let child = try spawn(argv, environment, redirect, loc)
        var ports = [try pipePort(fromChild.read, input: true), try pipePort(toChild.write, input: false)]
        if let errors { ports.append(try pipePort(errors.read, input: true)) }
        opened.removeAll { $0 == fromChild.read || $0 == toChild.write || $0 == errors?.read }
        processTable.addChild(child.pid, ports: ports, loc)
        var results = [Value.object(ports[0]), .object(ports[1]), .fixnum(Int(child.pid))]
        if ports.count > 2 { results.append(.object(ports[2])) }
        return .object(MultipleValues(results))
    }

    /// After the close of a `process` port: the close of the child's last open port waits
    /// for the child, as CHICKEN's does, so that it leaves no zombie; a child that a signal
    /// ended is then an `(exn process)` error, "abnormal process exit". A child reaped
    /// already (by `process-wait`) is no error.
    func closedChildPort(_ port: Port) throws -> Value {
        guard let child = processTable.takeChild(of: port) else { return .unspecified }
        child.open -= 1
        guard child.open == 0 else { return .unspecified }
        return try awaitChild(child.pid, noHang: false, processTable, goneIsDone: true) { pid, t in
            guard t.normal else {
                throw Interpreter.processError("abnormal process exit", [.fixnum(Int(pid)), .fixnum(Int(t.status))], child.location)
            }
            return .unspecified
        }
    }

    /// A port on our end of a pipe, made non-blocking (this process alone holds it).
    private func pipePort(_ fd: FileDescriptor, input: Bool) throws -> Port {
        try? fd.setNonBlocking()
        return FDPort(fd: fd.rawValue, input: input, name: "(pipe)", ownsFD: true)
    }

    /// An environment alist `(("NAME" . "VALUE") ...)` as `NAME=VALUE` strings.
    func environmentList(_ v: Value, _ loc: String) throws -> [String] {
        var out: [String] = []
        var cur = v
        while case .pair(let p) = cur {
            guard case .pair(let entry) = p.car, case .string(let name) = entry.car, case .string(let value) = entry.cdr else {
                throw SchemeError.typeMsg(loc, "bad argument type - not an environment entry", p.car)
            }
            out.append(try Check.cString(.string(name), loc) + "=" + Check.cString(.string(value), loc))
            cur = p.cdr
        }
        return out
    }

    /// `open-input-pipe` / `open-output-pipe`: a port on the standard output or input of
    /// `/bin/sh -c command`.
    func openPipe(_ command: String, input: Bool, _ table: ProcessTable) throws -> Value {
        let loc = input ? "open-input-pipe" : "open-output-pipe"
        let ends: (read: FileDescriptor, write: FileDescriptor)
        do { ends = try FileDescriptor.pipe() } catch let e as Errno {
            throw Interpreter.processError("cannot create pipe - \(e.text)", [], loc)
        }
        let (ours, theirs) = input ? (ends.read, ends.write) : (ends.write, ends.read)
        defer { try? theirs.close() }
        let child: ChildProcess
        do { child = try spawn(["/bin/sh", "-c", command], nil, [(child: input ? 1 : 0, from: theirs.rawValue)], loc) } catch {
            try? ours.close()
            throw error
        }
        let port = try pipePort(ours, input: input)
        table.add(port, child.pid)
        return .object(port)
    }

    /// `close-input-pipe` / `close-output-pipe`: closes the port, waits for the command and
    /// returns its raw wait status.
    func closePipe(_ v: Value, _ table: ProcessTable, _ loc: String) throws -> Value {
        guard case .object(let o) = v, let port = o as? Port, let pid = table.pid(of: port) else {
            throw SchemeError.typeMsg(loc, "bad argument type - not a pipe port", v)
        }
        do { _ = try closePort(port) } catch SchemeError.wait(let request, let then) {
            throw SchemeError.wait(request, then: { [unowned(unsafe) self] outcome in
                _ = try then(outcome)
                return .result(try self.closePipe(v, table, loc))
            })
        }
        table.pipes.removeValue(forKey: ObjectIdentifier(o))
        return try awaitChild(pid, noHang: false, table) { _, t in .fixnum(Int(t.rawStatus)) }
    }
}
