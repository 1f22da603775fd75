/// Ports and textual I/O: the R7RS core plus CHICKEN's `print`, `write-line`, `read-line`.
extension Interpreter {
    private func outPort(_ args: Arguments, _ k: Int, _ loc: String) throws -> Port {
        let p = args.count > k ? try Check.port(args[k], loc) : currentOutput
        guard p.isOutput else { throw SchemeError.type(loc, args[k]) }
        if p.isClosed { throw SchemeError.exn(kinds: ["i/o"], message: "port already closed", irritants: [.object(p)], location: loc) }
        return p
    }

    private func inPort(_ args: Arguments, _ k: Int, _ loc: String) throws -> Port {
        let p = args.count > k ? try Check.port(args[k], loc) : currentInput
        guard p.isInput else { throw SchemeError.type(loc, args[k]) }
        if p.isClosed { throw SchemeError.exn(kinds: ["i/o"], message: "port already closed", irritants: [.object(p)], location: loc) }
        return p
    }

    func ioPrimitives() -> [Primitive] {
        [
            prim("display", .range(1, 2)) { [unowned self] args in
                try self.outPort(args, 1, "display").write(args[0].displayed); return .unspecified
            },
            prim("write", .range(1, 2)) { [unowned self] args in
                try self.outPort(args, 1, "write").write(args[0].written); return .unspecified
            },
            prim("write-shared", .range(1, 2)) { [unowned self] args in
                try self.outPort(args, 1, "write-shared").write(args[0].written); return .unspecified
            },
            prim("write-simple", .range(1, 2)) { [unowned self] args in
                try self.outPort(args, 1, "write-simple").write(args[0].written); return .unspecified
            },
            prim("newline", .range(0, 1)) { [unowned self] args in
                try self.outPort(args, 0, "newline").write("\n"); return .unspecified
            },
            prim("write-char", .range(1, 2)) { [unowned self] args in
                var s = ""
                s.unicodeScalars.append(try Check.char(args[0], "write-char"))
                try self.outPort(args, 1, "write-char").write(s); return .unspecified
            },
            prim("write-string", .range(1, 4)) { [unowned self] args in
                let s = try Check.string(args[0], "write-string")
                let (a, b) = try Check.range(args, from: 2, count: s.count, "write-string")
                try self.outPort(args, 1, "write-string").write(s.slice(a, b).string)
                return .unspecified
            },
            prim("print", .atLeast(0)) { [unowned self] args in
                var s = ""
                for i in 0..<args.count { s += args[i].displayed }
                try self.currentOutput.write(s + "\n")
                return .unspecified
            },
            prim("print*", .atLeast(0)) { [unowned self] args in
                var s = ""
                for i in 0..<args.count { s += args[i].displayed }
                try self.currentOutput.write(s)
                return .unspecified
            },
            prim("write-line", .range(1, 2)) { [unowned self] args in
                try self.outPort(args, 1, "write-line").write(args[0].displayed + "\n"); return .unspecified
            },
            prim("flush-output", .range(0, 1)) { [unowned self] args in
                try self.outPort(args, 0, "flush-output").flush(); return .unspecified
            },
            prim("read-char", .range(0, 1)) { [unowned self] args in
                try self.inPort(args, 0, "read-char").readChar().map { .char($0) } ?? .eof
            },
            prim("peek-char", .range(0, 1)) { [unowned self] args in
                try self.inPort(args, 0, "peek-char").peekChar().map { .char($0) } ?? .eof
            },
            prim("char-ready?", .range(0, 1)) { [unowned self] args in
                .bool(try self.inPort(args, 0, "char-ready?").charReady())
            },
            prim("read-line", .range(0, 2)) { [unowned self] args in
                let limit = args.count > 1 ? try Check.int(args[1], "read-line") : nil
                return try self.inPort(args, 0, "read-line").readLine(limit: limit).map { .string(MString($0)) } ?? .eof
            },
            prim("read-string", .range(0, 2)) { [unowned self] args in
                // CHICKEN: (read-string [k [port]]); R7RS: (read-string k [port]).
                var k: Int? = nil
                if args.count > 0, case .fixnum(let n) = args[0] { k = n }
                let port = try self.inPort(args, 1, "read-string")
                var out = String.UnicodeScalarView()
                while k == nil || out.count < k! {
                    guard let c = try port.readChar() else { break }
                    out.append(c)
                }
                if out.isEmpty && (k ?? 1) > 0 { return .eof }
                return .string(MString(String(out)))
            },
            prim("read", .range(0, 1)) { [unowned self] args in try self.readDatum(from: try self.inPort(args, 0, "read")) },
            prim("eof-object") { .eof },
            prim("eof-object?") { v in if case .eof = v { return .true }; return .false },
            prim("current-output-port", .range(0, 1)) { [unowned self] args in
                if args.count == 1 { self.currentOutput = try Check.port(args[0], "current-output-port") }
                return .object(self.currentOutput)
            },
            prim("current-input-port", .range(0, 1)) { [unowned self] args in
                if args.count == 1 { self.currentInput = try Check.port(args[0], "current-input-port") }
                return .object(self.currentInput)
            },
            prim("current-error-port", .range(0, 1)) { [unowned self] args in
                if args.count == 1 { self.currentError = try Check.port(args[0], "current-error-port") }
                return .object(self.currentError)
            },
            prim("open-input-string") { v in .object(StringInputPort(try Check.string(v, "open-input-string").string)) },
            prim("open-output-string") { .object(StringOutputPort()) },
            prim("get-output-string") { v in
                guard case .object(let p as StringOutputPort) = v else { throw SchemeError.type("get-output-string", v) }
                return .string(MString(p.contents()))
            },
            prim("port?") { v in if case .object(is Port) = v { return .true }; return .false },
            prim("input-port?") { v in if case .object(let p as Port) = v { return .bool(p.isInput) }; return .false },
            prim("output-port?") { v in if case .object(let p as Port) = v { return .bool(p.isOutput) }; return .false },
            prim("textual-port?") { v in if case .object(is Port) = v { return .true }; return .false },
            prim("input-port-open?") { v in .bool(!(try Check.port(v, "input-port-open?").isClosed)) },
            prim("output-port-open?") { v in .bool(!(try Check.port(v, "output-port-open?").isClosed)) },
            prim("port-closed?") { v in .bool(try Check.port(v, "port-closed?").isClosed) },
            prim("port-name") { v in .string(MString(try Check.port(v, "port-name").name)) },
            prim("close-port") { v in try Interpreter.close(try Check.port(v, "close-port")); return .unspecified },
            prim("close-input-port") { v in try Interpreter.close(try Check.port(v, "close-input-port")); return .unspecified },
            prim("close-output-port") { v in try Interpreter.close(try Check.port(v, "close-output-port")); return .unspecified },
        ]
    }

    static func close(_ p: Port) throws {
        if p.isClosed { return }
        p.isClosed = true
        if p.isOutput { try p.closeOutput() } else { try p.closeInput() }
    }

    /// Reads one datum from a port, pulling more input while the datum is incomplete.
    func readDatum(from port: Port) throws -> Value {
        while true {
            let rest = Array(port.buffer[port.index...])
            let reader = Reader(scalars: rest, file: port.name, symbols: symbols)
            do {
                guard let datum = try reader.read() else {
                    port.index = port.buffer.count
                    if try port.fillBuffer() { continue }
                    return .eof
                }
                // A symbol or number at the very end may continue in the next chunk.
                if reader.offset == rest.count, !port.sawEOF, !datum.isPair, try port.fillBuffer() { continue }
                port.index += reader.offset
                return datum
            } catch let e as SchemeError {
                if reader.needsMoreInput, try port.fillBuffer() { continue }
                throw e
            }
        }
    }
}
