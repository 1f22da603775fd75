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

/// One TLS session over a socket this object owns, shared by its input and output port.
/// The socket and the session are released once both ports are closed, or when nothing
/// references them any more (a handshake abandoned by a terminated thread).
final class TLSConnection: SchemeObject, CustomPrintable {
    let ssl: UnsafeMutableRawPointer
    let socket: FileDescriptor
    let context: TLSContext
    private let link: InterpreterReference
    var inputClosed = false
    var outputClosed = false
    private(set) var released = false
    /// When the handshake must be over (set when it starts).
    var handshakeDeadline: Double?
    var handshakeMilliseconds: Value = .false

    init(ssl: UnsafeMutableRawPointer, socket: FileDescriptor, context: TLSContext, link: InterpreterReference) {
        self.ssl = ssl
        self.socket = socket
        self.context = context
        self.link = link
    }

    deinit { release() }

    override var typeName: String { "ssl-connection" }
    var printedForm: String { "#<ssl-connection>" }
    var fd: Int32 { socket.rawValue }

    /// The reason for the last failure, OpenSSL's text.
    var errorText: String {
        var buffer = [CChar](repeating: 0, count: 256)
        ctls_error(ssl, &buffer, buffer.count)
        return String(cString: buffer)
    }

    /// Sends close_notify if the socket takes it now (a peer that does not read must not
    /// hold the close up), then closes the socket and frees the session.
    func release(notify: Bool = false) {
        guard !released else { return }
        released = true
        if notify { _ = ctls_shutdown(ssl) }
        link.interpreter?.willClose(fileDescriptor: fd)
        try? socket.close()
        ctls_free(ssl)
    }

    /// Called when a port closes: the session ends with both.
    func closeIfDone() {
        if inputClosed && outputClosed { release(notify: true) }
    }
}
