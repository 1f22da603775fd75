import CTLS
import Glibc
import SchemeCore

/// The input side of a TLS connection: `SSL_read` into the port's buffer. A read that
/// needs the socket (WANT_READ, or WANT_WRITE during a renegotiation) parks the thread with
/// the deadline `tcp-read-timeout` gives at that moment, as tcp ports do. Only a call that
/// found the socket drained parks, so an edge of the epoll scheduler always follows.
final class TLSInputPort: Port {
    let connection: TLSConnection
    let unit: TLSUnit
    @exclusivity(unchecked) private var failed = false

    init(_ connection: TLSConnection, _ unit: TLSUnit) {
        self.connection = connection
        self.unit = unit
        super.init(input: true, output: false, name: "(ssl)")
    }

    override var fileDescriptor: Int32? { connection.fd }

    override func fill(appendingTo buffer: inout [UInt8]) throws -> Int {
        if failed || !connection.isUsable { return 0 }
        let scratch = ScratchBuffer.current  // a thread-specific lookup: once per fill
        let n = ctls_read(connection.ssl, scratch, ScratchBuffer.size)
        switch n {
        case Int(CTLS_WANT_READ): throw waitForInput(readable: true)
        case Int(CTLS_WANT_WRITE): throw waitForInput(readable: false)
        case Int(CTLS_FAILED):
            failed = true
            throw unit.tlsError("cannot read from ssl port - \(connection.errorText)", [.object(self)], nil)
        default:
            buffer.append(contentsOf: UnsafeRawBufferPointer(start: scratch, count: n))
            return n
        }
    }

    /// The wait of a read, with the deadline `tcp-read-timeout` gives now.
    private func waitForInput(readable: Bool) -> any Error {
        waitMilliseconds = unit.parameter(unit.readTimeout)
        let fd = connection.fd, deadline = TLSUnit.deadline(waitMilliseconds)
        return waitForInput(readable ? .readable(fd: fd, deadline: deadline) : .writable(fd: fd, deadline: deadline))
    }

    /// The `tcp-read-timeout` of the current wait, for its error message.
    @exclusivity(unchecked) private var waitMilliseconds: Value = .false

    override func inputTimedOut() -> SchemeError {
        unit.timeoutError("read operation timed out", [waitMilliseconds, .fixnum(Int(connection.fd))], nil)
    }

    override func charReady() throws -> Bool {
        if try super.charReady() { return true }
        guard connection.isUsable else { return true }  // reads end of file at once
        return !(try connection.socket.poll(.input)).isEmpty
    }

    override func closeInput() throws {
        connection.inputClosed = true
        connection.closeIfDone()
    }
}

/// The output side: `SSL_write`, unbuffered like a tcp port's (each output procedure's
/// text goes out in one record).
final class TLSOutputPort: Port {
    let connection: TLSConnection
    let unit: TLSUnit
    /// What the last write that could not go on waits for.
    private var wantsRead = false
    private var waitMilliseconds: Value = .false

    init(_ connection: TLSConnection, _ unit: TLSUnit) {
        self.connection = connection
        self.unit = unit
        super.init(input: false, output: true, name: "(ssl)")
    }

    override var fileDescriptor: Int32? { connection.fd }
    override var flushThreshold: Int { 0 }

    override func emit(_ bytes: UnsafeRawBufferPointer) throws -> Int? {
        guard connection.isUsable else {
            discardOutput()
            throw unit.tlsError("cannot write to ssl port - connection closed", [.object(self)], nil)
        }
        let n = ctls_write(connection.ssl, bytes.baseAddress, bytes.count)
        switch n {
        case Int(CTLS_WANT_READ): wantsRead = true; return nil
        case Int(CTLS_WANT_WRITE): wantsRead = false; return nil
        case Int(CTLS_FAILED):
            discardOutput()
            throw unit.tlsError("cannot write to ssl port - \(connection.errorText)", [.object(self)], nil)
        default: return n
        }
    }

    override func outputWait() throws -> WaitRequest {
        waitMilliseconds = unit.parameter(unit.writeTimeout)
        let deadline = TLSUnit.deadline(waitMilliseconds)
        return wantsRead ? .readable(fd: connection.fd, deadline: deadline) : .writable(fd: connection.fd, deadline: deadline)
    }

    override func outputWaitFailed(_ outcome: WaitOutcome) throws {
        guard outcome == .timedOut else { return try super.outputWaitFailed(outcome) }
        discardOutput()
        throw unit.timeoutError("write operation timed out", [waitMilliseconds, .fixnum(Int(connection.fd))], nil)
    }

    override func closeOutput() throws {
        connection.outputClosed = true
        connection.closeIfDone()
    }
}
