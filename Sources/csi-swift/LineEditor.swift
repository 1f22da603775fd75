import CReadline
import Glibc
import SchemeCore

/// GNU readline driven from the scheduler: readline's callback interface is fed one
/// character at a time while fd 0 is readable, and in between the prompt waits like any
/// other green thread, so background threads keep running while the user types.
final class LineEditor {
    /// What the readline callback delivered: a line, or end of input (Ctrl-D).
    private enum Delivery { case line(String), endOfInput }
    private static var delivered: Delivery?
    /// Candidates for Tab completion, refreshed before each prompt.
    static var completionNames: [String] = []
    private static var matches: [String] = []

    let historyFile: String
    private var installed = false

    init() {
        let home = getenv("HOME").map { String(cString: $0) } ?? "."
        historyFile = home + "/.csi-swift_history"
        rl_readline_name = UnsafePointer(strdup("csi-swift")!)
        rl_catch_signals = 0  // our SIGINT handler interrupts evaluations and clears the line
        rl_basic_word_break_characters = UnsafePointer(strdup(" \t\n\"'`;()[]{}")!)
        rl_completion_entry_function = { text, state in
            let prefix = text.map { String(cString: $0) } ?? ""
            if state == 0 { LineEditor.matches = LineEditor.completionNames.filter { $0.hasPrefix(prefix) } }
            guard Int(state) < LineEditor.matches.count else { return nil }
            return strdup(LineEditor.matches[Int(state)])
        }
        rl_variable_bind("enable-bracketed-paste", "off")
        using_history()
        stifle_history(1000)
        read_history(historyFile)
    }

    /// Saves the history (bounded to the last 1,000 lines).
    func saveHistory() {
        write_history(historyFile)
        history_truncate_file(historyFile, 1000)
    }

    /// A native procedure `(read-line-with-prompt PROMPT)`: a line, `#!eof` at end of input,
    /// or `#f` when Ctrl-C cleared the line. Parks its thread while no key is pressed.
    func procedure(_ scheme: Interpreter) -> Value {
        scheme.makeProcedure("read-line-with-prompt", arity: .exactly(1)) { [self] args in
            let prompt = try String(scheme: args[0])
            if Interpreter.userInterruptRequested {
                // Ctrl-C at the prompt: drop what was typed and start a fresh line.
                Interpreter.clearUserInterrupt()
                if installed {
                    rl_replace_line("", 0)
                    rl_callback_handler_remove()
                    installed = false
                }
                fputs("\n", stdout)
                fflush(stdout)
                return .false
            }
            if !installed {
                scheme.flushAll()
                LineEditor.delivered = nil
                rl_callback_handler_install(prompt) { line in
                    if let line {
                        LineEditor.delivered = .line(String(cString: line))
                        if line.pointee != 0 { add_history(line) }
                        free(line)
                    } else {
                        LineEditor.delivered = .endOfInput
                    }
                    rl_callback_handler_remove()
                }
                installed = true
            }
            while LineEditor.delivered == nil {
                guard let ready = try? FileDescriptor(rawValue: 0).poll(.input), !ready.isEmpty else {
                    throw SchemeError.retry(after: .readable(fd: 0, deadline: nil))
                }
                rl_callback_read_char()
            }
            installed = false
            let d = LineEditor.delivered
            LineEditor.delivered = nil
            if case .line(let s)? = d { return Value(s) }
            return .eof
        }
    }
}
