import Glibc

/// A Scheme port. Input ports decode UTF-8 into a buffer of scalars; output ports encode.
/// Subclasses supply the byte source or sink (`fill` / `emit`), so fd-backed ports (files,
/// pipes, sockets) share the character-level logic here.
open class Port: SchemeObject, CustomPrintable {
    public let isInput: Bool
    public let isOutput: Bool
    public var name: String
    public internal(set) var isClosed = false

    // input side
    var buffer: [Unicode.Scalar] = []
    var index = 0
    var sawEOF = false
    private var pendingBytes: [UInt8] = []

    // output side
    var outBytes: [UInt8] = []

    public init(input: Bool, output: Bool, name: String) {
        isInput = input
        isOutput = output
        self.name = name
    }

    public var printedForm: String {
        "#<\(isInput ? "input" : "output") port \"\(name)\">"
    }

    override open var typeName: String { "port" }

    // MARK: byte-level hooks

    /// Reads more bytes; returns an empty array at end of file.
    open func fill() throws -> [UInt8] { [] }

    /// Writes bytes to the sink.
    open func emit(_ bytes: [UInt8]) throws {}

    /// Output is flushed when this many bytes are pending (0: on every write).
    open var flushThreshold: Int { 4096 }

    open func closeInput() throws {}
    open func closeOutput() throws { try flush() }

    // MARK: input

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
            if index > 4096 && index == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                index = 0
            }
            let before = buffer.count
            decode(pendingBytes + bytes)
            if buffer.count > before { return true }
        }
    }

    private func decode(_ bytes: [UInt8]) {
        pendingBytes.removeAll()
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
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

    /// Reads a line ending in `\n`, `\r\n` or `\r`; nil at end of input.
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

    /// Whether a character is available without waiting.
    open func charReady() throws -> Bool { index < buffer.count || sawEOF }

    // MARK: output

    public func write(_ s: String) throws {
        outBytes.append(contentsOf: s.utf8)
        if outBytes.count >= flushThreshold { try flush() }
    }

    public func flush() throws {
        guard !outBytes.isEmpty else { return }
        let b = outBytes
        outBytes.removeAll(keepingCapacity: true)
        try emit(b)
    }
}

/// A port on a file descriptor (stdin/stdout/stderr, files, pipes).
public final class FDPort: Port {
    public let fd: Int32
    let ownsFD: Bool
    private let threshold: Int

    public init(fd: Int32, input: Bool, name: String, ownsFD: Bool, flushThreshold: Int = 4096) {
        self.fd = fd
        self.ownsFD = ownsFD
        self.threshold = flushThreshold
        super.init(input: input, output: !input, name: name)
    }

    override public var flushThreshold: Int { threshold }

    override public func fill() throws -> [UInt8] {
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = Glibc.read(fd, &buf, buf.count)
            if n >= 0 { return Array(buf[0..<n]) }
            if errno == EINTR { continue }
            throw SchemeError.exn(kinds: ["i/o", "file"], message: "cannot read from port - \(String(cString: strerror(errno)))",
                                  irritants: [], location: "read-char")
        }
    }

    override public func emit(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SchemeError.exn(kinds: ["i/o", "file"], message: "cannot write to port - \(String(cString: strerror(errno)))",
                                      irritants: [], location: "write")
            }
            offset += n
        }
    }

    override public func closeInput() throws { if ownsFD { Glibc.close(fd) } }
    override public func closeOutput() throws {
        try flush()
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
    private var collected: [UInt8] = []
    public init() { super.init(input: false, output: true, name: "(string)") }
    override public var flushThreshold: Int { Int.max }
    override public func emit(_ bytes: [UInt8]) throws { collected.append(contentsOf: bytes) }
    /// The text written so far.
    public func contents() -> String {
        try? flush()
        return String(decoding: collected, as: UTF8.self)
    }
    func reset() { try? flush(); collected.removeAll() }
}
