import Glibc

/// A Scheme port. Input ports decode UTF-8 into a buffer of scalars; output ports collect
/// UTF-8 bytes and send them through `emit`. Subclasses supply the byte source and sink, so
/// fd-backed ports (files, pipes, the terminal, sockets) share the character-level logic.
///
/// Ports never block the process. A source or sink that is not ready throws
/// `SchemeError.wouldBlock` (input) or `SchemeError.suspend` (output); the VM parks the
/// calling green thread and, once the fd is ready:
/// - an input primitive runs again from the start. Input primitives run inside
///   `transaction`, which puts back the characters they had consumed, and a fill only ever
///   appends to the buffer, so nothing read is lost or read twice;
/// - an output primitive resumes by flushing the rest: output is appended to the buffer
///   first and flushed only at the end of the primitive (`commit`), so what was accepted is
///   sent exactly once.
open class Port: SchemeObject, CustomPrintable {
    public let isInput: Bool
    public let isOutput: Bool
    public var name: String
    public internal(set) var isClosed = false

    // input side
    @exclusivity(unchecked) var buffer: [Unicode.Scalar] = []
    @exclusivity(unchecked) var index = 0
    var sawEOF = false
    private var pendingBytes: [UInt8] = []
    /// Start of the innermost running input transaction: characters from here on may be put
    /// back, so the buffer is not compacted past it.
    private var mark: Int?

    // output side
    @exclusivity(unchecked) var outBytes: [UInt8] = []
    /// How many bytes at the front of `outBytes` were already sent.
    @exclusivity(unchecked) private var sent = 0

    public init(input: Bool, output: Bool, name: String) {
        isInput = input
        isOutput = output
        self.name = name
    }

    public var printedForm: String {
        "#<\(isInput ? "input" : "output") port \"\(name)\">"
    }

    override open var typeName: String { "port" }

    // MARK: - Hooks for subclasses

    /// Reads more bytes; returns an empty array at end of file. Throws
    /// `SchemeError.wouldBlock` when no byte is available yet.
    open func fill() throws -> [UInt8] { [] }

    /// Writes some of `bytes`; returns how many were written, or nil when the sink cannot
    /// take any now (then `outputWait` says what to wait for).
    open func emit(_ bytes: UnsafeRawBufferPointer) throws -> Int? { bytes.count }

    /// What to wait for after `emit` returned nil.
    open func outputWait() throws -> WaitRequest { .yield }

    /// Output is flushed when this many bytes are pending (0: at the end of every write).
    open var flushThreshold: Int { 4096 }

    /// Whether a newline in the output flushes it (terminals).
    open var flushesOnNewline: Bool { false }

    open func closeInput() throws {}
    open func closeOutput() throws {}

    /// The file descriptor behind the port, if any (`port->fileno`).
    open var fileDescriptor: Int32? { nil }

    /// Whether a character can be read without waiting (`char-ready?`).
    open func charReady() throws -> Bool { index < buffer.count || sawEOF }

    // MARK: - Input

