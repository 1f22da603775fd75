import CTLS
import Glibc
import SchemeCore

/// TLS with the `openssl` egg's names, over the tcp unit's sockets, registered into an
/// interpreter through SchemeCore's public API. Install the tcp unit first: connections
/// are made with `tcp-connect` and `tcp-accept`, then handed over to a TLS session.
///
/// ```swift
/// let scheme = Interpreter()
/// TCP.install(into: scheme)
/// TLS.install(into: scheme)
/// try scheme.eval(#"(define-values (i o) (ssl-connect "example.org" 443))"#)
/// ```
///
/// Unlike the egg, a client verifies its peer by default (the system's CA store, the host
/// name checked, SNI sent); `(ssl-set-verify! ctx #f)` turns it off. See docs/tls.md.
public enum TLS {
    /// Registers the TLS procedures and parameters in `interpreter`.
    public static func install(into interpreter: Interpreter) {
        // A host that revoked the network gets no sockets (Interpreter.revoke).
        guard !interpreter.revoked.contains(.network) else { return }
        TLSUnit(interpreter).install()
    }
}

/// The unit's state in one interpreter: its parameters and the shared checks.
final class TLSUnit {
    let link: InterpreterReference
    var interpreter: Interpreter? { link.interpreter }
    let handshakeTimeout: Value
    let shutdownTimeout: Value
    /// The tcp unit's parameters (reads and writes on TLS ports honour them).
    var readTimeout: Value = .false
    var writeTimeout: Value = .false

    init(_ interp: Interpreter) {
        link = interp.reference
        handshakeTimeout = interp.makeParameter(.fixnum(120_000))
        shutdownTimeout = interp.makeParameter(.fixnum(120_000))
    }

    func install() {
        guard let s = interpreter else { return }
        readTimeout = (try? s.eval("tcp-read-timeout")) ?? .false
        writeTimeout = (try? s.eval("tcp-write-timeout")) ?? .false
        s.define("ssl-handshake-timeout", handshakeTimeout)
        s.define("ssl-shutdown-timeout", shutdownTimeout)
        installContexts(s)
        installSessions(s)
        // The procedures written in Scheme are compiled on first use: compiling them at every
        // start would cost each script that never uses TLS. The first call of one evaluates
        // (through Scheme's own `eval`, never a nested run from here) the definitions, which
        // replace these stubs, and then the call itself, its arguments quoted.
        // The procedures themselves, not their names: a program may rebind the names.
        let evalProcedure = (try? s.eval("eval")) ?? .false
        let quoted = { (v: Value) in Value.list([s.symbol("quote"), v]) }
        let read = quoted((try? s.eval("read")) ?? .false)
        let openString = quoted((try? s.eval("open-input-string")) ?? .false)
        for name in TLSUnit.schemeDefinedNames {
            s.defineProcedure(name, arity: .atLeast(0)) { [unowned s] a in
                let call = Value.list([s.symbol(name)] + (0..<a.count).map { quoted(a[$0]) })
                let load = Value.list([quoted(evalProcedure), Value.list([read, Value.list([openString, Value(TLSUnit.schemeDefinitions)])])])
                throw SchemeError.callInstead(procedure: evalProcedure, arguments: [Value.list([s.symbol("begin"), load, call])])
            }
        }
    }

    static let schemeDefinedNames = ["ssl-make-client-context", "ssl-connect", "ssl-connect*", "ssl-listen", "ssl-accept",
                                     "ssl-close", "ssl-listener-port", "ssl-listener-fileno", "ssl-accept-ready?",
                                     "tcp-port->ssl-port"]

    func parameter(_ p: Value) -> Value { link.parameterValue(p) ?? .false }

    /// A deadline from a timeout in milliseconds (`#f`: none).
    static func deadline(_ ms: Value) -> Double? {
        guard case .fixnum(let n) = ms else { return nil }
        return monotonicSeconds() + Double(n) / 1000
    }

    /// `(exn i/o net openssl)`, with OpenSSL's reason.
    func tlsError(_ message: String, _ irritants: [Value], _ location: String?) -> SchemeError {
        .exn(kinds: ["i/o", "net", "openssl"], message: message, irritants: irritants, location: location)
    }

    /// `(exn i/o net timeout)`, as the tcp unit raises it.
    func timeoutError(_ message: String, _ irritants: [Value], _ location: String?) -> SchemeError {
        .exn(kinds: ["i/o", "net", "network", "timeout"], message: message, irritants: irritants, location: location)
    }

    /// The context of a context or listener argument.
    func context(_ v: Value, _ loc: String) throws -> TLSContext {
        if case .object(let c as TLSContext) = v { return c }
        if case .object(let l as TLSListener) = v { return l.context }
        throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not an SSL context or listener", irritants: [v], location: loc)
    }

    /// The connection behind a TLS port.
    func connection(_ v: Value, _ loc: String) throws -> TLSConnection {
        if case .object(let p as TLSInputPort) = v { return p.connection }
        if case .object(let p as TLSOutputPort) = v { return p.connection }
        throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not an SSL port", irritants: [v], location: loc)
    }

    /// The session behind a TLS port, still open: its OpenSSL state is freed when it ends.
    func session(_ v: Value, _ loc: String) throws -> TLSConnection {
        let c = try connection(v, loc)
        guard c.isUsable else { throw tlsError("SSL connection closed", [v], loc) }
        return c
    }

    /// OpenSSL's reason for a failure not tied to a session.
    static var lastError: String {
        var buffer = [CChar](repeating: 0, count: 256)
        ctls_error(nil, &buffer, buffer.count)
        return String(cString: buffer)
    }
}
