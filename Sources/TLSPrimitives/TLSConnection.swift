import CTLS
import Glibc
import SchemeCore

/// A TLS client or server context (`ssl-make-client-context`, a listener's context).
final class TLSContext: SchemeObject, CustomPrintable {
    let pointer: UnsafeMutableRawPointer
    let isServer: Bool

    init(_ pointer: UnsafeMutableRawPointer, isServer: Bool) {
        self.pointer = pointer
        self.isServer = isServer
    }

    deinit { ctls_context_free(pointer) }

    override var typeName: String { "ssl-client-context" }
    var printedForm: String { isServer ? "#<ssl-server-context>" : "#<ssl-client-context>" }
}

/// `ssl-listen`'s listener: a tcp listener and the server context its connections use.
final class TLSListener: SchemeObject, CustomPrintable {
    let tcpListener: Value
    let context: TLSContext

    init(tcpListener: Value, context: TLSContext) {
        self.tcpListener = tcpListener
        self.context = context
    }

    override var typeName: String { "ssl-listener" }
    var printedForm: String { "#<ssl-listener>" }
}

/// One TLS session over the socket of a tcp connection, shared by its input and output
/// port. The tcp ports it was made from stay open, abandoned (closing them shuts nothing
/// down): they are what `ssl-port->tcp-port` answers, and the session closes them, and so
/// the socket, once both TLS ports are closed or nothing references the session any more
/// (a handshake abandoned by a terminated thread). A program that closes both tcp ports
/// first ends the session: it is checked before every use of the socket, whose number may
/// already name another file.
final class TLSConnection: SchemeObject, CustomPrintable {
    let ssl: UnsafeMutableRawPointer
    let socket: FileDescriptor
    let context: TLSContext
    /// The tcp ports the session was made from.
    let tcpInput: Port, tcpOutput: Port
    private let link: InterpreterReference
    var inputClosed = false
    var outputClosed = false
    private(set) var released = false
    /// When the handshake must be over (set when it starts).
    var handshakeDeadline: Double?
    var handshakeMilliseconds: Value = .false

    init(ssl: UnsafeMutableRawPointer, tcpInput: Port, tcpOutput: Port, context: TLSContext, link: InterpreterReference) {
        self.ssl = ssl
        self.socket = FileDescriptor(rawValue: tcpInput.fileDescriptor ?? -1)
        self.tcpInput = tcpInput
        self.tcpOutput = tcpOutput
        self.context = context
        self.link = link
    }

    deinit { release() }

    override var typeName: String { "ssl-connection" }
    var printedForm: String { "#<ssl-connection>" }
    var fd: Int32 { socket.rawValue }

    /// Whether the session may use its socket: not released, and the socket not closed by
    /// the program through the tcp ports (then the session is released here).
    var isUsable: Bool {
        if !released && tcpInput.isClosed && tcpOutput.isClosed { release() }
        return !released
    }

    /// The reason for the last failure, OpenSSL's text.
    var errorText: String {
        guard !released else { return "connection closed" }
        var buffer = [CChar](repeating: 0, count: 256)
        ctls_error(ssl, &buffer, buffer.count)
        return String(cString: buffer)
    }

    /// Sends close_notify if the socket takes it now (a peer that does not read must not
    /// hold the close up), frees the session, then closes the tcp ports and so the socket.
    func release(notify: Bool = false) {
        guard !released else { return }
        released = true
        let socketOpen = !(tcpInput.isClosed && tcpOutput.isClosed)
        if notify && socketOpen { _ = ctls_shutdown(ssl) }
        ctls_free(ssl)
        guard socketOpen else { return }
        if let interpreter = link.interpreter {
            TLSConnection.close(tcpInput, tcpOutput, in: interpreter)
        } else {
            // The interpreter is gone, and with it every other reference to the tcp ports.
            try? socket.close()
        }
    }

    /// Closes a session's tcp ports, and so its socket.
    static func close(_ input: Port, _ output: Port, in interpreter: Interpreter) {
        try? interpreter.close(input)
        do {
            try interpreter.close(output)
        } catch {
            // Bytes the program wrote to the tcp port itself that cannot go out now must not
            // keep the socket open.
            output.discardOutput()
            try? interpreter.close(output)
        }
    }

    /// Called when a port closes: the session ends with both.
    func closeIfDone() {
        if inputClosed && outputClosed { release(notify: true) }
    }
}