    /// Runs an input operation so that it can be repeated if it has to wait: when it throws,
    /// the characters it consumed are put back before the error goes on.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        let outer = mark
        let start = index
        mark = min(outer ?? start, start)
        defer { mark = outer }
        do {
            return try body()
        } catch {
            // Put back what was consumed: after a wait the operation runs again, and after a
            // failure (a timeout, a reset) the characters stay readable.
            index = start
            throw error
        }
    }

    /// Makes at least one more character available; false at end of input.
    func fillBuffer() throws -> Bool {
        if sawEOF { return false }
        while true {
            let bytes = try fill()
            if bytes.isEmpty {
                sawEOF = true
                if !pendingBytes.isEmpty {
                    buffer.append("\u{FFFD}")
                    pendingBytes.removeAll()
                    return true
                }
                return false
            }
            compact()
            let before = buffer.count
            if pendingBytes.isEmpty { decode(bytes) } else { decode(pendingBytes + bytes) }
            if buffer.count > before { return true }
        }
    }

    /// Drops consumed characters from the front of the buffer once there are many.
    private func compact() {
        let keepFrom = min(mark ?? index, index)
        guard keepFrom > 4096 else { return }
        buffer.removeFirst(keepFrom)
        index -= keepFrom
        if let m = mark { mark = m - keepFrom }
    }

    private func decode(_ bytes: [UInt8]) {
        pendingBytes.removeAll()
        buffer.reserveCapacity(buffer.count + bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                buffer.append(Unicode.Scalar(b))
                i += 1
                continue
            }
            let len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            if b >= 0x80 && b < 0xC0 { buffer.append("\u{FFFD}"); i += 1; continue }
            if i + len > bytes.count { pendingBytes = Array(bytes[i...]); return }
            var v = len == 1 ? UInt32(b) : len == 2 ? UInt32(b & 0x1F) : len == 3 ? UInt32(b & 0x0F) : UInt32(b & 0x07)
            for k in 1..<len { v = (v << 6) | UInt32(bytes[i + k] & 0x3F) }
            buffer.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            i += len
        }
    }

    func readChar() throws -> Unicode.Scalar? {
        if index >= buffer.count, !(try fillBuffer()) { return nil }
        let c = buffer[index]
        index += 1
        return c
    }

    func peekChar() throws -> Unicode.Scalar? {
        if index >= buffer.count, !(try fillBuffer()) { return nil }
        return buffer[index]
    }

    /// Reads a line ending in `\n`, `\r\n` or `\r` as a Scheme string; nil at end of
    /// input. With `limit`, at most that many characters (the rest stays buffered). Scans
    /// the buffer and fills it as needed, so a line costs one copy.
    func readLineString(limit: Int? = nil) throws -> MString? {
        var i = index
        while true {
            let end = buffer.count
            while i < end {
                if let limit, i - index >= limit { return take(upTo: i, skip: 0) }
                let c = buffer[i]
                if c == "\n" { return take(upTo: i, skip: 1) }
                if c == "\r" {
                    // Whether "\n" follows may only be known after one more fill.
                    if i + 1 < end { return take(upTo: i, skip: buffer[i + 1] == "\n" ? 2 : 1) }
                    let offset = i - index
                    let more = try fillBuffer()
                    i = index + offset
                    return take(upTo: i, skip: more && buffer[i + 1] == "\n" ? 2 : 1)
                }
                i += 1
            }
            if let limit, i - index >= limit { return take(upTo: i, skip: 0) }
            let consumed = i - index
            if !(try fillBuffer()) {
                return index < buffer.count ? take(upTo: buffer.count, skip: 0) : nil
            }
            // A fill may have compacted the buffer: keep the scan position relative.
            i = index + consumed
        }
    }

    /// The characters from `index` to `end` as a string; then skips `skip` terminators.
    private func take(upTo end: Int, skip: Int) -> MString {
        let line = MString(buffer[index..<end])
        index = end + skip
        return line
    }

    /// Reads a line ending in `\n`, `\r\n` or `\r`; nil at end of input. With `limit`, at
    /// most that many characters (the rest stays buffered).
    func readLine(limit: Int? = nil) throws -> String? {
        var out = String.UnicodeScalarView()
        var count = 0
        while true {
            if let limit, count >= limit { return String(out) }
            guard let c = try readChar() else { return out.isEmpty ? nil : String(out) }
            if c == "\n" { return String(out) }
            if c == "\r" {
                if try peekChar() == "\n" { index += 1 }
                return String(out)
            }
            out.append(c)
            count += 1
        }
    }

    /// The characters already buffered (`read-buffered`), consumed, without any I/O.
    func takeBuffered() -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: buffer[index...])
        index = buffer.count
        return String(out)
    }

    // MARK: - Output

    /// Appends text to the output buffer (nothing is sent until `commit` or `flush`).
    public func write(_ s: String) {
        outBytes.append(contentsOf: s.utf8)
    }

    /// Appends a Scheme string's characters (`display` of a string).
    func write(_ s: MString) {
        s.appendUTF8(to: &outBytes)
    }

    /// Ends an output primitive: sends the buffer if the port's policy says so.
    public func commit() throws {
        let pending = outBytes.count - sent
        if pending > 0 && (pending >= flushThreshold || (flushesOnNewline && outBytes.contains(10))) {
            try flush()
        }
    }

    /// Sends everything buffered. When the sink is not ready this throws
    /// `SchemeError.suspend`, whose resumption finishes the flush.
    public func flush() throws {
        while sent < outBytes.count {
            let n = try outBytes.withUnsafeBytes { all in
                try emit(UnsafeRawBufferPointer(rebasing: all[sent...]))
            }
            guard let n else {
                throw SchemeError.suspend(try outputWait(), resume: { [unowned(unsafe) self] in
                    try self.flush()
                    return .unspecified
                })
            }
            sent += n
        }
        outBytes.removeAll(keepingCapacity: outBytes.count <= 65536)
        sent = 0
    }

    /// Drops output not sent yet (after the sink failed for good).
    public func discardOutput() {
        outBytes.removeAll()
        sent = 0
    }

    /// Flushes outside any green thread (at exit, from the host), waiting in place.
    public func flushWaiting() {
        while true {
            do {
                try flush()
                return
            } catch SchemeError.suspend(let request, _) {
                _ = Interpreter.waitInPlace(request)
            } catch {
                return
            }
        }
    }
}

