/// Helpers for the command line and the REPL: evaluating text datum by datum and printing
/// results the way csi does.
extension Interpreter {
    /// Evaluates each datum of `text`; returns every result value (multiple values spread).
    public func evalEach(_ text: String, file: String) throws -> [Value] {
        let reader = makeReader(text: text, file: file)
        var out: [Value] = []
        while true {
            let datum: Value?
            do { datum = try reader.read() } catch let e as SchemeError { throw hostError(machine.errorCondition(e), nil) }
            guard let datum else { return out }
            let v = try evalDatum(datum, sourceMap: reader.sourceMap)
            if case .object(let mv as MultipleValues) = v { out += mv.values } else { out.append(v) }
        }
    }

    /// Reads every datum of `text`; nil if the text ends inside a datum (a REPL then reads
    /// another line). Malformed text throws the reader's `(exn syntax)` error.
    public func readData(_ text: String, file: String = "<stdin>") throws -> [Value]? {
        let reader = makeReader(text: text, file: file)
        var out: [Value] = []
        do {
            while let d = try reader.read() { out.append(d) }
        } catch let e as SchemeError {
            if reader.needsMoreInput { return nil }
            throw hostError(machine.errorCondition(e), nil)
        }
        return out
    }

    /// Evaluates one datum (as read by `readData`) at toplevel.
    @discardableResult
    public func evaluate(_ datum: Value) throws -> Value {
        try withLimits(nil) { try evalDatum(datum, sourceMap: nil) }
    }

    /// Writes a line of text to the current output port.
    public func print(_ line: String) {
        currentOutput.write(line + "\n")
        currentOutput.flushWaiting()
    }

    /// Writes `v` to the current output port with `display` (and a newline).
    public func display(_ v: Value, newline: Bool) throws {
        currentOutput.write(v.displayed + (newline ? "\n" : ""))
        currentOutput.flushWaiting()
    }

    /// Reads the next datum from the current input port; nil at end of file. As csi's REPL
    /// does, a newline right after the datum is consumed (if it has arrived), so that
    /// `(read-line)` typed at the REPL reads the next line, not the rest of its own.
    public func readFromInput() throws -> Value? {
        let datum = try readThroughVM("read") { [unowned(unsafe) self] port in
            let d = try self.readDatum(from: port)
            port.skipBufferedNewline()
            return d
        }
        if case .eof = datum { return nil }
        return datum
    }

    /// The rest of the current input line (without its newline); nil at end of file.
    public func readLineFromInput() throws -> String? {
        let line = try readThroughVM("read-line") { port in try port.readLineString().map { .string($0) } ?? .eof }
        if case .eof = line { return nil }
        return try String(scheme: line)
    }

    /// Runs `read` on the current input port as a native call of the VM, so that waiting
    /// for input lets the other green threads run (and the read is repeated after the wait).
    private func readThroughVM(_ name: String, _ read: @escaping (Port) throws -> Value) throws -> Value {
        let port = currentInput
        let reader = Primitive(name, .exactly(0), .f0 { try port.transaction { try read(port) } })
        return try callProcedure(.procedure(reader), [])
    }
}
