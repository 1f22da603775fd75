import Glibc
import SchemeCore

/// The REPL's comma commands: one table of (name, help, handler), as csi has them (the ones
/// that make sense without CHICKEN's debugger and module system).
enum Commands {
    typealias Handler = (_ argument: String, _ scheme: Interpreter, _ state: inout ReplState,
                         _ readMore: () -> String?) throws -> Int32?

    struct Command {
        let name: String
        let usage: String
        let help: String
        let run: Handler
    }

    static let table: [Command] = [
        Command(name: "?", usage: ",?", help: "Show this text") { _, scheme, _, _ in
            var text = "Toplevel commands:\n\n"
            for c in table { text += " " + c.usage.padded(18) + c.help + "\n" }
            scheme.print(String(text.dropLast()))
            return nil
        },
        Command(name: "p", usage: ",p EXP", help: "Pretty print evaluated expression EXP") { arg, scheme, _, more in
            for v in try evaluate(arg, scheme, more) { try scheme.call("pp", [v]) }
            return nil
        },
        Command(name: "d", usage: ",d EXP", help: "Describe result of evaluated expression EXP") { arg, scheme, _, more in
            for v in try evaluate(arg, scheme, more) { scheme.print(describe(v, scheme)) }
            return nil
        },
        Command(name: "du", usage: ",du EXP", help: "Dump data of expression EXP") { arg, scheme, _, more in
            for v in try evaluate(arg, scheme, more) { scheme.print(try dump(v, limit: nil)) }
            return nil
        },
        Command(name: "dur", usage: ",dur EXP N", help: "Dump range") { arg, scheme, _, more in
            let vs = try evaluate(arg, scheme, more)
            guard vs.count == 2, case .fixnum(let n) = vs[1] else {
                throw SchemeError.exn(kinds: [], message: "usage: ,dur EXP N", irritants: [], location: "dump")
            }
            scheme.print(try dump(vs[0], limit: n))
            return nil
        },
        Command(name: "q", usage: ",q", help: "Quit interpreter") { _, _, _, _ in
            print("")
            return 0
        },
        Command(name: "l", usage: ",l FILENAME ...", help: "Load one or more files") { arg, scheme, _, _ in
            for f in arg.split(separator: " ") {
                scheme.print("; loading \(f) ...")
                try scheme.load(path: Driver.withExtension(String(f)))
            }
            return nil
        },
        Command(name: "ln", usage: ",ln FILENAME ...",
                help: "Load one or more files and print result of each top-level expression") { arg, scheme, _, _ in
            for f in arg.split(separator: " ") {
                let path = Driver.withExtension(String(f))
                scheme.print("; loading \(path) ...")
                let source = try scheme.call("%open-source", [Value(path)])
                while true {
                    let form = try scheme.call("%read-source", [source])
                    if case .eof = form { break }
                    try scheme.call("pp", [form])
                    let v = try scheme.evaluate(form)
                    scheme.print("==> " + v.valuesArray.map { $0.written }.joined(separator: " "))
                }
            }
            return nil
        },
        Command(name: "r", usage: ",r", help: "Show system information") { _, scheme, _, _ in
            let features = try scheme.call("features", []).listToArray() ?? []
            var text = "Features:\n"
            for (i, f) in features.enumerated() { text += "  " + f.displayed.padded(20) + (i % 3 == 2 ? "\n" : "") }
            text += "\n\nMachine type:          x86-64 (linux)\nSoftware version:      csi-swift \(Driver.version)\n"
            text += "Keyword style:         \(scheme.keywordStyle.rawValue)\n"
            text += "Include path:          \(scheme.includePath)\n"
            text += "Command line:          \(CommandLine.arguments)\ninterrupts are enabled"
            scheme.print(text)
            return nil
        },
        Command(name: "h", usage: ",h", help: "Show history of expression results") { _, scheme, state, _ in
            for (i, v) in state.history.enumerated() { scheme.print("#\(i + 1): \(v.value.written)") }
            return nil
        },
        Command(name: "ch", usage: ",ch", help: "Clear history of expression results") { _, scheme, state, _ in
            state.history = state.history.map { _ in scheme.protect(.unspecified) }
            return nil
        },
        Command(name: "e", usage: ",e FILENAME", help: "Run external editor") { arg, scheme, _, _ in
            var editor = "vi"
            for name in ["EDITOR", "VISUAL"] { if let e = getenv(name) { editor = String(cString: e); break } }
            let status = system("\(editor) \(arg)")
            if status != 0 { scheme.print("editor returned with non-zero exit status \(status >> 8)") }
            return nil
        },
        Command(name: "s", usage: ",s TEXT ...", help: "Execute shell-command") { arg, scheme, state, _ in
            scheme.flushAll()
            let status = system(arg) >> 8
            scheme.print(String(status))
            state.history.append(scheme.protect(Value(Int(status))))
            state.count += 1
            return nil
        },
        Command(name: "exn", usage: ",exn", help: "Describe last exception") { _, scheme, state, _ in
            guard let e = state.lastError else { return nil }
            var text = "condition: (\(e.kinds.joined(separator: " ")))\n"
            if e.kinds.first == "exn" {
                text += " exn\n\tmessage: \(Value(e.message ?? "").written)\n\targuments: \(Value.list(e.irritants).written)"
                if case .object = e.value, let loc = try? scheme.call("condition-property-accessor", [scheme.symbol("exn"), scheme.symbol("location"), .false]),
                   let where_ = try? scheme.call(loc, [e.value]), !where_.isFalse {
                    text += "\n\tlocation: \(where_.written)"
                }
                for k in e.kinds.dropFirst() { text += "\n " + k }
            }
            scheme.print(text)
            state.history.append(scheme.protect(e.value))
            state.count += 1
            return nil
        },
        Command(name: "t", usage: ",t EXP", help: "Evaluate form and print elapsed time") { arg, scheme, state, more in
            let start = monotonicSeconds()
            var cpu = rusage()
            getrusage(RUSAGE_SELF.rawValue, &cpu)
            let before = Double(cpu.ru_utime.tv_sec) + Double(cpu.ru_utime.tv_usec) / 1e6
            let values = try evaluate(arg, scheme, more)
            getrusage(RUSAGE_SELF.rawValue, &cpu)
            let after = Double(cpu.ru_utime.tv_sec) + Double(cpu.ru_utime.tv_usec) / 1e6
            scheme.print(String(format3(after - before)) + "s CPU time, " + String(format3(monotonicSeconds() - start)) + "s elapsed")
            for v in values {
                state.history.append(scheme.protect(v))
                if case .unspecified = v { continue }
                scheme.print(v.written)
            }
            state.count += 1
            return nil
        },
    ]

