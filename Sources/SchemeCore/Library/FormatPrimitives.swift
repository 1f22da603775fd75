/// CHICKEN's `sprintf` family (`format`, `printf`, `fprintf` are prelude wrappers), `pp`,
/// procedure setters and exit handlers.
extension Interpreter {
    func formatPrimitives() -> [Primitive] {
        [
            prim("sprintf", .atLeast(1)) { args in
                try Interpreter.sprintf(try Check.string(args[0], "sprintf").chars, Array(args.array.dropFirst()))
            },
            prim("%pretty-print", .range(1, 2)) { [unowned(unsafe) self] args in
                let port = try self.outPort(args, 1, "pp")
                return try self.put(port, PrettyPrinter.format(args[0], width: 79) + "\n")
            },
            prim("%pp-string") { v in .string(MString(PrettyPrinter.format(v, width: 79))) },
            prim("%attach-setter!") { [unowned(unsafe) self] get, set in
                let p = try Check.procedure(get, "getter-with-setter")
                _ = try Check.procedure(set, "getter-with-setter")
                self.setters[ObjectIdentifier(p)] = (p, set)
                return get
            },
            prim("%procedure-setter") { [unowned(unsafe) self] v in
                guard case .procedure(let p) = v else { return .false }
                if let s = self.setters[ObjectIdentifier(p)] { return s.setter }
                // A parameter sets itself when called with the value: `(set! (p) 1000)`.
                if p.kind == .parameter { return v }
                // The built-in accessors' setters, as CHICKEN has them (by primitive, so a
                // program's own `car` has none).
                guard let name = Interpreter.builtinSetters[p.name] else { return .false }
                if p.kind != .primitive {
                    // A prelude procedure: only while it is still the global of its name.
                    guard case .procedure(let current)? = self.global(p.name), current === p else { return .false }
                }
                return self.global(name) ?? .false
            },
            prim("on-exit") { [unowned(unsafe) self] thunk in
                _ = try Check.procedure(thunk, "on-exit")
                self.exitHandlers.append(thunk)
                return .unspecified
            },
        ]
    }

    /// `(setter getter)` of the built-in accessors.
    static let builtinSetters: [String: String] = {
        var table = [
            "car": "set-car!", "cdr": "set-cdr!", "vector-ref": "vector-set!", "string-ref": "string-set!",
            "hash-table-ref": "hash-table-set!", "record-printer": "set-record-printer!",
            "bytevector-u8-ref": "bytevector-u8-set!", "u8vector-ref": "u8vector-set!",
            "block-ref": "block-set!", "record-instance-slot": "record-instance-slot-set!",
            "file-position": "set-file-position!", "file-permissions": "set-file-permissions!",
            "file-owner": "set-file-owner!", "file-group": "set-file-group!", "current-directory": "change-directory",
            "current-user-id": "%set-user-id!", "current-group-id": "%set-group-id!",
            "current-effective-user-id": "%set-effective-user-id!", "current-effective-group-id": "%set-effective-group-id!",
            "process-group-id": "%set-process-group-id!", "file-creation-mode": "%set-file-creation-mode!",
            "list-ref": "%set-list-ref!", "locative-ref": "locative-set!",
        ]
        // CHICKEN's setters of the two- and three-step accessors (not of the four-step ones).
        for path in ["aa", "ad", "da", "dd", "add", "ddd"] { table["c\(path)r"] = "%set-c\(path)r!" }
        for kind in NumberVector.Kind.allCases { table["\(kind.rawValue)vector-ref"] = "\(kind.rawValue)vector-set!" }
        return table
    }()

    /// Runs the thunks registered with `on-exit`, most recent first (the driver calls this
    /// when the program ends), then, while `force-finalizers` is true, the finalizers of the
    /// objects no longer reachable. Errors in the thunks are ignored.
    public func runExitHandlers() {
        let handlers = exitHandlers
        exitHandlers = []
        for h in handlers.reversed() { _ = try? call(h, []) }
        let finalizers = collector.finalizers
        guard finalizers.count > 0 || finalizers.hasDue,
              let force = global("force-finalizers"), parameterValue(force)?.isFalse == false,
              let run = global("%run-finalizers") else { return }
        collectNow()
        _ = try? call(run, [])
    }
}

extension Interpreter {
    /// One format string being expanded: `~?` starts another (an explicit stack, so that
    /// nesting that Scheme data decides never deepens Swift's).
    private struct FormatFrame {
        let text: [Unicode.Scalar]
        var at = 0
        let args: [Value]
        var next = 0
    }

