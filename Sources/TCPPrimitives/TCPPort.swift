import Glibc
import SchemeCore

/// One connected socket shared by its input and output port: the fd is closed when both
/// ports are closed; `tcp-abandon-port` skips the shutdown of one direction.
final class TCPConnection {
    let socket: FileDescriptor
    var fd: Int32 { socket.rawValue }
    var inputClosed = false
    var outputClosed = false
    var inputAbandoned = false
    var outputAbandoned = false
    var fdClosed = false

    init(_ socket: FileDescriptor) { self.socket = socket }

    /// Closes the fd once both directions are closed.
    func closeIfDone(_ unit: TCPUnit, _ what: String) throws {
        guard inputClosed && outputClosed && !fdClosed else { return }
        fdClosed = true
        unit.interpreter?.willClose(fileDescriptor: fd)
        do { try socket.close() } catch let e as Errno {
            throw unit.netError("cannot close socket \(what) port - \(e.text)", [.fixnum(Int(fd))], nil)
        }
    }
}

/// The input side of a TCP connection: `recv` into the port's buffer; waits park the thread
/// with the deadline `tcp-read-timeout` gives at that moment (CHICKEN reads the parameter
/// at each wait, not at port creation).
final class TCPInputPort: Port {
    let connection: TCPConnection
    let unit: TCPUnit
    /// After a receive error, the port reads as at end of file (as CHICKEN's does).
    @exclusivity(unchecked) private var failed = false
    /// The last receive returned less than it could have: the socket is most likely empty,
    /// so the next fill waits for readiness instead of paying for a receive that would say
    /// EAGAIN (the scheduler remembers readiness that arrived in between).
    @exclusivity(unchecked) private var drained = false

    init(_ connection: TCPConnection, _ unit: TCPUnit) {
        self.connection = connection
        self.unit = unit
        super.init(input: true, output: false, name: "(tcp)")
    }

    override var fileDescriptor: Int32? { connection.fd }

    override func fill(appendingTo buffer: inout [UInt8]) throws -> Int {
        if failed { return 0 }
        if drained {
            drained = false
            throw waitForInput()
        }
        let scratch = ScratchBuffer.current  // a thread-specific lookup: once per fill
        let received: Int?
        do {
            received = try connection.socket.receive(into: UnsafeMutableRawBufferPointer(start: scratch,
                                                                                          count: ScratchBuffer.size))
        } catch let e as Errno {
            failed = true
            throw unit.netError("cannot read from socket - \(e.text)", [.fixnum(Int(connection.fd))], nil)
        }
        guard let n = received else { throw waitForInput() }
        drained = n > 0 && n < ScratchBuffer.size
        buffer.append(contentsOf: UnsafeRawBufferPointer(start: scratch, count: n))
        return n
    }

    /// The wait for input, with the deadline `tcp-read-timeout` gives now.
    private func waitForInput() -> any Error {
        waitMilliseconds = unit.milliseconds(unit.readTimeout)
        return waitForInput(.readable(fd: connection.fd, deadline: TCPUnit.deadline(milliseconds: waitMilliseconds)))
    }

    /// The `tcp-read-timeout` of the current wait, for its error message.
    @exclusivity(unchecked) private var waitMilliseconds: Int?

    override func inputTimedOut() -> SchemeError {
        unit.timeoutError("read operation timed out", [TCPUnit.timeoutValue(waitMilliseconds), .fixnum(Int(connection.fd))], nil)
    }

    /// Buffered data, or else whether the socket is readable now (true at end of file too).
    override func charReady() throws -> Bool {
        if try super.charReady() { return true }
        do {
            return !(try connection.socket.poll(.input)).isEmpty
        } catch let e as Errno {
            throw unit.netError("cannot check socket for input - \(e.text)", [.fixnum(Int(connection.fd))], nil)
        }
    }

    override func closeInput() throws {
        connection.inputClosed = true
        if !connection.inputAbandoned && !connection.fdClosed { connection.socket.shutdown(.reading) }
        try connection.closeIfDone(unit, "input")
    }
}

/// The output side: unbuffered by default (what one output procedure writes goes out in one
/// `send`), or buffered up to the `tcp-buffer-size` the port was made with.
final class TCPOutputPort: Port {
    let connection: TCPConnection
    let unit: TCPUnit
    let bufferSize: Int
    /// The `tcp-write-timeout` of the current wait for output, for its error message.
    @exclusivity(unchecked) private var waitMilliseconds: Int?

    init(_ connection: TCPConnection, _ unit: TCPUnit, bufferSize: Int) {
        self.connection = connection
        self.unit = unit
        self.bufferSize = bufferSize
        super.init(input: false, output: true, name: "(tcp)")
    }

    override var fileDescriptor: Int32? { connection.fd }
    override var flushThreshold: Int { bufferSize }

    override func emit(_ bytes: UnsafeRawBufferPointer) throws -> Int? {
        do {
            return try connection.socket.send(bytes)
        } catch let e as Errno {
            discardOutput()
            throw unit.netError("cannot write to socket - \(e.text)", [.fixnum(Int(connection.fd))], nil)
        }
    }

    override func outputWait() throws -> WaitRequest {
        waitMilliseconds = unit.milliseconds(unit.writeTimeout)
        return .writable(fd: connection.fd, deadline: TCPUnit.deadline(milliseconds: waitMilliseconds))
    }

    override func outputWaitFailed(_ outcome: WaitOutcome) throws {
        guard outcome == .timedOut else { return try super.outputWaitFailed(outcome) }
        discardOutput()
        throw unit.timeoutError("write operation timed out", [TCPUnit.timeoutValue(waitMilliseconds), .fixnum(Int(connection.fd))], nil)
    }

    override func closeOutput() throws {
        connection.outputClosed = true
        if !connection.outputAbandoned && !connection.fdClosed { connection.socket.shutdown(.writing) }
        try connection.closeIfDone(unit, "output")
    }
}
