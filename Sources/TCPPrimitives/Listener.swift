import Glibc
import SchemeCore

/// A listening socket (`tcp-listen`), printed `#<tcp-listener>`.
final class TCPListener: SchemeObject, CustomPrintable {
    let socket: FileDescriptor
    var fd: Int32 { socket.rawValue }
    var closed = false
    init(_ socket: FileDescriptor) { self.socket = socket }
    override var typeName: String { "tcp-listener" }
    var printedForm: String { "#<tcp-listener>" }
}

/// One file descriptor held back for the moment the process runs out of them (libuv's
/// answer to EMFILE). A pending connection that cannot be accepted stays readable, so a
/// server that retries `tcp-accept` would spin; instead the reserve is given up, the
/// pending connections are accepted and closed at once (their clients see the connection
/// end rather than hang), and the reserve is taken again.
final class ReserveDescriptor {
    private var fd: FileDescriptor?

    init() { fd = try? FileDescriptor.open("/dev/null", O_RDONLY) }

    /// Accepts and closes every connection pending on `listener`; returns how many. (Linux
    /// reports EMFILE from `accept` even when nothing is pending: then this returns 0 and
    /// the caller waits as for EAGAIN.) Nil if no descriptor was in reserve.
    func dropPendingConnections(of listener: FileDescriptor) -> Int? {
        guard let held = fd else { return nil }
        try? held.close()
        fd = nil
        var dropped = 0
        while let c = try? listener.accept() {
            try? c.close()
            dropped += 1
        }
        fd = try? FileDescriptor.open("/dev/null", O_RDONLY)
        return dropped
    }
}

extension TCPUnit {
    /// Accepts on a listening socket (tcp or unix): tries `accept` first and waits only when
    /// nothing is pending, at most `tcp-accept-timeout`; `ports` makes the connection's ports.
    func acceptWaiting(_ socket: FileDescriptor, isClosed: @escaping () -> Bool, _ v: Value, _ loc: String,
                       ports: @escaping (FileDescriptor) -> Value) throws -> Value {
        let ms = parameter(acceptTimeout)
        let deadline = TCPUnit.deadline(ms)
        func attempt(_ outcome: WaitOutcome?) throws -> Value {
            guard !isClosed(), outcome != .closed else {
                throw netError("could not accept from listener - \(Errno(EBADF).text)", [v], loc)
            }
            do {
                if let connection = try socket.accept() { return ports(connection) }
            } catch let e as Errno {
                // Out of descriptors: drop what is pending, so a server that retries cannot
                // spin; with nothing pending, wait for the next client as usual.
                let outOfDescriptors = e == .tooManyOpenFiles || e == .fileTableOverflow
                if !outOfDescriptors || reserve.dropPendingConnections(of: socket) != 0 {
                    throw netError("could not accept from listener - \(e.text)", [v], loc)
                }
            }
            if outcome == .timedOut || deadline.map({ $0 <= monotonicSeconds() }) == true {
                throw timeoutError("accept operation timed out", [ms, .fixnum(Int(socket.rawValue))], loc)
            }
            throw SchemeError.wait(.readable(fd: socket.rawValue, deadline: deadline), finishing: attempt)
        }
        return try attempt(nil)
    }
}
