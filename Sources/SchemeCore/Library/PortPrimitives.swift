import Glibc

/// Ports and textual I/O: the R7RS core, file ports, and CHICKEN's `print`, `write-line`,
/// `read-line`, `read-lines`, `read-string!`, `read-buffered`.
///
/// Output primitives append to the port and end with `commit` (so a wait resumes by
/// finishing the flush); input primitives run in the port's `transaction` (so a wait runs
/// them again with nothing lost). See Port.swift.
extension Interpreter {
    func outPort(_ args: Arguments, _ k: Int, _ loc: String) throws -> Port {
        try checkedOutput(args.count > k ? try Check.port(at: args.base + k, loc) : currentOutput, args, k, loc)
    }

    /// The output side of `p`, checked open; `args[k]` is named in the error.
    private func checkedOutput(_ p: Port, _ args: Arguments, _ k: Int, _ loc: String) throws -> Port {
        var p = p
        // Only a bidirectional port is both (the flags are cheaper than a cast).
        if p.isInput, let b = p as? BidirectionalPort { p = b.output }
        guard p.isOutput else { throw SchemeError.typeMsg(loc, "bad argument type - not an output-port", args[k]) }
        if p.isClosed { throw Interpreter.closedError(p, loc) }
        return p
    }

    /// The current output port, unwrapped and checked as `outPort` does.
    func currentOutPort(_ loc: String) throws -> Port {
        var p = currentOutput
        if p.isInput, let b = p as? BidirectionalPort { p = b.output }
        guard p.isOutput else { throw SchemeError.typeMsg(loc, "bad argument type - not an output-port", .object(p)) }
        if p.isClosed { throw Interpreter.closedError(p, loc) }
        return p
    }

    func inPort(_ args: Arguments, _ k: Int, _ loc: String) throws -> Port {
        try checkedInput(args.count > k ? try Check.port(at: args.base + k, loc) : currentInput, args, k, loc)
    }

    /// The input side of `p`, checked open; `args[k]` is named in the error.
    private func checkedInput(_ p: Port, _ args: Arguments, _ k: Int, _ loc: String) throws -> Port {
        var p = p
        if p.isOutput, let b = p as? BidirectionalPort { p = b.input }
        guard p.isInput else { throw SchemeError.typeMsg(loc, "bad argument type - not an input-port", args[k]) }
        if p.isClosed { throw Interpreter.closedError(p, loc) }
        return p
    }

    // The hot primitives (a server's read-line, display and flush-output) use the port in
    // place, as the argument slot holds it: `outPort` and `inPort` return it retained, a
    // retain and a release per call. An open port of one direction is the case handled
    // inline; the rest goes through the checks above.

    /// `body` on the output port `outPort` would give, not retained.
    @inline(__always) func withOutPort<T>(_ args: Arguments, _ k: Int, _ loc: String,
                                          _ body: (Port) throws -> T) throws -> T {
        try withPort(args, k, loc, output: true, body)
    }

    /// `body` on the input port `inPort` would give, not retained.
    @inline(__always) func withInPort<T>(_ args: Arguments, _ k: Int, _ loc: String,
                                         _ body: (Port) throws -> T) throws -> T {
        try withPort(args, k, loc, output: false, body)
    }

    @inline(__always) private func withPort<T>(_ args: Arguments, _ k: Int, _ loc: String, output: Bool,
                                               _ body: (Port) throws -> T) throws -> T {
        guard args.count > k else { return try body(output ? try outPort(args, k, loc) : try inPort(args, k, loc)) }
        return try Check.unretainedPort(at: args.base + k, loc)._withUnsafeGuaranteedRef { p in
            let oneWay = output ? p.isOutput && !p.isInput : p.isInput && !p.isOutput
            if oneWay && !p.isClosed { return try body(p) }
            return try body(output ? try checkedOutput(p, args, k, loc) : try checkedInput(p, args, k, loc))
        }
    }

    /// A procedure of the prelude, compiled now if it was not yet.
    func preludeProcedure(_ name: String) -> Value {
        let s = symbols.intern(name)
        if case .undefined = s.value { _ = loadLazyDefinition(s) }
        return s.value
    }

    /// The port argument (or the current input port) as a value.
    private func v0(_ args: Arguments) -> Value { args.count > 0 ? args[0] : .object(currentInput) }