    /// Runs a line that starts with a comma; returns an exit status to stop the REPL.
    static func run(_ line: String, _ scheme: Interpreter, _ state: inout ReplState,
                    readMore: () -> String?) -> Int32? {
        let (name, rest) = split(line)
        let argument = rest.trimmingLeadingSpaces()
        guard let command = command(named: name) else {
            reportUnknown(name, scheme)
            return nil
        }
        do {
            return try command.run(argument, scheme, &state, readMore)
        } catch let e as SchemeExit {
            return e.status
        } catch let e as SchemeConditionError {
            state.lastError = e
            state.lastErrorHandle = scheme.protect(e.value)
            Driver.report(e, scheme)
        } catch {
            fputs("\nError: \(error)\n", stderr)
        }
        return nil
    }

    /// csi's message for a comma command it does not know.
    static func reportUnknown(_ name: String, _ scheme: Interpreter) {
        scheme.print("undefined toplevel command (unquote \(name)) - enter `,?' for help")
    }

    /// For a line holding an unknown comma command: reports it and answers the rest of the
    /// line, which csi reads as ordinary input; nil when the command is known.
    static func unknownCommandRest(_ line: String, _ scheme: Interpreter) -> String? {
        let (name, rest) = split(line)
        guard command(named: name) == nil else { return nil }
        reportUnknown(name, scheme)
        return rest
    }

