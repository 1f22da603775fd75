import Glibc
import SchemeCore

/// One connected socket shared by its input and output port: the fd is closed when both
/// ports are closed; `tcp-abandon-port` skips the shutdown of one direction.
final class TCPConnection {
    let fd: Int32
    var inputClosed = false
    var outputClosed = false
    var inputAbandoned = false
    var outputAbandoned = false
    var fdClosed = false

    init(fd: Int32) { self.fd = fd }

    /// Closes the fd once both directions are closed.
    func closeIfDone(_ unit: TCPUnit, _ what: String) throws {
        guard inputClosed && outputClosed && !fdClosed else { return }
        fdClosed = true
        unit.interpreter?.willClose(fileDescriptor: fd)
        if close(fd) != 0 {
            throw unit.netError("cannot close socket \(what) port - \(Errno.current.text)", [.fixnum(Int(fd))], nil)
        }
    }
}

/// The input side of a TCP connection: `recv` into the port's buffer; waits park the thread
/// with the deadline `tcp-read-timeout` gives at that moment (CHICKEN reads the parameter
/// at each wait, not at port creation).
final class TCPInputPort: Port {
    let connection: TCPConnection
    let unit: TCPUnit
    /// Set while the thread waits for input: the next fill checks whether the wait timed out.
    private var waitingMilliseconds: Value?
    /// After a receive error, the port reads as at end of file (as CHICKEN's does).
    private var failed = false
    /// The last receive returned less than it could have: the socket is most likely empty,
    /// so the next fill waits for readiness instead of paying for a receive that would say
    /// EAGAIN (the scheduler remembers readiness that arrived in between).
    private var drained = false

    init(_ connection: TCPConnection, _ unit: TCPUnit) {
        self.connection = connection
        self.unit = unit
        super.init(input: true, output: false, name: "(tcp)")
    }

    /// Where `recv` lands before decoding (one per process: receives never interleave).
    static let scratchSize = 65536
    static let scratch = UnsafeMutableRawPointer.allocate(byteCount: scratchSize, alignment: 16)

    override var fileDescriptor: Int32? { connection.fd }

    override func fill() throws -> [UInt8] {
        var bytes: [UInt8] = []
        _ = try fill(appendingTo: &bytes)
        return bytes
    }

    override func fill(appendingTo buffer: inout [UInt8]) throws -> Int {
        if let ms = waitingMilliseconds {
            waitingMilliseconds = nil
            if unit.interpreter?.waitTimedOut == true {
                throw unit.timeoutError("read operation timed out", [ms, .fixnum(Int(connection.fd))], nil)
            }
        }
        if failed { return 0 }
        if drained {
            drained = false
            throw waitForInput()
        }
        while true {
            let n = recv(connection.fd, TCPInputPort.scratch, TCPInputPort.scratchSize, 0)
            if n >= 0 {
                drained = n > 0 && n < TCPInputPort.scratchSize
                buffer.append(contentsOf: UnsafeRawBufferPointer(start: TCPInputPort.scratch, count: n))
                return n
            }
            let e = errno
            if e == EINTR { continue }
            if e == EAGAIN || e == EWOULDBLOCK { throw waitForInput() }
            failed = true
            throw unit.netError("cannot read from socket - \(Errno(e).text)", [.fixnum(Int(connection.fd))], nil)
        }
    }

    /// The wait for input, with the deadline `tcp-read-timeout` gives now; remembers the
    /// timeout so the next fill can tell whether the wait ended by it.
    private func waitForInput() -> SchemeError {
        let ms = unit.parameter(unit.readTimeout)
        waitingMilliseconds = ms
        return .wouldBlock(.readable(fd: connection.fd, deadline: TCPUnit.deadline(ms)))
    }

    /// Buffered data, or else whether the socket is readable now (true at end of file too).
    override func charReady() throws -> Bool {
        if try super.charReady() { return true }
        var p = pollfd(fd: connection.fd, events: Int16(POLLIN), revents: 0)
        let n = poll(&p, 1, 0)
        if n < 0 {
            throw unit.netError("cannot check socket for input - \(Errno.current.text)", [.fixnum(Int(connection.fd))], nil)
        }
        return n > 0
    }

    override func closeInput() throws {
        connection.inputClosed = true
        if !connection.inputAbandoned && !connection.fdClosed { shutdown(connection.fd, Int32(SHUT_RD)) }
        try connection.closeIfDone(unit, "input")
    }
}

/// The output side: unbuffered by default (what one output procedure writes goes out in one
/// `send`), or buffered up to the `tcp-buffer-size` the port was made with.
final class TCPOutputPort: Port {
    let connection: TCPConnection
    let unit: TCPUnit
    let bufferSize: Int
    private var waitingMilliseconds: Value?

    init(_ connection: TCPConnection, _ unit: TCPUnit, bufferSize: Int) {
        self.connection = connection
        self.unit = unit
        self.bufferSize = bufferSize
        super.init(input: false, output: true, name: "(tcp)")
    }

    override var fileDescriptor: Int32? { connection.fd }
    override var flushThreshold: Int { bufferSize }

    override func emit(_ bytes: UnsafeRawBufferPointer) throws -> Int? {
        if let ms = waitingMilliseconds {
            waitingMilliseconds = nil
            if unit.interpreter?.waitTimedOut == true {
                discardOutput()
                throw unit.timeoutError("write operation timed out", [ms, .fixnum(Int(connection.fd))], nil)
            }
        }
        while true {
            let n = send(connection.fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if n >= 0 { return n }
            let e = errno
            if e == EINTR { continue }
            if e == EAGAIN || e == EWOULDBLOCK { return nil }
            discardOutput()
            throw unit.netError("cannot write to socket - \(Errno(e).text)", [.fixnum(Int(connection.fd))], nil)
        }
    }

    override func outputWait() throws -> WaitRequest {
        let ms = unit.parameter(unit.writeTimeout)
        waitingMilliseconds = ms
        return .writable(fd: connection.fd, deadline: TCPUnit.deadline(ms))
    }

    override func closeOutput() throws {
        connection.outputClosed = true
        if !connection.outputAbandoned && !connection.fdClosed { shutdown(connection.fd, Int32(SHUT_WR)) }
        try connection.closeIfDone(unit, "output")
    }
}

/// A listening socket (`tcp-listen`), printed `#<tcp-listener>`.
final class TCPListener: SchemeObject, CustomPrintable {
    let fd: Int32
    var closed = false
    init(fd: Int32) { self.fd = fd }
    override var typeName: String { "tcp-listener" }
    var printedForm: String { "#<tcp-listener>" }
}