    static func closedError(_ p: Port, _ loc: String) -> SchemeError {
        .exn(kinds: ["i/o", "file"], message: "port already closed", irritants: [.object(p)], location: loc)
    }

    /// Writes `text` and ends the output primitive.
    func put(_ p: Port, _ text: String) throws -> Value {
        if let c = p as? CustomPort { throw SchemeError.callInstead(procedure: c.writer, arguments: [Value(text)]) }
        p.write(text)
        try p.commit()
        return .unspecified
    }

    /// Writes a Scheme string's characters without converting them (a custom port's writer
    /// gets a copy).
    func put(_ p: Port, _ text: MString) throws -> Value {
        if let c = p as? CustomPort {
            throw SchemeError.callInstead(procedure: c.writer, arguments: [.string(text.slice(0, text.count))])
        }
        p.write(text)
        try p.commit()
        return .unspecified
    }

    /// `putDisplayed` of the argument in `slot`: a string, what a server displays, is written
    /// in place (copying the argument and binding the string were two retains and releases).
    private func putDisplayed(_ p: Port, at slot: UnsafePointer<Value>) throws -> Value {
        guard let s = Value.unretainedString(at: slot), !(p is CustomPort) else { return try putDisplayed(p, slot.pointee) }
        // nil when the string is not ASCII: it has no bytes to send as they are.
        let sentAsBytes: Void? = try s._withUnsafeGuaranteedRef {
            try $0.withASCIIBytes { try p.writeAndCommit(UnsafeRawBufferPointer($0)) }
        }
        if sentAsBytes == nil {
            s._withUnsafeGuaranteedRef { p.write($0) }
            try p.commit()
        }
        return .unspecified
    }

    /// `display`s `v` and ends the output primitive; strings go out without conversion.
    private func putDisplayed(_ p: Port, _ v: Value, newline: Bool = false) throws -> Value {
        // A keyword displays as it reads in the keyword style in force (`foo:` or `:foo`).
        let text = { Printer.string(v, write: false, keywordPrefix: self.keywordStyle == .prefix) }
        if p is CustomPort { return try put(p, text() + (newline ? "\n" : "")) }
        switch v {
        case .string(let s): p.write(s)
        case .char(let c): p.write(c)
        case .fixnum(let i): p.write(String(i))
        // A symbol displays as its name: no printer, and no keyword style to look up.
        case .symbol(let s) where !s.isKeyword: p.write(s.name)
        default: p.write(text())
        }
        if newline { p.write(Unicode.Scalar(10)) }
        try p.commit()
        return .unspecified
    }

