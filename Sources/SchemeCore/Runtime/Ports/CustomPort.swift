/// A port made by `make-input-port` / `make-output-port`: its characters come from (or go to)
/// Scheme procedures. The I/O primitives hand a call on such a port to those procedures
/// (`SchemeError.callInstead`), so no Swift code ever calls back into Scheme.
final class CustomPort: Port, Traceable {
    /// `(read)` → a character or `#!eof`; `(ready?)`; `(close)`; optional `(peek)`.
    let reader: Value, ready: Value, peeker: Value
    /// `(write string)`; optional `(flush)`.
    let writer: Value, flusher: Value
    let closer: Value
    /// A character read ahead by `peek-char` when no peek procedure was given.
    var peeked: Value?

    init(reader: Value, ready: Value, closer: Value, peeker: Value) {
        self.reader = reader
        self.ready = ready
        self.peeker = peeker
        self.closer = closer
        writer = .false
        flusher = .false
        super.init(input: true, output: false, name: "(custom)")
    }

    init(writer: Value, closer: Value, flusher: Value) {
        self.writer = writer
        self.closer = closer
        self.flusher = flusher
        reader = .false
        ready = .false
        peeker = .false
        super.init(input: false, output: true, name: "(custom)")
    }

    func trace(_ visit: (Value) -> Void) {
        for v in [reader, ready, peeker, writer, flusher, closer] { visit(v) }
        if let peeked { visit(peeked) }
    }
}
