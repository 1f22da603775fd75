import Glibc
import SchemeCore

/// csi's read-eval-print loop. On a terminal: readline, the `#;N> ` prompt, history,
/// completion, comma commands, Ctrl-C; otherwise datum by datum from standard input with no
/// prompt. Either way input is read through the scheduler, so green threads keep running.
struct Repl {
    let scheme: Interpreter

    func run() -> Int32 {
        // As in csi, `load` at the REPL says what it loads.
        _ = try? scheme.eval("(load-verbose #t)")
        return isatty(0) == 1 ? interactive() : piped()
    }

    /// Reads standard input datum by datum, like csi with a pipe: no prompt, but the same
    /// comma commands and result printing as on a terminal.
    private func piped() -> Int32 {
        var state = ReplState()
        while true {
            let datum: Value
            do {
                guard let d = try scheme.readFromInput() else {
                    print("")
                    return 0
                }
                datum = d
            } catch let e as SchemeConditionError {
                Driver.report(e, scheme)
                continue
            } catch {
                fputs("\nError: \(error)\n", stderr)
                continue
            }
            // `,t (+ 1 2)` reads as (unquote t): a command, whose argument is the rest of the line.
            if let name = Repl.commandName(datum) {
                // An unknown command leaves the rest of its line to be read as data (csi).
                guard Commands.command(named: name) != nil else {
                    Commands.reportUnknown(name, scheme)
                    continue
                }
                let rest = (try? scheme.readLineFromInput()) ?? nil
                let readMore = { (try? scheme.readLineFromInput()) ?? nil }
                if let status = Commands.run("," + name + " " + (rest ?? ""), scheme, &state, readMore: readMore) { return status }
                continue
            }
            if let status = evalAndPrint(datum, &state) { return status }
        }
    }

    /// The command a datum read at the prompt names: `(unquote SYMBOL)`.
    static func commandName(_ datum: Value) -> String? {
        guard let items = datum.listToArray(), items.count == 2, case .symbol(let head) = items[0],
              head.name == "unquote", case .symbol(let name) = items[1] else { return nil }
        return name.name
    }

    private func interactive() -> Int32 {
        let editor = LineEditor()
        defer { editor.saveHistory() }
        let readLine = editor.procedure(scheme)
        signal(SIGINT) { _ in Interpreter.requestUserInterrupt() }
        defer { signal(SIGINT, SIG_DFL) }
        var state = ReplState()
        while true {
            LineEditor.completionNames = scheme.globalNames()
            var text = ""
            var prompt = promptText(state)
            var data: [Value]?
            // Read lines until they hold complete data (or a comma command).
            while true {
                let line: Value
                do {
                    line = try scheme.call(readLine, [Value(prompt)])
                } catch {
                    continue
                }
                if case .eof = line {
                    print("")
                    return 0
                }
                guard case .string = line else { text = ""; prompt = promptText(state); continue }
                var s = (try? String(scheme: line)) ?? ""
                if text.isEmpty, s.trimmingLeadingSpaces().hasPrefix(",") {
                    if let rest = Commands.unknownCommandRest(s, scheme) {
                        s = rest  // after the unknown command's message, its line's rest is data (csi)
                    } else {
                        if let status = Commands.run(s.trimmingLeadingSpaces(), scheme, &state, readMore: {
                            (try? String(scheme: scheme.call(readLine, [Value("")]))) ?? nil
                        }) { return status }
                        data = []
                        break
                    }
                }
                text += s + "\n"
                do {
                    data = try scheme.readData(text)
                } catch let e as SchemeConditionError {
                    Driver.report(e, scheme)
                    data = []
                } catch {
                    data = []
                }
                if data != nil { break }
                prompt = ""
            }
            for datum in data ?? [] {
                if let status = evalAndPrint(datum, &state) { return status }
            }
        }
    }

    /// What `(repl-prompt)`'s procedure answers, csi's `#;N> ` when that is not a string.
    private func promptText(_ state: ReplState) -> String {
        let fallback = "#;\(state.count)> "
        scheme.define("%repl-count", Value(state.count))
        guard let parameter = scheme.global("repl-prompt"), let procedure = scheme.parameterValue(parameter),
              let text = try? String(scheme: scheme.call(procedure, [])) else { return fallback }
        return text
    }

    /// Evaluates one datum and prints its values csi's way; returns an exit status to stop.
    func evalAndPrint(_ datum: Value, _ state: inout ReplState) -> Int32? {
        do {
            let v = try scheme.evaluate(datum)
            state.count += 1
            state.history.append(scheme.protect(v))
            printValues(v)
        } catch let e as SchemeExit {
            return e.status
        } catch let e as SchemeConditionError {
            if scheme.isUserInterrupt(e) {
                scheme.flushAll()
                print("\n*** user interrupt ***")
            } else {
                state.lastError = e
                state.lastErrorHandle = scheme.protect(e.value)
                Driver.report(e, scheme)
            }
        } catch {
            fputs("\nError: \(error)\n", stderr)
        }
        fflush(stdout)
        return nil
    }

    func printValues(_ v: Value) {
        let values = v.valuesArray
        if values.isEmpty {
            scheme.print("; no values")
            return
        }
        if case .unspecified = values[0] { return }
        for x in values { scheme.print(x.written) }
        if values.count > 1 { scheme.print("; \(values.count) values") }
        scheme.flushAll()
    }
}

/// What the REPL remembers between inputs.
struct ReplState {
    /// The number in the next prompt.
    var count = 1
    var history: [SchemeHandle] = []
    var lastError: SchemeConditionError?
    /// Keeps the last error's condition (and what it refers to) intact.
    var lastErrorHandle: SchemeHandle?
}

extension String {
    func trimmingLeadingSpaces() -> String { String(drop(while: { $0 == " " || $0 == "\t" })) }
}