    /// The command named `name`, if there is one.
    static func command(named name: String) -> Command? { table.first { $0.name == name } }

    /// A command line (`,name rest`, leading blanks allowed) as its name and the rest.
    private static func split(_ line: String) -> (name: String, rest: String) {
        let body = line.trimmingLeadingSpaces().dropFirst()
        let name = String(body.prefix(while: { !$0.isWhitespace }))
        return (name, String(body.dropFirst(name.count)))
    }

    /// Evaluates the expression(s) in `text`, reading more lines while it is incomplete.
    static func evaluate(_ text: String, _ scheme: Interpreter, _ readMore: () -> String?) throws -> [Value] {
        var text = text
        while true {
            if let data = try scheme.readData(text) {
                return try data.flatMap { try scheme.evaluate($0).valuesArray }
            }
            guard let more = readMore() else { return [] }
            text += "\n" + more
        }
    }

    /// csi's `,d` description of a value.
    static func describe(_ v: Value, _ scheme: Interpreter) -> String {
        switch v {
        case .fixnum(let i):
            var s = "exact immediate integer \(i)\n  #x\(String(i, radix: 16))\n  #o\(String(i, radix: 8))\n  #b\(String(i, radix: 2))"
            if i >= 0, i < 0x110000, let c = Unicode.Scalar(UInt32(i)) { s += ", character \(Value.char(c).written)" }
            return s
        case .flonum(let d): return "inexact floating-point number \(Value.flonum(d).written)"
        case .bool(let b): return "boolean \(b ? "true" : "false")"
        case .null: return "empty list"
        case .char(let c): return "character \(Value.char(c).written), code: \(c.value), #x\(String(c.value, radix: 16)), #o\(String(c.value, radix: 8))"
        case .string:
            let chars = Array(((try? String(scheme: v)) ?? "").unicodeScalars)
            return (["string of length \(chars.count)"] + chars.enumerated().map { " \($0.offset): \(Value.char($0.element).written)" })
                .joined(separator: "\n")
        case .symbol:
            let bound = scheme.global(v.displayed) != nil
            return "\(bound ? "" : "unbound ")symbol with name \(Value(v.displayed).written)"
        case .pair:
            if let items = v.listToArray() {
                return (["list of length \(items.count)"] + items.enumerated().map { " \($0.offset): \($0.element.written)" })
                    .joined(separator: "\n")
            }
            return "pair with car \(v.written)"
        case .vector:
            let items = (try? scheme.call("vector->list", [v]))?.listToArray() ?? []
            return (["vector of length \(items.count)"] + items.enumerated().map { " \($0.offset): \($0.element.written)" })
                .joined(separator: "\n")
        case .procedure: return "procedure \(v.written)"
        default: return v.written
        }
    }

    /// csi's `,du` hex dump of a string.
    static func dump(_ v: Value, limit: Int?) throws -> String {
        guard case .string = v else {
            throw SchemeError.exn(kinds: [], message: "cannot dump immediate object", irritants: [v], location: "dump")
        }
        var bytes = Array(((try? String(scheme: v)) ?? "").utf8)
        if let limit { bytes = Array(bytes.prefix(max(0, limit))) }
        var lines: [String] = []
        for start in stride(from: 0, to: bytes.count, by: 16) {
            let row = bytes[start..<min(start + 16, bytes.count)]
            let hex = row.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
            let text = String(row.map { $0 >= 32 && $0 < 127 ? Character(Unicode.Scalar($0)) : "." })
            lines.append(String(repeating: " ", count: max(0, 4 - String(start).count)) + "\(start): "
                         + hex.padded(49) + text)
        }
        return lines.joined(separator: "\n")
    }

    static func format3(_ x: Double) -> String {
        let ms = Int((x * 1000).rounded())
        return "\(ms / 1000).\(String(repeating: "0", count: 3 - String(ms % 1000).count))\(ms % 1000)"
    }
}

extension String {
    /// Padded with spaces to at least `width` characters.
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
