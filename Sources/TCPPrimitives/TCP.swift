import CSystem
import Glibc
import SchemeCore

/// CHICKEN's tcp unit, registered into an interpreter through SchemeCore's public API.
///
/// ```swift
/// let scheme = Interpreter()
/// TCP.install(into: scheme)
/// try scheme.eval(#"(define-values (i o) (tcp-connect "localhost" 8080))"#)
/// ```
public enum TCP {
    /// Registers the 16 procedures and parameters of the tcp unit in `interpreter` and
    /// ignores SIGPIPE (a write to a closed peer raises "Broken pipe" instead).
    public static func install(into interpreter: Interpreter) {
        // A host that revoked the network gets no sockets (Interpreter.revoke).
        guard !interpreter.revoked.contains(.network) else { return }
        signal(SIGPIPE, SIG_IGN)
        TCPUnit(interpreter).install()
    }
}

/// A socket being connected: closed (and the scheduler told) unless it becomes a
/// connection, also when the connecting thread is terminated while it waits.
private final class PendingSocket {
    private let socket: FileDescriptor
    private let link: InterpreterReference
    private var done = false

    init(_ socket: FileDescriptor, _ link: InterpreterReference) {
        self.socket = socket
        self.link = link
    }

    /// The socket, now owned by the connection's ports.
    func handOver() -> FileDescriptor {
        done = true
        return socket
    }

    func close() {
        guard !done else { return }
        done = true
        link.interpreter?.willClose(fileDescriptor: socket.rawValue)
        try? socket.close()
    }

    deinit { close() }
}

/// The unit's state in one interpreter: its parameters and the procedures' shared checks.
/// One short function per public procedure, as in CHICKEN's tcp.scm.
final class TCPUnit {
    let link: InterpreterReference
    var interpreter: Interpreter? { link.interpreter }
    let bufferSize: Value
    let readTimeout: Value
    let writeTimeout: Value
    let connectTimeout: Value
    let acceptTimeout: Value
    /// `tcp-reuse-port`: listeners made while it is true share their port with other
    /// processes' (SO_REUSEPORT), the kernel spreading connections among them.
    let reusePort: Value
    /// The descriptor kept in reserve for running out of them at `accept`.
    let reserve = ReserveDescriptor()

    init(_ interp: Interpreter) {
        link = interp.reference
        let timeoutGuard = TCPUnit.timeoutGuard
        bufferSize = interp.makeParameter(.false)
        readTimeout = interp.makeParameter(.fixnum(60000), guard: timeoutGuard("tcp-read-timeout"))
        writeTimeout = interp.makeParameter(.fixnum(60000), guard: timeoutGuard("tcp-write-timeout"))
        connectTimeout = interp.makeParameter(.false, guard: timeoutGuard("tcp-connect-timeout"))
        acceptTimeout = interp.makeParameter(.false, guard: timeoutGuard("tcp-accept-timeout"))
        reusePort = interp.makeParameter(.false)
    }

    /// A timeout parameter's guard: milliseconds (a fixnum) or #f.
    static func timeoutGuard(_ name: String) -> (Value) throws -> Value {
        { v in
            if v.isFalse { return v }
            guard case .fixnum = v else {
                throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not a fixnum", irritants: [v], location: name)
            }
            return v
        }
    }

