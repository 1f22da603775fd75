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
    @exclusivity(unchecked) private(set) var compacted = 0
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

    /// Where an unfinished `readLineString` stopped (PortReading.swift).
    @exclusivity(unchecked) var lineScan: LineScan?

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
}
