/// The rest of `(chicken port)`: bidirectional ports, positions, names, buffering and the
/// terminal queries. (`make-concatenated-port` and `make-broadcast-port` are Scheme, in
/// Prelude/extras.scm, over `make-input-port` and `make-output-port`.)
extension Interpreter {
    func portExtrasPrimitives() -> [Primitive] {
        [
            // (%swap-current-port! cell): cell is (which . port), which one of output, input,
            // error. Makes the port current and leaves the one it replaces in the cell, so
            // that calling it on entering and on leaving a dynamic extent binds the port
            // there (with-output-to-string and kin, in the prelude).
            prim("%swap-current-port!") { [unowned(unsafe) self] cell in
                guard case .pair(let c) = cell, case .symbol(let which) = c.car else {
                    throw SchemeError.type("%swap-current-port!", cell)
                }
                let next = try Check.port(c.cdr, "current-\(which.name)-port")
                let now: Port
                switch which.name {
                case "input": (now, self.currentInput) = (self.currentInput, next)
                case "error": (now, self.currentError) = (self.currentError, next)
                default: (now, self.currentOutput) = (self.currentOutput, next)
                }
                c.cdr = .object(now)
                self.collector.stored(c.cdr, into: c)
                return .unspecified
            },
            // (%check-port port direction who): csi's checks of the port given to
            // with-output-to-port and kin, at the call: a port, of that direction (input or
            // output), and open.
            prim("%check-port", .exactly(3)) { [unowned(unsafe) self] args in
                guard case .symbol(let direction) = args[1] else { throw SchemeError.type("%check-port", args[1]) }
                guard case .symbol(let who) = args[2] else { throw SchemeError.type("%check-port", args[2]) }
                _ = direction.name == "input" ? try self.inPort(args, 0, who.name) : try self.outPort(args, 0, who.name)
                return .unspecified
            },
            prim("make-bidirectional-port", Signature(.port, .port)) { args in
                let i = try Check.port(args[0], "make-bidirectional-port")
                let o = try Check.port(args[1], "make-bidirectional-port")
                return .object(BidirectionalPort(input: i, output: o))
            },
            prim("port-position", .range(0, 1)) { [unowned(unsafe) self] args in
                var p = args.count > 0 ? try Check.port(args[0], "port-position") : self.currentInput
                if let b = p as? BidirectionalPort { p = b.input }
                guard p.isInput, !(p is CustomPort) else {
                    throw SchemeError.exn(kinds: [], message: "cannot compute position of port", irritants: [.object(p)],
                                          location: "port-position")
                }
                if p.isClosed { throw Interpreter.closedError(p, "port-position") }
                let (row, column) = p.inputPosition
                return .object(MultipleValues([.fixnum(row), .fixnum(column)]))
            },
            prim("set-port-name!", Signature(.port, .string)) { args in
                try Check.port(args[0], "set-port-name!").name = try args.string(1).string
                return .unspecified
            },
            prim("set-buffering-mode!", .range(2, 3)) { args in
                let p = try Check.port(args[0], "set-buffering-mode!")
                guard case .symbol(let mode) = args[1], mode.isKeyword, ["none", "line", "full"].contains(mode.name) else {
                    throw SchemeError.exn(kinds: [], message: "invalid buffering-mode", irritants: [args[1], args[0]],
                                          location: "set-buffering-mode!")
                }
                let size = args.count > 2 ? try args.size(2) : 4096
                guard p.isOutput, !p.keepsOutput, !(p is CustomPort), !(p is BidirectionalPort) else {
                    throw SchemeError.exn(kinds: [], message: "cannot set buffering mode", irritants: [args[0]],
                                          location: "set-buffering-mode!")
                }
                switch mode.name {
                case "none": p.bufferingMode = (0, false)
                case "line": p.bufferingMode = (size, true)
                default: p.bufferingMode = (size, false)
                }
                return .unspecified
            },
            prim("terminal-port?", Signature(.port)) { args in
                guard let fd = try Interpreter.openPortFileDescriptor(args[0], "terminal-port?") else { return .false }
                return .bool(FileDescriptor(rawValue: fd).isTerminal)
            },
            prim("terminal-name", Signature(.port)) { args in
                let fd = try Interpreter.terminalDescriptor(args[0], "terminal-name")
                do { return .string(MString(try fd.terminalName())) } catch let e as Errno {
                    throw SchemeError.exn(kinds: ["i/o"], message: "cannot determine terminal name - \(e.text)",
                                          irritants: [args[0]], location: "terminal-name")
                }
            },
            prim("terminal-size", Signature(.port)) { args in
                let fd = try Interpreter.terminalDescriptor(args[0], "terminal-size")
                do {
                    let (rows, columns) = try fd.terminalSize()
                    return .object(MultipleValues([.fixnum(rows), .fixnum(columns)]))
                } catch let e as Errno {
                    throw SchemeError.exn(kinds: ["i/o"], message: "cannot determine terminal window size - \(e.text)",
                                          irritants: [args[0]], location: "terminal-size")
                }
            },
        ]
    }

    /// The file descriptor behind an open port (nil for a port without one); a closed port
    /// is an `(exn i/o file)` error, as in CHICKEN.
    static func openPortFileDescriptor(_ v: Value, _ loc: String) throws -> Int32? {
        let p = try Check.port(v, loc)
        if p.isClosed { throw closedError(p, loc) }
        return p.fileDescriptor
    }

    /// The terminal behind a port, or CHICKEN's "port is not connected to a terminal".
    private static func terminalDescriptor(_ v: Value, _ loc: String) throws -> FileDescriptor {
        guard let fd = try openPortFileDescriptor(v, loc), FileDescriptor(rawValue: fd).isTerminal else {
            throw SchemeError.exn(kinds: [], message: "port is not connected to a terminal", irritants: [v], location: loc)
        }
        return FileDescriptor(rawValue: fd)
    }
}