    func install() {
        guard let s = interpreter else { return }
        s.define("tcp-buffer-size", bufferSize)
        s.define("tcp-read-timeout", readTimeout)
        s.define("tcp-write-timeout", writeTimeout)
        s.define("tcp-connect-timeout", connectTimeout)
        s.define("tcp-accept-timeout", acceptTimeout)
        s.define("tcp-reuse-port", reusePort)
        s.defineProcedure("tcp-listen", arity: .atLeast(1)) { a in try self.listen(a) }
        s.defineProcedure("tcp-listener?", arity: .exactly(1)) { a in
            if case .object(is TCPListener) = a[0] { return .true }
            return .false
        }
        s.defineProcedure("tcp-close", arity: .exactly(1)) { a in try self.closeListener(a[0]) }
        s.defineProcedure("tcp-accept", arity: .exactly(1)) { a in try self.accept(a[0]) }
        s.defineProcedure("tcp-accept-ready?", arity: .exactly(1)) { a in
            let l = try self.listener(a[0], "tcp-accept-ready?")
            // CHICKEN 5.3 answers #t (poll reports POLLNVAL); measured, although issue 12 says #f.
            if l.closed { return .true }
            do {
                return .bool(!(try l.socket.poll(.input)).isEmpty)
            } catch let e as Errno {
                throw self.netError("cannot check socket for input - \(e.text)", [a[0]], "tcp-accept-ready?")
            }
        }
        s.defineProcedure("tcp-listener-port", arity: .exactly(1)) { a in
            let l = try self.listener(a[0], "tcp-listener-port")
            let r: Result<SocketAddress, Errno> = l.closed ? .failure(Errno(EBADF)) : SocketAddress.of(l.fd, peer: false)
            switch r {
            case .success(let addr): return .fixnum(addr.port)
            case .failure(let e):
                throw self.netError("cannot obtain listener port - \(e.text)", [a[0], .fixnum(Int(l.fd))], "tcp-listener-port")
            }
        }
        s.defineProcedure("tcp-listener-fileno", arity: .exactly(1)) { a in
            .fixnum(Int(try self.listener(a[0], "tcp-listener-fileno").fd))
        }
        s.defineProcedure("tcp-connect", arity: .atLeast(1)) { a in try self.connect(a) }
        s.defineProcedure("tcp-addresses", arity: .exactly(1)) { a in
            let c = try self.connection(a[0], "tcp-addresses", abandon: false)
            let local = try self.address(c, peer: false, a[0], "tcp-addresses", "cannot compute local address")
            let remote = try self.address(c, peer: true, a[0], "tcp-addresses", "cannot compute remote address")
            return .values([Value(local.host), Value(remote.host)])
        }
        s.defineProcedure("tcp-port-numbers", arity: .exactly(1)) { a in
            let c = try self.connection(a[0], "tcp-port-numbers", abandon: false)
            let local = try self.address(c, peer: false, a[0], "tcp-port-numbers", "cannot compute local port")
            let remote = try self.address(c, peer: true, a[0], "tcp-port-numbers", "cannot compute remote port")
            return .values([.fixnum(local.port), .fixnum(remote.port)])
        }
        s.defineProcedure("tcp-abandon-port", arity: .exactly(1)) { a in
            let c = try self.connection(a[0], "tcp-abandon-port", abandon: true)
            if case .object(let p as Port) = a[0], p.isInput { c.inputAbandoned = true } else { c.outputAbandoned = true }
            return .unspecified
        }
        installUnixSockets(s)
        installUDP(s, recvTimeout: s.makeParameter(.false, guard: TCPUnit.timeoutGuard("udp-recv-timeout")))
    }

    // MARK: - Procedures

    /// `(tcp-listen PORT [BACKLOG [HOST]])`
    private func listen(_ a: Arguments) throws -> Value {
        let port = try fixnum(a[0])
        guard (0...65535).contains(port) else {
            throw SchemeError.exn(kinds: ["domain"], message: "invalid port number", irritants: [a[0]], location: "tcp-listen")
        }
        let backlog = a.count > 1 ? try fixnum(a[1]) : 100
        var hostValue: Value = .false
        var address = SocketAddress.any(port: port)
        if a.count > 2, !a[2].isFalse {
            hostValue = a[2]
            let host = try string(a[2])
            try TCPUnit.checkCString(host)
            guard let found = (Lookup.immediate(host, port: port) ?? Lookup.blockingLookup(host, port: port)).first else {
                throw netError("getting listener host IP failed", [a[2], a[0]], "tcp-listen")
            }
            address = found
        }
        guard let socket = try? FileDescriptor.socket(family: address.family) else {
            throw SchemeError.exn(kinds: [], message: "cannot create socket", irritants: [], location: nil)
        }
        let fd = Value.fixnum(Int(socket.rawValue))
        func failed(_ message: String, _ e: Errno, _ irritants: [Value]) -> SchemeError {
            try? socket.close()
            return netError("\(message) - \(e.text)", irritants, "tcp-listen")
        }
        do {
            try socket.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
            if !parameter(reusePort).isFalse { try socket.setOption(SOL_SOCKET, SO_REUSEPORT, 1) }
        } catch let e as Errno {
            throw failed("error while setting up socket", e, [fd])
        }
        do { try address.withSockAddr { try socket.bind($0, $1) } } catch let e as Errno {
            throw failed("cannot bind to socket", e, [fd, hostValue, a[0]])
        }
        do { try socket.listen(backlog: Int32(truncatingIfNeeded: backlog)) } catch let e as Errno {
            throw failed("cannot listen on socket", e, [fd, a[0]])
        }
        return .object(TCPListener(socket))
    }

    /// `(tcp-close LISTENER)`: closes once; a second close is EBADF, as in CHICKEN, but
    /// never touches an fd that was reused meanwhile.
    private func closeListener(_ v: Value) throws -> Value {
        let l = try listener(v, nil)
        guard !l.closed else { throw netError("cannot close TCP socket - \(Errno(EBADF).text)", [v], "tcp-close") }
        l.closed = true
        interpreter?.willClose(fileDescriptor: l.fd)
        do { try l.socket.close() } catch let e as Errno {
            throw netError("cannot close TCP socket - \(e.text)", [v], "tcp-close")
        }
        return .unspecified
    }

