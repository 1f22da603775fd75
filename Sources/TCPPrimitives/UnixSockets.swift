import Glibc
import SchemeCore

/// Unix-domain stream sockets with the `unix-sockets` egg's names. Connections are the tcp
/// unit's ports (named "(unix)"), so they park only the calling thread and honour
/// `tcp-read-timeout`, `tcp-write-timeout`, `tcp-accept-timeout` and `tcp-connect-timeout`.
final class UnixListener: SchemeObject, CustomPrintable {
    let socket: FileDescriptor
    let path: String
    var closed = false

    init(_ socket: FileDescriptor, path: String) {
        self.socket = socket
        self.path = path
    }

    override var typeName: String { "unix-listener" }
    var printedForm: String { "#<unix-listener>" }
    var isAbstract: Bool { path.utf8.first == 0 }
}

extension TCPUnit {
    func installUnixSockets(_ s: Interpreter) {
        s.defineProcedure("unix-listen", arity: .range(1, 2)) { a in try self.unixListen(a) }
        s.defineProcedure("unix-listener?", arity: .exactly(1)) { a in
            if case .object(is UnixListener) = a[0] { return .true }
            return .false
        }
        s.defineProcedure("unix-accept", arity: .exactly(1)) { a in try self.unixAccept(a[0]) }
        s.defineProcedure("unix-accept-ready?", arity: .exactly(1)) { a in
            let l = try self.unixListener(a[0], "unix-accept-ready?")
            if l.closed { throw self.netError("listener is closed", [a[0]], "unix-accept-ready?") }
            return .bool(!(try l.socket.poll(.input)).isEmpty)
        }
        s.defineProcedure("unix-connect", arity: .exactly(1)) { a in try self.unixConnect(a[0]) }
        s.defineProcedure("unix-close", arity: .exactly(1)) { a in try self.unixClose(a[0]) }
        s.defineProcedure("unix-listener-fileno", arity: .exactly(1)) { a in
            .fixnum(Int(try self.unixListener(a[0], "unix-listener-fileno").socket.rawValue))
        }
        s.defineProcedure("unix-listener-path", arity: .exactly(1)) { a in
            Value(try self.unixListener(a[0], "unix-listener-path").path)
        }
        // (unix-pair) => two connected ends: input and output port of one, then of the other.
        s.defineProcedure("unix-pair", arity: .exactly(0)) { _ in
            do {
                let (a, b) = try FileDescriptor.socketPair()
                return .values(self.unixPorts(a).valuesArray + self.unixPorts(b).valuesArray)
            } catch let e as Errno {
                throw self.netError("cannot create socket pair - \(e.text)", [], "unix-pair")
            }
        }
    }

    private func unixListener(_ v: Value, _ loc: String) throws -> UnixListener {
        guard case .object(let l as UnixListener) = v else {
            throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not a unix listener", irritants: [v], location: loc)
        }
        return l
    }

    private func unixPath(_ v: Value, _ loc: String) throws -> String {
        guard case .string(let s) = v else {
            throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not a string", irritants: [v], location: loc)
        }
        return s.string
    }

    /// The ports of a connected Unix socket.
    private func unixPorts(_ socket: FileDescriptor) -> Value {
        let ports = makePorts(socket, tcpNoDelay: false)
        for p in ports.valuesArray { if case .object(let port as Port) = p { port.name = "(unix)" } }
        return ports
    }

    /// `(unix-listen path [backlog])`. A socket file left by a process that is gone (nothing
    /// accepts on it) is removed and the bind tried again; one that answers is "in use".
    private func unixListen(_ a: Arguments) throws -> Value {
        let path = try unixPath(a[0], "unix-listen")
        let backlog = a.count > 1 ? Int32(clamping: try a.int(1)) : 10
        let socket: FileDescriptor
        do { socket = try FileDescriptor.socket(family: AF_UNIX) } catch let e as Errno {
            throw netError("cannot create socket - \(e.text)", [a[0]], "unix-listen")
        }
        func failed(_ message: String, _ e: Errno) -> SchemeError {
            try? socket.close()
            return netError("\(message) - \(e.text)", [a[0]], "unix-listen")
        }
        do {
            try bindUnix(socket, path)
            try socket.listen(backlog: backlog)
        } catch let e as Errno {
            throw failed("cannot bind to socket", e)
        }
        return .object(UnixListener(socket, path: path))
    }

    private func bindUnix(_ socket: FileDescriptor, _ path: String) throws {
        do {
            try FileDescriptor.withUnixAddress(path) { try socket.bind($0, $1) }
        } catch let e as Errno where e.rawValue == EADDRINUSE && path.utf8.first != 0 && isStale(path) {
            try Posix.removeFile(path)
            try FileDescriptor.withUnixAddress(path) { try socket.bind($0, $1) }
        }
    }

    /// Whether the socket file at `path` has nobody accepting on it.
    private func isStale(_ path: String) -> Bool {
        guard Posix.fileKind(path, followLinks: false) == .socket, let probe = try? FileDescriptor.socket(family: AF_UNIX) else {
            return false
        }
        defer { try? probe.close() }
        do {
            _ = try FileDescriptor.withUnixAddress(path) { try probe.connect($0, $1) }
            return false
        } catch let e as Errno {
            return e.rawValue == ECONNREFUSED
        } catch {
            return false
        }
    }

    private func unixAccept(_ v: Value) throws -> Value {
        let l = try unixListener(v, "unix-accept")
        return try acceptWaiting(l.socket, isClosed: { l.closed }, v, "unix-accept") { self.unixPorts($0) }
    }

    /// `(unix-connect path)`. A listener whose backlog is full answers EAGAIN (a Unix
    /// socket never connects in the background): the thread retries every 10 ms until
    /// `tcp-connect-timeout`.
    private func unixConnect(_ v: Value) throws -> Value {
        let path = try unixPath(v, "unix-connect")
        let ms = parameter(connectTimeout)
        let deadline = TCPUnit.deadline(ms)
        func attempt(_ outcome: WaitOutcome?) throws -> Value {
            let socket: FileDescriptor
            do { socket = try FileDescriptor.socket(family: AF_UNIX) } catch let e as Errno {
                throw netError("cannot create socket - \(e.text)", [v], "unix-connect")
            }
            do {
                _ = try FileDescriptor.withUnixAddress(path) { try socket.connect($0, $1) }
                return unixPorts(socket)
            } catch let e as Errno {
                try? socket.close()
                guard e.rawValue == EAGAIN else { throw netError("cannot connect to socket - \(e.text)", [v], "unix-connect") }
                if let deadline, deadline <= monotonicSeconds() {
                    throw timeoutError("connect operation timed out", [ms, v], "unix-connect")
                }
                throw SchemeError.wait(.sleep(until: monotonicSeconds() + 0.01), finishing: attempt)
            }
        }
        return try attempt(nil)
    }

    /// `(unix-close listener)`: closes once, and removes the socket file it made.
    private func unixClose(_ v: Value) throws -> Value {
        let l = try unixListener(v, "unix-close")
        guard !l.closed else { throw netError("cannot close socket - \(Errno(EBADF).text)", [v], "unix-close") }
        l.closed = true
        interpreter?.willClose(fileDescriptor: l.socket.rawValue)
        try? l.socket.close()
        if !l.isAbstract { try? Posix.removeFile(l.path) }
        return .unspecified
    }
}