    func ioPrimitives() -> [Primitive] {
        // The interpreter as the hot primitives below use it: through `[unowned(unsafe) self]`
        // each use copies the reference (a retain and a release per call), where
        // `_withUnsafeGuaranteedRef` lends it. The interpreter owns its primitives.
        let me = Unmanaged.passUnretained(self)
        return [
            prim("display", .range(1, 2)) { args in
                try me._withUnsafeGuaranteedRef { i in try i.withOutPort(args, 1, "display") { try i.putDisplayed($0, at: args.base) } }
            },
            prim("write", .range(1, 2)) { [unowned(unsafe) self] args in
                try self.withOutPort(args, 1, "write") { try self.put($0, args[0].written) }
            },
            prim("write-shared", .range(1, 2)) { [unowned(unsafe) self] args in
                try self.put(self.outPort(args, 1, "write-shared"), args[0].written)
            },
            prim("write-simple", .range(1, 2)) { [unowned(unsafe) self] args in
                try self.put(self.outPort(args, 1, "write-simple"), args[0].written)
            },
            prim("newline", .range(0, 1)) { [unowned(unsafe) self] args in
                try self.withOutPort(args, 0, "newline") { try self.put($0, "\n") }
            },
            prim("write-char", .range(1, 2)) { [unowned(unsafe) self] args in
                let c = try Check.char(args[0], "write-char")
                let p = try self.outPort(args, 1, "write-char")
                if p is CustomPort { return try self.put(p, String(c)) }
                p.write(c)
                try p.commit()
                return .unspecified
            },
            prim("write-string", .range(1, 4)) { [unowned(unsafe) self] args in
                let s = try Check.string(args[0], "write-string")
                // CHICKEN: (write-string s [n [port]]); R7RS: (write-string s [port [start [end]]]).
                if args.count > 1, case .fixnum(let n) = args[1] {
                    return try self.put(self.outPort(args, 2, "write-string"), s.slice(0, max(0, min(n, s.count))))
                }
                if args.count > 1, args[1].isFalse {
                    return try self.put(self.outPort(args, 2, "write-string"), s)
                }
                let (a, b) = try Check.range(args, from: 2, count: s.count, "write-string")
                return try self.put(self.outPort(args, 1, "write-string"), a == 0 && b == s.count ? s : s.slice(a, b))
            },
            prim("print", .atLeast(0)) { [unowned(unsafe) self] args in
                var s = ""
                for i in 0..<args.count { s += args[i].displayed }
                return try self.put(try self.currentOutPort("print"), s + "\n")
            },
            prim("print*", .atLeast(0)) { [unowned(unsafe) self] args in
                var s = ""
                for i in 0..<args.count { s += args[i].displayed }
                return try self.put(try self.currentOutPort("print*"), s)
            },
            prim("write-line", .range(1, 2)) { [unowned(unsafe) self] args in
                try self.putDisplayed(self.outPort(args, 1, "write-line"), args[0], newline: true)
            },
            prim("flush-output", .range(0, 1)) { args in
                try me._withUnsafeGuaranteedRef { try $0.withOutPort(args, 0, "flush-output") { p in
                    if let c = p as? CustomPort {
                        if c.flusher.isFalse { return .unspecified }
                        throw SchemeError.callInstead(procedure: c.flusher, arguments: [])
                    }
                    try p.flush()
                    return .unspecified
                } }
            },
            prim("read-char", .range(0, 1)) { [unowned(unsafe) self] args in
                try self.withInPort(args, 0, "read-char") { p in
                    if let c = p as? CustomPort {
                        if let v = c.peeked { c.peeked = nil; return v }
                        throw SchemeError.callInstead(procedure: c.reader, arguments: [])
                    }
                    return try p.transaction { try p.readChar().map { .char($0) } ?? .eof }
                }
            },
            prim("peek-char", .range(0, 1)) { [unowned(unsafe) self] args in
                let p = try self.inPort(args, 0, "peek-char")
                if let c = p as? CustomPort {
                    if let v = c.peeked { return v }
                    if !c.peeker.isFalse { throw SchemeError.callInstead(procedure: c.peeker, arguments: []) }
                    throw SchemeError.callInstead(procedure: self.preludeProcedure("%custom-peek"), arguments: [v0(args)])
                }
                return try p.transaction { try p.peekChar().map { .char($0) } ?? .eof }
            },
            prim("char-ready?", .range(0, 1)) { [unowned(unsafe) self] args in
                let p = try self.inPort(args, 0, "char-ready?")
                if let c = p as? CustomPort {
                    if c.peeked != nil { return .true }
                    throw SchemeError.callInstead(procedure: c.ready, arguments: [])
                }
                return .bool(try p.charReady())
            },
            prim("read-line", .range(0, 2)) { args in
                let limit = args.count > 1 && !args[1].isFalse ? try Check.int(args[1], "read-line") : nil
                return try me._withUnsafeGuaranteedRef { i in try i.withInPort(args, 0, "read-line") { p in
                    if p is CustomPort {
                        throw SchemeError.callInstead(procedure: i.preludeProcedure("%custom-read-line"),
                                                      arguments: [.object(p), limit.map { .fixnum($0) } ?? .false])
                    }
                    // Filled before the transaction when empty: a server's read finds the
                    // buffer empty and waits on every request, and a fill that waits has
                    // consumed nothing, so it needs no transaction around it.
                    try p.fillIfEmpty()
                    return try p.transaction { try p.readLineString(limit: limit).map { .string($0) } ?? .eof }
                } }
            },
            prim("read-lines", .range(0, 2)) { [unowned(unsafe) self] args in
                let p = try self.inPort(args, 0, "read-lines")
                if p is CustomPort {
                    throw SchemeError.callInstead(procedure: self.preludeProcedure("%custom-read-lines"),
                                                  arguments: [.object(p), args.count > 1 ? args[1] : .false])
                }
                let max = args.count > 1 && !args[1].isFalse ? try Check.int(args[1], "read-lines") : Int.max
                return try p.transaction {
                    var lines: [Value] = []
                    while lines.count < max, let line = try p.readLineString() { lines.append(.string(line)) }
                    return Value.list(lines)
                }
            },
            prim("read-string", .range(0, 2)) { [unowned(unsafe) self] args in
                // CHICKEN: (read-string [k [port]]); R7RS: (read-string k [port]).
                var k: Int? = nil
                if args.count > 0, !args[0].isFalse {
                    // CHICKEN's words for a count that is no fixnum (1.5, 2^70).
                    guard case .fixnum = args[0] else {
                        throw SchemeError.typeMsg("read-string", "bad argument type - not a fixnum", args[0])
                    }
                    k = try Check.natural(args[0], "read-string")
                }
                let p = try self.inPort(args, 1, "read-string")
                if k == 0 { return .string(MString("")) }
                if p is CustomPort {
                    throw SchemeError.callInstead(procedure: self.preludeProcedure("%custom-read-string"),
                                                  arguments: [.object(p), k.map { .fixnum($0) } ?? .false])
                }
                return try p.transaction { try p.readString(count: k).map { .string($0) } ?? .eof }
            },
            prim("read-string!", .range(2, 4)) { [unowned(unsafe) self] args in
                // CHICKEN: (read-string! n string [port [start]]).
                let s = try Check.string(args[1], "read-string!")
                let p = try self.inPort(args, 2, "read-string!")
                let start = args.count > 3 ? try Check.int(args[3], "read-string!") : 0
                var n = args[0].isFalse ? s.count - start : try Check.natural(args[0], "read-string!")
                guard start >= 0, start <= s.count else { throw SchemeError.bounds("read-string!", [args.count > 3 ? args[3] : .fixnum(0)]) }
                n = min(n, s.count - start)
                let chars: [Unicode.Scalar] = try p.transaction {
                    var got: [Unicode.Scalar] = []
                    while got.count < n, let c = try p.readChar() { got.append(c) }
                    return got
                }
                for (i, c) in chars.enumerated() { s[start + i] = c }
                return .fixnum(chars.count)
            },
            prim("read-buffered", .range(0, 1)) { [unowned(unsafe) self] args in
                .string(try self.inPort(args, 0, "read-buffered").takeBuffered())
            },
            prim("read", .range(0, 1)) { [unowned(unsafe) self] args in
                let p = try self.inPort(args, 0, "read")
                if p is CustomPort {
                    throw SchemeError.callInstead(procedure: self.preludeProcedure("%custom-read"), arguments: [.object(p)])
                }
                return try p.transaction { try self.readDatum(from: p) }
            },
            prim("eof-object") { .eof },
            prim("eof-object?") { v in if case .eof = v { return .true }; return .false },
            prim("current-output-port", .range(0, 1)) { [unowned(unsafe) self] args in
                if args.count == 1 { self.currentOutput = try Check.port(args[0], "current-output-port") }
                return .object(self.currentOutput)
            },
            prim("current-input-port", .range(0, 1)) { [unowned(unsafe) self] args in
                if args.count == 1 { self.currentInput = try Check.port(args[0], "current-input-port") }
                return .object(self.currentInput)
            },
            prim("current-error-port", .range(0, 1)) { [unowned(unsafe) self] args in
                if args.count == 1 { self.currentError = try Check.port(args[0], "current-error-port") }
                return .object(self.currentError)
            },
            prim("open-input-string") { v in .object(StringInputPort(try Check.string(v, "open-input-string").string)) },
            prim("open-output-string") { .object(StringOutputPort()) },
            prim("get-output-string") { v in
                guard case .object(let p as StringOutputPort) = v else { throw SchemeError.type("get-output-string", v) }
                return .string(MString(p.contents()))
            },
            prim("open-input-file", .range(1, 2)) { v in
                let path = try Check.cString(v[0], "open-input-file")
                return .object(try Interpreter.openFile(path, flags: O_RDONLY, input: true, "open-input-file"))
            },
            prim("open-output-file", .range(1, 2)) { v in
                let path = try Check.cString(v[0], "open-output-file")
                var append = false
                if v.count > 1, case .symbol(let s) = v[1] { append = s.name.hasSuffix("append") }
                let flags = O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC)
                return .object(try Interpreter.openFile(path, flags: flags, input: false, "open-output-file"))
            },
            prim("file-exists?") { v in
                let path = try Check.cString(v, "file-exists?")
                return access(path, F_OK) == 0 ? v : .false
            },
            prim("directory-exists?") { v in
                Posix.fileKind(try Check.cString(v, "directory-exists?")) == .directory ? v : .false
            },
            prim("delete-file") { v in
                let path = try Check.cString(v, "delete-file")
                do { try Posix.removeFile(path) } catch let e as Errno { throw Interpreter.fileError("cannot delete file", e, v, "delete-file") }
                return v
            },
            prim("port?") { v in if case .object(is Port) = v { return .true }; return .false },
            prim("make-input-port", .range(3, 4)) { args in
                for i in 0..<args.count { _ = try Check.procedure(args[i], "make-input-port") }
                return .object(CustomPort(reader: args[0], ready: args[1], closer: args[2], peeker: args.count > 3 ? args[3] : .false))
            },
            prim("make-output-port", .range(2, 3)) { args in
                for i in 0..<args.count { _ = try Check.procedure(args[i], "make-output-port") }
                return .object(CustomPort(writer: args[0], closer: args[1], flusher: args.count > 2 ? args[2] : .false))
            },
            prim("%custom-set-peeked!") { p, v in
                guard case .object(let c as CustomPort) = p else { throw SchemeError.type("peek-char", p) }
                c.peeked = v
                return v
            },
            prim("input-port?") { v in if case .object(let p as Port) = v { return .bool(p.isInput) }; return .false },
            prim("output-port?") { v in if case .object(let p as Port) = v { return .bool(p.isOutput) }; return .false },
            prim("textual-port?") { v in if case .object(is Port) = v { return .true }; return .false },
            // CHICKEN refuses a port of the other direction (no location in its message).
            prim("input-port-open?") { v in
                let p = try Check.port(v, "input-port-open?")
                guard p.isInput else { throw SchemeError.typeMsg(nil, "bad argument type - not an input-port", v) }
                return .bool(!((p as? BidirectionalPort)?.input ?? p).isClosed)
            },
            prim("output-port-open?") { v in
                let p = try Check.port(v, "output-port-open?")
                guard p.isOutput else { throw SchemeError.typeMsg(nil, "bad argument type - not an output-port", v) }
                return .bool(!((p as? BidirectionalPort)?.output ?? p).isClosed)
            },
            prim("port-closed?") { v in .bool(try Check.port(v, "port-closed?").isClosed) },
            prim("port-name") { v in .string(MString(try Check.port(v, "port-name").name)) },
            prim("port->fileno") { v in
                let p = try Check.port(v, "port->fileno")
                if p.isClosed { throw Interpreter.closedError(p, "port->fileno") }
                guard let fd = p.fileDescriptor else {
                    throw SchemeError.exn(kinds: ["type"], message: "port has no attached file", irritants: [v], location: "port->fileno")
                }
                return .fixnum(Int(fd))
            },
            prim("close-port") { [unowned(unsafe) self] v in try self.closePort(try Check.port(v, "close-port")) },
            prim("close-input-port") { [unowned(unsafe) self] v in
                let p = try Check.port(v, "close-input-port")
                if let b = p as? BidirectionalPort {
                    defer { b.updateClosed() }
                    return try self.closePort(b.input)
                }
                return p.isInput ? try self.closePort(p) : .unspecified
            },
            prim("close-output-port") { [unowned(unsafe) self] v in
                let p = try Check.port(v, "close-output-port")
                if let b = p as? BidirectionalPort {
                    defer { b.updateClosed() }
                    return try self.closePort(b.output)
                }
                return p.isOutput ? try self.closePort(p) : .unspecified
            },
        ]
    }

    static func openFile(_ path: String, flags: Int32, input: Bool, _ loc: String) throws -> Port {
        do {
            let fd = try FileDescriptor.open(path, flags)
            return FDPort(fd: fd.rawValue, input: input, name: path, ownsFD: true)
        } catch let e as Errno {
            throw SchemeError.exn(kinds: ["i/o", "file"], message: "cannot open file - \(e.text)",
                                  irritants: [.string(MString(path))], location: loc)
        }
    }
}