    /// `(tcp-accept LISTENER)`.
    private func accept(_ v: Value) throws -> Value {
        let l = try listener(v, nil)
        return try acceptWaiting(l.socket, isClosed: { l.closed }, v, "tcp-accept") { self.makePorts($0) }
    }

    /// `(tcp-connect HOST [PORT])`, with `HOST:PORT` and `[V6]:PORT` as the manual says.
    private func connect(_ a: Arguments) throws -> Value {
        let ms = parameter(connectTimeout)
        let hostText = try string(a[0])
        var host = hostText
        var port: Int
        if a.count < 2 || a[1].isFalse {
            guard let (h, service) = TCPUnit.splitHostPort(hostText) else {
                throw SchemeError.exn(kinds: ["domain"], message: "no port specified", irritants: [a[0]], location: "tcp-connect")
            }
            host = h
            if let n = Int(service), !service.hasPrefix("+"), !service.hasPrefix("-") {
                port = n
            } else if let entry = getservbyname(service, "tcp") {
                port = Int(UInt16(bigEndian: UInt16(truncatingIfNeeded: entry.pointee.s_port)))
            } else {
                throw netError("cannot compute port from service - \(Errno(errno).text)", [Value(service)], "tcp-connect")
            }
        } else {
            port = try fixnum(a[1])
        }
        if port > 65535 {
            throw SchemeError.exn(kinds: ["type"], message: "number does not fit in foreign type", irritants: [.fixnum(port)], location: nil)
        }
        if port < 0 {
            throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not an unsigned integer", irritants: [.fixnum(port)], location: nil)
        }
        try TCPUnit.checkCString(host)
        // The connect timeout covers the name lookup too.
        let deadline = TCPUnit.deadline(ms)
        guard let interp = interpreter else { throw netError("cannot find host address", [Value(hostText)], "tcp-connect") }
        let lookup = Lookup(host: host, port: port, interp)
        func resolved(_ outcome: WaitOutcome?) throws -> Value {
            if outcome == .timedOut {
                throw timeoutError("connect operation timed out", [ms], "tcp-connect")
            }
            let addresses: [SocketAddress]
            if let known = Lookup.immediate(host, port: port) {
                addresses = known
            } else {
                do { addresses = try lookup.result(deadline: deadline) } catch SchemeError.wait(let request, _) {
                    throw SchemeError.wait(request, finishing: resolved)
                }
            }
            guard !addresses.isEmpty else {
                throw netError("cannot find host address", [Value(hostText)], "tcp-connect")
            }
            return try connectTo(addresses, 0, host: hostText, port: port, ms: ms, deadline: deadline)
        }
        return try resolved(nil)
    }

    /// Connects to `addresses[i]`, falling back to the next one on failure.
    private func connectTo(_ addresses: [SocketAddress], _ i: Int, host: String, port: Int, ms: Value, deadline: Double?) throws -> Value {
        let address = addresses[i]
        let socket: FileDescriptor
        do { socket = try FileDescriptor.socket(family: address.family) } catch let e as Errno {
            throw netError("cannot create socket - \(e.text)", [Value(host), .fixnum(port)], "tcp-connect")
        }
        let fd = Value.fixnum(Int(socket.rawValue))
        let pending = PendingSocket(socket, link)
        func next(_ error: SchemeError) throws -> Value {
            pending.close()
            if i + 1 < addresses.count {
                return try connectTo(addresses, i + 1, host: host, port: port, ms: ms, deadline: deadline)
            }
            throw error
        }
        func finish(_ outcome: WaitOutcome) throws -> Value {
            if outcome == .timedOut {
                pending.close()
                throw timeoutError("connect operation timed out", [ms, fd], "tcp-connect")
            }
            do {
                if let e = try socket.pendingError() {
                    if e == .inProgress || e == Errno(EALREADY) {
                        throw SchemeError.wait(.writable(fd: socket.rawValue, deadline: deadline), finishing: finish)
                    }
                    return try next(netError("cannot create socket - \(e.text)", [], "tcp-connect"))
                }
            } catch let e as Errno {
                return try next(netError("getsockopt() failed - \(e.text)", [fd], "tcp-connect"))
            }
            return makePorts(pending.handOver())
        }
        do {
            if try address.withSockAddr({ try socket.connect($0, $1) }) { return makePorts(pending.handOver()) }
        } catch let e as Errno {
            return try next(netError("cannot connect to socket - \(e.text)", [fd, Value(host), .fixnum(port)], "tcp-connect"))
        }
        throw SchemeError.wait(.writable(fd: socket.rawValue, deadline: deadline), finishing: finish)
    }