    /// CHICKEN's `sprintf` directives: `~a ~s ~c ~b ~o ~x ~% ~n ~~ ~! ~?` and `~` before a
    /// line break; arguments left over are ignored, as in CHICKEN.
    static func sprintf(_ text: [Unicode.Scalar], _ args: [Value]) throws -> Value {
        var out = ""
        var frames = [FormatFrame(text: text, args: args)]
        while var f = frames.popLast() {
            func arg() throws -> Value {
                guard f.next < f.args.count else {
                    throw SchemeError.exn(kinds: [], message: "too few arguments to formatted output procedure",
                                          irritants: [], location: "sprintf")
                }
                f.next += 1
                return f.args[f.next - 1]
            }
            while f.at < f.text.count {
                let c = f.text[f.at]
                f.at += 1
                guard c == "~", f.at < f.text.count else { out.unicodeScalars.append(c); continue }
                let d = f.text[f.at]
                f.at += 1
                switch d {
                case "a", "A": out += try arg().displayed
                case "s", "S": out += try arg().written
                case "%", "n", "N": out += "\n"
                case "~": out += "~"
                case "c", "C":
                    let v = try arg()
                    guard case .char(let ch) = v else { throw SchemeError.type("sprintf", v) }
                    out.unicodeScalars.append(ch)
                case "b", "B", "o", "O", "x", "X":
                    let v = try arg()
                    let radix = "bB".unicodeScalars.contains(d) ? 2 : "oO".unicodeScalars.contains(d) ? 8 : 16
                    // As csi: the number goes through number->string, which names itself.
                    guard v.isNumber else { throw SchemeError.typeMsg("number->string", "bad argument type - not a number", v) }
                    out += NumberFormat.format(v, radix: radix)
                case "?":
                    let inner = try arg(), list = try arg()
                    // The list is checked first, as in csi.
                    guard let innerArgs = list.listToArray() else { throw SchemeError.typeMsg("sprintf", "bad argument type - not a list", list) }
                    guard case .string(let s) = inner else { throw SchemeError.typeMsg("sprintf", "bad argument type - not a string", inner) }
                    frames.append(f)
                    f = FormatFrame(text: s.chars, args: innerArgs)
                case "!": break
                case "\n":
                    // "~" before a line break skips the break and the next line's indentation.
                    while f.at < f.text.count && (f.text[f.at] == " " || f.text[f.at] == "\t") { f.at += 1 }
                default:
                    throw SchemeError.exn(kinds: [], message: "illegal format-string character", irritants: [.char(d)],
                                          location: "sprintf")
                }
            }
        }
        return .string(MString(out))
    }
}

/// `pp`: the written form, broken over lines with indentation when it does not fit.
enum PrettyPrinter {
    static func format(_ v: Value, width: Int) -> String {
        var out = ""
        emit(v, indent: 0, width: width, into: &out)
        return out
    }

    private static func emit(_ v: Value, indent: Int, width: Int, into out: inout String) {
        // Beyond a few hundred columns of indentation, breaking lines helps nobody (and deep
        // nesting must not recurse without bound).
        guard indent < 400, case .pair = v, let items = v.listToArray(), !items.isEmpty else {
            out += v.written
            return
        }
        if let flat = Printer.written(v, limit: width - indent, abbreviating: true) {
            out += flat
            return
        }
        if case .pair(let p) = v, let (prefix, quoted) = Printer.abbreviation(p) {
            out += prefix
            emit(quoted, indent: indent + prefix.count, width: width, into: &out)
            return
        }
        out += "("
        let head = items[0].isSymbol ? items[0].written : ""
        // (define (f x) ...), (let ((...)) ...): keep the head and first form on the line.
        let special = ["define", "lambda", "let", "let*", "letrec", "when", "unless", "define-syntax", "do"].contains(head)
        var first = 1
        var childIndent = indent + 1
        if case .symbol = items[0] {
            out += head
            childIndent = special ? indent + 2 : indent + head.count + 2
            if items.count > 1 {
                out += " "
                emit(items[1], indent: indent + head.count + 2, width: width, into: &out)
                first = 2
                // A named let keeps its bindings on the line too: (let loop ((i 0)), as csi's pp.
                if head == "let", case .symbol = items[1], items.count > 3 {
                    let column = indent + head.count + 2 + items[1].written.count + 1
                    out += " "
                    emit(items[2], indent: column, width: width, into: &out)
                    first = 3
                }
            }
        } else {
            emit(items[0], indent: indent + 1, width: width, into: &out)
        }
        for item in items.dropFirst(first) {
            out += "\n" + String(repeating: " ", count: childIndent)
            emit(item, indent: childIndent, width: width, into: &out)
        }
        out += ")"
    }
}
