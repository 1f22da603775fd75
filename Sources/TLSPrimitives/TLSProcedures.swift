import CTLS
import Glibc
import SchemeCore

/// The native procedures. Connecting and accepting are Scheme (`schemeDefinitions`): they
/// use the tcp unit, then hand the socket to `%ssl-start` and `%ssl-handshake`.
extension TLSUnit {
    func installContexts(_ s: Interpreter) {
        // (%ssl-context server? protocol) => a new context; protocol 'tlsv12 or 'tlsv13.
        s.defineProcedure("%ssl-context", arity: .exactly(2)) { a in
            let requireTLS13 = try self.protocolRequiresTLS13(a[1])
            guard let p = ctls_context_new(a[0].isFalse ? 0 : 1) else {
                throw self.tlsError("cannot create SSL context - \(TLSUnit.lastError)", [], "ssl-make-client-context")
            }
            let context = TLSContext(p, isServer: !a[0].isFalse)
            if requireTLS13 && ctls_context_require_tls13(p) != 1 {
                throw self.tlsError("cannot require TLS 1.3 - \(TLSUnit.lastError)", [a[1]], "ssl-make-client-context")
            }
            return .object(context)
        }
        s.defineProcedure("%ssl-set-cipher-list!", arity: .exactly(2)) { a in
            try self.load(a, "ssl-connect*", "cannot set cipher list") { ctls_context_set_ciphers($0, $1) }
        }
        s.defineProcedure("ssl-load-suggested-certificate-authorities!", arity: .exactly(2)) { a in
            try self.load(a, "ssl-load-suggested-certificate-authorities!", "cannot load suggested certificate authorities") {
                ctls_context_load_client_cas($0, $1)
            }
        }
        s.defineProcedure("ssl-set-verify!", arity: .exactly(2)) { a in
            ctls_context_set_verify(try self.context(a[0], "ssl-set-verify!").pointer, a[1].isFalse ? 0 : 1)
            return .unspecified
        }
        s.defineProcedure("ssl-load-certificate-chain!", arity: .exactly(2)) { a in
            try self.load(a, "ssl-load-certificate-chain!", "cannot load certificate chain") { ctls_context_load_chain($0, $1) }
        }
        s.defineProcedure("ssl-load-private-key!", arity: .atLeast(2)) { a in
            try self.load(a, "ssl-load-private-key!", "cannot load private key") { ctls_context_load_key($0, $1) }
        }
        s.defineProcedure("ssl-load-verify-root-certificates!", arity: .atLeast(2)) { a in
            let ctx = try self.context(a[0], "ssl-load-verify-root-certificates!")
            let file = a[1].isFalse ? nil : try self.path(a[1], "ssl-load-verify-root-certificates!")
            let directory = a.count > 2 && !a[2].isFalse ? try self.path(a[2], "ssl-load-verify-root-certificates!") : nil
            guard ctls_context_load_verify(ctx.pointer, file, directory) == 1 else {
                throw self.tlsError("cannot load verify root certificates - \(TLSUnit.lastError)", [a[1]],
                                    "ssl-load-verify-root-certificates!")
            }
            return .unspecified
        }
        s.defineProcedure("%ssl-listener", arity: .exactly(2)) { a in
            .object(TLSListener(tcpListener: a[0], context: try self.context(a[1], "ssl-listen")))
        }
        s.defineProcedure("%ssl-listener-tcp", arity: .exactly(1)) { a in
            guard case .object(let l as TLSListener) = a[0] else {
                throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not an SSL listener", irritants: [a[0]], location: nil)
            }
            return l.tcpListener
        }
        s.defineProcedure("%ssl-server-context?", arity: .exactly(1)) { a in
            .bool(try self.context(a[0], "tcp-port->ssl-port").isServer)
        }
        // Bytes already read into the tcp port would be lost to the TLS session.
        s.defineProcedure("%ssl-check-drained", arity: .exactly(1)) { a in
            guard case .object(let p as Port) = a[0], p.isInput else {
                throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not a tcp input port", irritants: [a[0]],
                                      location: "tcp-port->ssl-port")
            }
            if p.unreadByteCount > 0 {
                throw self.tlsError("data arrived before the TLS handshake", [a[0]], "tcp-port->ssl-port")
            }
            return .unspecified
        }
        s.defineProcedure("ssl-listener?", arity: .exactly(1)) { a in
            if case .object(is TLSListener) = a[0] { return .true }
            return .false
        }
    }

    /// The egg's protocol symbols: the default ones allow TLS 1.2 and 1.3, `tlsv13` only
    /// 1.3; the older protocols are refused (decisions.md 24).
    private func protocolRequiresTLS13(_ v: Value) throws -> Bool {
        if v.isFalse { return false }
        guard case .symbol = v else {
            throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not a symbol", irritants: [v], location: "ssl-make-client-context")
        }
        switch v.displayed {
        case "tlsv12", "tls", "sslv23", "sslv2-or-v3": return false
        case "tlsv13": return true
        default:
            throw tlsError("unsupported protocol - only TLS 1.2 and 1.3 are offered", [v], "ssl-make-client-context")
        }
    }

    private func path(_ v: Value, _ loc: String) throws -> String {
        guard case .string(let s) = v else { throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not a string", irritants: [v], location: loc) }
        return s.string
    }

    private func load(_ a: Arguments, _ loc: String, _ what: String,
                      _ body: (UnsafeMutableRawPointer, String) -> Int32) throws -> Value {
        let ctx = try context(a[0], loc)
        guard body(ctx.pointer, try path(a[1], loc)) == 1 else {
            throw tlsError("\(what) - \(TLSUnit.lastError)", [a[1]], loc)
        }
        return .unspecified
    }

    func installSessions(_ s: Interpreter) {
        // (%ssl-start in out host context server?) => a session over the socket of the tcp
        // ports in and out (abandoned by the caller), which it closes when it ends.
        s.defineProcedure("%ssl-start", arity: .exactly(5)) { [unowned s] a in
            guard case .object(let i as Port) = a[0], case .object(let o as Port) = a[1], let fd = i.fileDescriptor else {
                throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not a tcp port", irritants: [a[0]], location: nil)
            }
            let ctx = try self.context(a[3], "ssl-connect")
            var host: String? = nil
            if case .string(let h) = a[2] { host = h.string }
            guard let ssl = ctls_new(ctx.pointer, fd, host, a[4].isFalse ? 0 : 1) else {
                TLSConnection.close(i, o, in: s)
                throw self.tlsError("cannot create SSL session - \(TLSUnit.lastError)", [], "ssl-connect")
            }
            return .object(TLSConnection(ssl: ssl, tcpInput: i, tcpOutput: o, context: ctx, link: self.link))
        }
        // The tcp port of the same direction the session was made from (open, abandoned).
        s.defineProcedure("ssl-port->tcp-port", arity: .exactly(1)) { a in
            let c = try self.connection(a[0], "ssl-port->tcp-port")
            if case .object(is TLSInputPort) = a[0] { return .object(c.tcpInput) }
            return .object(c.tcpOutput)
        }
        s.defineProcedure("%ssl-handshake", arity: .exactly(1)) { a in
            guard case .object(let c as TLSConnection) = a[0] else { return .false }
            return try self.handshake(c)
        }
        s.defineProcedure("%ssl-ports", arity: .exactly(1)) { a in
            guard case .object(let c as TLSConnection) = a[0] else { return .false }
            return Value.values([.object(TLSInputPort(c, self)), .object(TLSOutputPort(c, self))])
        }
        s.defineProcedure("ssl-port?", arity: .exactly(1)) { a in
            if case .object(is TLSInputPort) = a[0] { return .true }
            if case .object(is TLSOutputPort) = a[0] { return .true }
            return .false
        }
        s.defineProcedure("ssl-peer-verified?", arity: .exactly(1)) { a in
            .bool(ctls_peer_verified(try self.session(a[0], "ssl-peer-verified?").ssl) == 1)
        }
        s.defineProcedure("ssl-peer-subject-name", arity: .exactly(1)) { a in
            try self.peerName(a[0], issuer: false, "ssl-peer-subject-name")
        }
        s.defineProcedure("ssl-peer-issuer-name", arity: .exactly(1)) { a in
            try self.peerName(a[0], issuer: true, "ssl-peer-issuer-name")
        }
        s.defineProcedure("%ssl-server-name", arity: .exactly(1)) { a in
            guard let name = ctls_server_name(try self.session(a[0], "ssl-server-name").ssl) else { return .false }
            return .string(MString(String(cString: name)))
        }
    }

    private func peerName(_ v: Value, issuer: Bool, _ loc: String) throws -> Value {
        var buffer = [CChar](repeating: 0, count: 1024)
        guard ctls_peer_name(try session(v, loc).ssl, issuer ? 1 : 0, &buffer, buffer.count) == 1 else { return .false }
        return .string(MString(String(cString: buffer)))
    }

    /// Runs the handshake, parking the thread while the socket is not ready, until
    /// `ssl-handshake-timeout` (read when the handshake starts) runs out.
    private func handshake(_ c: TLSConnection) throws -> Value {
        guard c.isUsable else {
            throw tlsError("SSL handshake failed - connection closed", [], c.context.isServer ? "ssl-accept" : "ssl-connect")
        }
        if c.handshakeDeadline == nil {
            c.handshakeMilliseconds = parameter(handshakeTimeout)
            c.handshakeDeadline = TLSUnit.deadline(c.handshakeMilliseconds) ?? .infinity
        }
        let r = ctls_handshake(c.ssl)
        if r == 1 { return .unspecified }
        guard r == CTLS_WANT_READ || r == CTLS_WANT_WRITE else {
            let reason = c.errorText
            c.release()
            throw tlsError("SSL handshake failed - \(reason)", [], c.context.isServer ? "ssl-accept" : "ssl-connect")
        }
        let deadline = c.handshakeDeadline.flatMap { $0.isFinite ? $0 : nil }
        let request: WaitRequest = r == CTLS_WANT_READ ? .readable(fd: c.fd, deadline: deadline) : .writable(fd: c.fd, deadline: deadline)
        throw SchemeError.wait(request, then: { [self] outcome in
            if outcome == .timedOut {
                c.release()
                throw self.timeoutError("SSL handshake timed out", [c.handshakeMilliseconds], c.context.isServer ? "ssl-accept" : "ssl-connect")
            }
            return .callAgain
        })
    }
}