/// A port on a file descriptor: standard input/output/error, files, pipes. Pipes and
/// terminals are never switched to non-blocking mode (the file description is shared with
/// the parent shell); the port asks `poll` whether a read or write would block and, if so,
/// parks the thread until it would not. Regular files are read and written directly.
public final class FDPort: Port {
    public let fd: Int32
    let ownsFD: Bool
    private let threshold: Int
    /// Whether readiness can be waited for (false for regular files).
    private let pollable: Bool
    private let isTerminal: Bool

    public init(fd: Int32, input: Bool, name: String, ownsFD: Bool, flushThreshold: Int = 4096) {
        self.fd = fd
        self.ownsFD = ownsFD
        self.threshold = flushThreshold
        var st = stat()
        pollable = fstat(fd, &st) == 0 ? (st.st_mode & S_IFMT) != S_IFREG : false
        isTerminal = isatty(fd) == 1
        super.init(input: input, output: !input, name: name)
    }

    /// Where reads land before decoding (one per process: reads never interleave).
    static let scratchSize = 65536
    static let scratch = UnsafeMutableRawPointer.allocate(byteCount: scratchSize, alignment: 16)

    override public var flushThreshold: Int { threshold }
    override public var flushesOnNewline: Bool { isTerminal }
    override public var fileDescriptor: Int32? { fd }

    private func ready(_ events: Int32) -> Bool {
        guard pollable else { return true }
        var p = pollfd(fd: fd, events: Int16(events), revents: 0)
        while true {
            let n = poll(&p, 1, 0)
            if n >= 0 { return n > 0 }
            if errno != EINTR { return true }  // let the syscall report the error
        }
    }

    override public func fill() throws -> [UInt8] {
        if !ready(POLLIN) { throw SchemeError.wouldBlock(.readable(fd: fd, deadline: nil)) }
        while true {
            let n = Glibc.read(fd, FDPort.scratch, FDPort.scratchSize)
            if n >= 0 { return Array(UnsafeRawBufferPointer(start: FDPort.scratch, count: n)) }
            if errno == EINTR { continue }
            if errno == EAGAIN { throw SchemeError.wouldBlock(.readable(fd: fd, deadline: nil)) }
            throw SchemeError.exn(kinds: ["i/o", "file"], message: "cannot read from port - \(String(cString: strerror(errno)))",
                                  irritants: [], location: "read-char")
        }
    }

    override public func charReady() throws -> Bool {
        if index < buffer.count || sawEOF { return true }
        return ready(POLLIN)
    }

    override public func emit(_ bytes: UnsafeRawBufferPointer) throws -> Int? {
        if !ready(POLLOUT) { return nil }
        while true {
            let n = Glibc.write(fd, bytes.baseAddress, bytes.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            if errno == EAGAIN { return nil }
            throw SchemeError.exn(kinds: ["i/o", "file"], message: "cannot write to port - \(String(cString: strerror(errno)))",
                                  irritants: [], location: "write")
        }
    }

    override public func outputWait() throws -> WaitRequest { .writable(fd: fd, deadline: nil) }

    override public func closeInput() throws { if ownsFD { Glibc.close(fd) } }
    override public func closeOutput() throws {
        flushWaiting()
        if ownsFD { Glibc.close(fd) }
    }
}

/// `open-input-string`.
public final class StringInputPort: Port {
    public init(_ text: String) {
        super.init(input: true, output: false, name: "(string)")
        buffer = Array(text.unicodeScalars)
        sawEOF = true
    }
}

/// `open-output-string`: collects the text written to it.
public final class StringOutputPort: Port {
    public init() { super.init(input: false, output: true, name: "(string)") }
    override public var flushThreshold: Int { Int.max }
    /// The text written so far.
    public func contents() -> String { String(decoding: outBytes, as: UTF8.self) }
    func reset() { outBytes.removeAll() }
}
