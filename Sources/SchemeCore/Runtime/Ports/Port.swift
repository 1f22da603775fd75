import Glibc

/// A Scheme port. Input ports decode UTF-8 into a buffer of scalars; output ports collect
/// UTF-8 bytes and send them through `emit`. Subclasses supply the byte source and sink, so
/// fd-backed ports (files, pipes, the terminal, sockets) share the character-level logic.
///
/// Ports never block the process. A source or sink that is not ready throws
/// `SchemeError.wait` (`waitForInput`, and `flush` for output); the VM parks the calling
/// green thread and, once the fd is ready:
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
    @exclusivity(unchecked) public internal(set) var isClosed = false

    // input side: UTF-8 bytes, decoded as characters are taken (ASCII text, the common
    // case, is copied out of the buffer without decoding)
    @exclusivity(unchecked) var buffer: [UInt8] = []
    @exclusivity(unchecked) var index = 0
    @exclusivity(unchecked) var sawEOF = false
    /// Start of the outermost running input transaction (counted like `compacted`, from the
    /// first byte ever read): bytes from here on may be put back, so they are kept.
    @exclusivity(unchecked) private var mark: Int?
    /// Bytes dropped from the front of the buffer so far.
    @exclusivity(unchecked) private var compacted = 0
    /// Where the dropped bytes ended, for `port-position`: lines before the buffer starts
    /// and characters since the last newline.
    @exclusivity(unchecked) private var droppedLines = 0, droppedColumn = 0

    // output side
    @exclusivity(unchecked) var outBytes: [UInt8] = []
    /// How many bytes at the front of `outBytes` were already sent (see PortOutput.swift).
    @exclusivity(unchecked) var sent = 0

    public init(input: Bool, output: Bool, name: String) {
        isInput = input
        isOutput = output
        self.name = name
    }

    open var printedForm: String {
        "#<\(isInput ? "input" : "output") port \"\(name)\">"
    }

    override open var typeName: String { "port" }
    override final var unretainedPort: Unmanaged<Port>? { Unmanaged.passUnretained(self) }

    // MARK: - Hooks for subclasses

    /// Reads more bytes; returns an empty array at end of file. Throws `waitForInput(…)`
    /// when no byte is available yet.
    open func fill() throws -> [UInt8] { [] }

    /// Appends more bytes to `buffer` and returns how many (0 at end of file). The default
    /// calls `fill`; a source that reads into memory it owns can append directly.
    open func fill(appendingTo buffer: inout [UInt8]) throws -> Int {
        let bytes = try fill()
        buffer.append(contentsOf: bytes)
        return bytes.count
    }

    /// Writes some of `bytes`; returns how many were written, or nil when the sink cannot
    /// take any now (then `outputWait` says what to wait for).
    open func emit(_ bytes: UnsafeRawBufferPointer) throws -> Int? { bytes.count }

    /// What to wait for after `emit` returned nil.
    open func outputWait() throws -> WaitRequest { .yield }

    /// Called when a wait for output did not end with the sink ready; throws to end the
    /// output operation. By default a port closed meanwhile (by another thread) raises an
    /// i/o error; a port whose waits have deadlines reports the timeout.
    open func outputWaitFailed(_ outcome: WaitOutcome) throws {
        discardOutput()
        throw SchemeError.exn(kinds: ["i/o"], message: "port closed while waiting to write", irritants: [.object(self)],
                              location: nil)
    }

    /// Goes on after a wait for output: nothing to do when the sink is ready, otherwise
    /// `outputWaitFailed` ends the operation.
    func outputWaitEnded(_ outcome: WaitOutcome) throws {
        if outcome != .ready { try outputWaitFailed(outcome) }
    }

    /// Whether closing the port closes its file descriptor (rather than one direction of
    /// a socket that the other port still uses).
    open var closesFileDescriptor: Bool { false }

    /// Output is flushed when this many bytes are pending (0: at the end of every write).
    open var flushThreshold: Int { 4096 }

    /// Whether a newline in the output flushes it (terminals).
    open var flushesOnNewline: Bool { false }

    /// Whether the output stays in `outBytes` for good (string and bytevector ports): a
    /// flush or a close sends nothing and keeps it.
    open var keepsOutput: Bool { false }

    /// `set-buffering-mode!`: a flush threshold and newline policy that replace the port's
    /// own; nil keeps the port's.
    @exclusivity(unchecked) public var bufferingMode: (threshold: Int, onNewline: Bool)?

    open func closeInput() throws {}
    open func closeOutput() throws {}

    /// The file descriptor behind the port, if any (`port->fileno`).
    open var fileDescriptor: Int32? { nil }

    /// Whether a character can be read without waiting (`char-ready?`).
    open func charReady() throws -> Bool { index < buffer.count || sawEOF }

    // MARK: - Input

    /// The error that makes an input call wait for `request`. Once the wait is over the
    /// call runs again; if the port was closed meanwhile (by another thread) it returns end
    /// of file at once, as CHICKEN's does; if the request's deadline passed it raises
    /// `inputTimedOut()`. Allocates only on the port's first wait: a server waits once per
    /// request (see `RepeatedWait`).
    public func waitForInput(_ request: WaitRequest) -> any Error {
        if let wait = inputWait, let error = inputWaitError {
            wait.request = request
            return error
        }
        let wait = RepeatedWait { [unowned self] outcome in
            switch outcome {
            case .ready: return .callAgain
            case .closed: return .result(.eof)
            case .timedOut: throw self.inputTimedOut()
            }
        }
        wait.request = request
        // The port holds both; the error holds the wait, the wait nothing: no cycle.
        inputWait = wait
        let error: any Error = SchemeError.repeatedWait(wait)
        inputWaitError = error
        return error
    }

    /// The input wait, and the error that carries it, boxed once (made on the first wait).
    @exclusivity(unchecked) private var inputWait: RepeatedWait?
    @exclusivity(unchecked) private var inputWaitError: (any Error)?

    /// The error of an input call whose wait reached its deadline (a port whose waits have
    /// deadlines says which, with the timeout in force).
    open func inputTimedOut() -> SchemeError {
        .exn(kinds: ["i/o", "timeout"], message: "read operation timed out", irritants: [.object(self)], location: nil)
    }

    /// Runs an input operation so that it can be repeated if it has to wait: when it throws,
    /// the characters it consumed are put back before the error goes on.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        let outer = mark
        // Positions are kept relative to all bytes ever read: compaction moves `index`.
        let start = index + compacted
        mark = min(outer ?? start, start)
        defer { mark = outer }
        do {
            return try body()
        } catch {
            // Put back what was consumed: after a wait the operation runs again, and after a
            // failure (a timeout, a reset) the characters stay readable.
            index = start - compacted
            throw error
        }
    }

    /// Makes more bytes available; false at end of input.
    func fillBuffer() throws -> Bool {
        if sawEOF { return false }
        compact()
        if try fill(appendingTo: &buffer) == 0 {
            sawEOF = true
            return false
        }
        return true
    }

    /// Fills when nothing is buffered (until end of file). Nothing is consumed, so a caller
    /// may do it outside its transaction; a fill that must wait throws as it would inside.
    func fillIfEmpty() throws {
        if index >= buffer.count && !sawEOF { _ = try fillBuffer() }
    }

    /// Drops consumed bytes from the front of the buffer once there are many: 64 KiB, or
    /// `Port.drainedCompaction` when all of them are consumed. Not at every fill: a line
    /// server reads one short line per fill, and each compaction (the position of the
    /// dropped bytes, emptying the array) cost a twentieth of a request's instructions.
    private func compact() {
        let keepFrom = min((mark ?? (index + compacted)) - compacted, index)
        guard keepFrom > 65536 || (keepFrom >= Port.drainedCompaction && keepFrom == buffer.count) else { return }
        (droppedLines, droppedColumn) = position(through: keepFrom)
        if keepFrom == buffer.count { buffer.removeAll(keepingCapacity: true) } else { buffer.removeFirst(keepFrom) }
        index -= keepFrom
        compacted += keepFrom
    }

    /// How many consumed (or, for output, sent) bytes a port keeps before it drops them
    /// (when nothing unread or unsent follows): about what an active connection's buffers
    /// grow to.
    static let drainedCompaction = 512

    /// The line (from 1) and column (characters since the line began) after the first
    /// `end` buffered bytes.
    private func position(through end: Int) -> (Int, Int) {
        buffer.withUnsafeBytes { raw in
            guard end > 0, let base = raw.baseAddress else { return (droppedLines, droppedColumn) }
            // libc's memchr looks at many bytes per step; most chunks of input hold few
            // newlines, or end with one.
            var lines = droppedLines, column = droppedColumn, lineStart = 0
            if let last = ByteScan.lastNewline(raw, before: end) {
                lineStart = last + 1
                column = 0
                var at = 0
                while at < lineStart, let nl = memchr(base + at, 10, lineStart - at) {
                    lines += 1
                    at = base.distance(to: UnsafeRawPointer(nl)) + 1
                }
            }
            return (lines, column + ByteScan.characterCount(raw, from: lineStart, to: end))
        }
    }

    /// `port-position`: the row (from 1) and column of the next character to read.
    public var inputPosition: (row: Int, column: Int) {
        let (lines, column) = position(through: index)
        return (lines + 1, column)
    }

    /// The length of the UTF-8 sequence that starts with `lead` (1 for an invalid byte).
    @inline(__always) private static func sequenceLength(_ lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF8 ? 4 : 1
    }

    /// Decodes the character at byte offset `i` (which must be buffered), filling if its
    /// sequence is cut off; returns it and its length in bytes. Invalid bytes read as U+FFFD.
    private func decode(at i: Int) throws -> (Unicode.Scalar, Int) {
        let lead = buffer[i]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let len = Port.sequenceLength(lead)
        if len == 1 { return ("\u{FFFD}", 1) }
        // A fill may compact the buffer, moving `index`; the character's place relative to
        // `index` stays (compaction never passes `index`), `i` does not.
        let offset = i - index
        while index + offset + len > buffer.count {
            if !(try fillBuffer()) { return ("\u{FFFD}", buffer.count - (index + offset)) }
        }
        let at = index + offset
        var v = UInt32(lead) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
        for k in 1..<len {
            let b = buffer[at + k]
            guard b & 0xC0 == 0x80 else { return ("\u{FFFD}", k) }
            v = (v << 6) | UInt32(b & 0x3F)
        }
        return (Unicode.Scalar(v) ?? "\u{FFFD}", len)
    }

    func readChar() throws -> Unicode.Scalar? {
        if index >= buffer.count, !(try fillBuffer()) { return nil }
        let (c, n) = try decode(at: index)
        index += n
        return c
    }

    func peekChar() throws -> Unicode.Scalar? {
        if index >= buffer.count, !(try fillBuffer()) { return nil }
        return try decode(at: index).0
    }

    /// The end of the run of ASCII bytes in `buffer[from..<to]`.
    private func asciiRunEnd(from: Int, to: Int) -> Int {
        buffer.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, from < to else { return from }
            return from + ByteScan.asciiPrefixLength(base + from, count: to - from)
        }
    }

    /// A string from the buffered bytes `a..<b` (valid UTF-8 boundaries).
    private func string(_ a: Int, _ b: Int, ascii known: Bool = false) -> MString {
        if known || asciiRunEnd(from: a, to: b) == b {
            // Copied through a buffer pointer: `buffer[a..<b]` goes through the generic
            // collection copy (a server pays it once per line).
            return buffer.withUnsafeBufferPointer { MString(ascii: UnsafeBufferPointer(rebasing: $0[a..<b])) }
        }
        return MString(String(decoding: buffer[a..<b], as: UTF8.self))
    }

    /// Reads a line ending in `\n`, `\r\n` or `\r` as a Scheme string; nil at end of
    /// input. With `limit`, at most that many characters (the rest stays buffered). Scans
    /// the buffer and fills it as needed, so a line costs one copy.
    func readLineString(limit: Int? = nil) throws -> MString? {
        var i = index
        var chars = 0
        // Whether a byte of the line needed decoding: if not, it is copied as ASCII.
        var decoded = false
        if let scan = lineScan, scan.start == index + compacted, scan.limit == limit {
            // The same read-line, run again after a wait: go on where its scan stopped, so a
            // line that arrives in small pieces costs time linear in its length.
            i = scan.scanned - compacted
            chars = scan.chars
            decoded = scan.decoded
        }
        lineScan = nil
        while true {
            while i < buffer.count {
                // Skip the run of plain ASCII bytes (no CR or LF) in one pass.
                let end = limit.map { min(buffer.count, i + max(0, $0 - chars)) } ?? buffer.count
                let run = buffer.withUnsafeBytes { ByteScan.plainASCIIRunEnd($0, from: i, to: end) }
                chars += run - i
                i = run
                if i >= buffer.count { break }
                if let limit, chars >= limit { return take(upTo: i, skip: 0, ascii: !decoded) }
                let c = buffer[i]
                if c == 10 { return take(upTo: i, skip: 1, ascii: !decoded) }
                if c == 13 {
                    // Whether "\n" follows may only be known after one more fill.
                    if i + 1 >= buffer.count {
                        let offset = i - index
                        let more = try fillBuffer()
                        i = index + offset
                        if !more { return take(upTo: i, skip: 1, ascii: !decoded) }
                    }
                    return take(upTo: i, skip: buffer[i + 1] == 10 ? 2 : 1, ascii: !decoded)
                }
                if c < 0x80 {
                    i += 1
                } else {
                    decoded = true
                    let offset = i - index
                    let (_, n) = try decode(at: i)
                    i = index + offset + n
                }
                chars += 1
            }
            // With a limit of 0 and nothing buffered, fill first: at the end it answers #!eof
            // (csi looks at the input before it counts).
            if let limit, chars >= limit, limit > 0 || i > index { return take(upTo: i, skip: 0, ascii: !decoded) }
            let offset = i - index
            lineScan = LineScan(start: index + compacted, scanned: i + compacted, chars: chars, decoded: decoded, limit: limit)
            if !(try fillBuffer()) {
                lineScan = nil
                return index < buffer.count ? take(upTo: buffer.count, skip: 0, ascii: !decoded) : nil
            }
            lineScan = nil
            i = index + offset
        }
    }

    /// How far an unfinished `readLineString` scanned (positions counted from the first
    /// byte ever read, like `compacted`), kept across the wait that interrupted it.
    private struct LineScan {
        let start: Int
        let scanned: Int
        let chars: Int
        let decoded: Bool
        let limit: Int?
    }
    @exclusivity(unchecked) private var lineScan: LineScan?

    /// Bytes read from the source but not consumed yet (`file-position` subtracts them).
    public var unreadByteCount: Int { buffer.count - index }

    /// Bytes written but not sent yet (`file-position` adds them).
    public var unsentByteCount: Int { outBytes.count - sent }

    /// Forgets buffered input, after `set-file-position!` moved the file offset.
    func dropBufferedInput() {
        compacted += buffer.count
        buffer = []
        index = 0
        sawEOF = false
        lineScan = nil
    }

    /// Gives back the input buffer's memory (a closed port may have held a long line).
    func releaseInputBuffer() {
        buffer = []
        index = 0
        lineScan = nil
    }

    /// The characters from `index` to `end` as a string; then skips `skip` terminator bytes.
    private func take(upTo end: Int, skip: Int, ascii: Bool = false) -> MString {
        let line = string(index, end, ascii: ascii)
        index = end + skip
        return line
    }

    /// Reads up to `count` characters (nil: to the end); nil at end of input.
    func readString(count: Int?) throws -> MString? {
        var i = index
        var chars = 0
        var ascii = true
        while count.map({ chars < $0 }) ?? true {
            if i >= buffer.count {
                let offset = i - index
                if !(try fillBuffer()) { break }
                i = index + offset
            }
            if buffer[i] < 0x80 {
                // Skip a run of ASCII in one go.
                let end = count.map { min(buffer.count, i + ($0 - chars)) } ?? buffer.count
                let j = asciiRunEnd(from: i, to: end)
                chars += j - i
                i = j
            } else {
                ascii = false
                let offset = i - index
                let (_, n) = try decode(at: i)
                i = index + offset + n
                chars += 1
            }
        }
        if i == index { return nil }
        let s = string(index, i, ascii: ascii)
        index = i
        return s
    }

    /// The characters already buffered (`read-buffered`), consumed, without any I/O.
    func takeBuffered() -> MString {
        // Leave a sequence cut off by the buffer's end for the next read.
        var end = buffer.count
        var k = end - 1
        while k >= index && k > end - 4 && buffer[k] & 0xC0 == 0x80 { k -= 1 }
        if k >= index && buffer[k] >= 0xC0 && k + Port.sequenceLength(buffer[k]) > end { end = k }
        let s = string(index, end)
        index = end
        return s
    }

    /// The first buffered, unconsumed characters, at most `maxBytes` of them (cut where a
    /// character starts), for the datum reader; `whole` says whether they are all there is
    /// buffered. `skipCharacters` consumes what the reader took of them.
    func bufferedScalars(upTo maxBytes: Int) -> (scalars: [Unicode.Scalar], whole: Bool) {
        var end = buffer.count
        if end - index > maxBytes {
            end = index + maxBytes
            // Back off to the start of a character (a continuation byte is 10xxxxxx).
            while end > index + 1 && buffer[end] & 0xC0 == 0x80 { end -= 1 }
        }
        let scalars = buffer.withUnsafeBufferPointer { Reader.scalars(ofUTF8: UnsafeBufferPointer(rebasing: $0[index..<end])) }
        return (scalars, end == buffer.count)
    }

    /// Consumes a newline if one is buffered next; never waits for input.
    func skipBufferedNewline() {
        if index < buffer.count && buffer[index] == 10 { index += 1 }
    }

    /// Consumes `n` characters that are buffered, counted as `bufferedScalars` decoded them:
    /// an invalid sequence is as many characters (U+FFFD) as the decoder made of it, so
    /// the reader's count never lands inside or past the next datum.
    func skipCharacters(_ n: Int) {
        var left = n
        buffer.withUnsafeBufferPointer { bytes in
            while left > 0 && index < bytes.count {
                if bytes[index] < 0x80 {
                    index += 1
                } else {
                    // A fresh parser: one keeps the bytes it looked ahead at.
                    var parser = Unicode.UTF8.ForwardParser()
                    var input = UnsafeBufferPointer(rebasing: bytes[index...]).makeIterator()
                    switch parser.parseScalar(from: &input) {
                    case .valid(let encoded): index += encoded.count
                    case .error(let length): index += max(1, length)
                    case .emptyInput: return
                    }
                }
                left -= 1
            }
        }
    }
}

extension Port {
    /// The next byte, consumed unless `peek`; nil at end of input.
    func readByte(peek: Bool) throws -> UInt8? {
        if index >= buffer.count, !(try fillBuffer()) { return nil }
        let b = buffer[index]
        if !peek { index += 1 }
        return b
    }

    /// Up to `count` bytes.
    func readBytes(_ count: Int) throws -> [UInt8] {
        while buffer.count - index < count, try fillBuffer() {}
        let n = min(count, buffer.count - index)
        let out = Array(buffer[index..<(index + n)])
        index += n
        return out
    }
}