    /// The two ports of a connected socket.
    func makePorts(_ socket: FileDescriptor, tcpNoDelay: Bool = true) -> Value {
        if tcpNoDelay { try? socket.setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1) }
        let c = TCPConnection(socket)
        var size = 0
        if case .fixnum(let n)? = interpreter?.parameterValue(bufferSize), n > 0 { size = n }
        return .values([.object(TCPInputPort(c, self)), .object(TCPOutputPort(c, self, bufferSize: size))])
    }

    /// Splits `HOST:PORT` at the last colon; `[V6]:PORT` for IPv6 literals.
    static func splitHostPort(_ text: String) -> (String, String)? {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            return (host, String(rest.dropFirst()))
        }
        guard let colon = text.lastIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    // MARK: - Checks and conditions

    func parameter(_ p: Value) -> Value { link.parameterValue(p) ?? .false }

    /// A deadline from a timeout in milliseconds (`#f`: none).
    static func deadline(_ ms: Value) -> Double? {
        guard case .fixnum(let n) = ms else { return nil }
        return deadline(milliseconds: n)
    }

    /// The timeout a port's wait takes from `p` (its guard admits a fixnum or `#f`): the
    /// milliseconds, or nil for none. A server's port waits once per request; keeping the
    /// number rather than the `Value` saves the enum's copies and destroys.
    func milliseconds(_ p: Value) -> Int? {
        guard case .fixnum(let n) = link.parameterValue(p) else { return nil }
        return n
    }

    /// A deadline `ms` milliseconds from now (nil: none).
    static func deadline(milliseconds ms: Int?) -> Double? {
        ms.map { monotonicSeconds() + Double($0) / 1000 }
    }

    /// A timeout as the irritant of its error: the milliseconds, or `#f`.
    static func timeoutValue(_ ms: Int?) -> Value { ms.map { .fixnum($0) } ?? .false }

    private func fixnum(_ v: Value) throws -> Int {
        guard case .fixnum(let n) = v else {
            throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not a fixnum", irritants: [v], location: nil)
        }
        return n
    }

    private func string(_ v: Value) throws -> String {
        guard case .string(let s) = v else {
            throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not a string", irritants: [v], location: nil)
        }
        return s.string
    }

    /// A host name goes to C as a C string: a NUL byte would silently cut it short, so it is
    /// an error, worded and located as CHICKEN's.
    static func checkCString(_ text: String) throws {
        guard text.utf8.contains(0) else { return }
        throw SchemeError.exn(kinds: ["type"], message: "cannot represent string with NUL bytes as C string",
                              irritants: [Value(text)], location: "##sys#make-c-string")
    }

    private func listener(_ v: Value, _ loc: String?) throws -> TCPListener {
        guard case .object(let l as TCPListener) = v else {
            throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not a structure of the required type",
                                  irritants: [v, interpreter?.symbol("tcp-listener") ?? .false], location: loc)
        }
        return l
    }

    /// The connection of an open TCP port (CHICKEN's checks, in its order).
    private func connection(_ v: Value, _ loc: String, abandon: Bool) throws -> TCPConnection {
        guard case .object(let p as Port) = v else {
            throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not a port", irritants: [v], location: loc)
        }
        if p.isClosed {
            throw SchemeError.exn(kinds: ["i/o", "file"], message: "port already closed", irritants: [v], location: loc)
        }
        if let i = p as? TCPInputPort { return i.connection }
        if let o = p as? TCPOutputPort { return o.connection }
        throw SchemeError.exn(kinds: abandon ? ["type"] : [], message: "argument does not appear to be a TCP port",
                              irritants: [v], location: loc)
    }

    private func address(_ c: TCPConnection, peer: Bool, _ v: Value, _ loc: String, _ what: String) throws -> SocketAddress {
        switch SocketAddress.of(c.fd, peer: peer) {
        case .success(let a): return a
        case .failure(let e): throw netError("\(what) - \(e.text)", [v], loc)
        }
    }

    /// `(exn i/o net)` — plus `network`, the kind the old manual page names (decisions.md 4).
    func netError(_ message: String, _ irritants: [Value], _ location: String?) -> SchemeError {
        .exn(kinds: ["i/o", "net", "network"], message: message, irritants: irritants, location: location)
    }

    /// `(exn i/o net timeout)` (and `network`).
    func timeoutError(_ message: String, _ irritants: [Value], _ location: String?) -> SchemeError {
        .exn(kinds: ["i/o", "net", "network", "timeout"], message: message, irritants: irritants, location: location)
    }
}
