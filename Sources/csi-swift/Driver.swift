import Glibc
import SchemeCore
import TCPPrimitives
import TLSPrimitives

/// Runs what the command line asks for, in csi's order (docs/csi-swift.md), and returns the
/// exit status.
struct Driver {
    let options: Options

    static let version = "0.2.0"

    static let banner = """
    CSI-Swift
    Version \(version) (CHICKEN 5.3 compatible)
    linux-unix-gnu-x86-64 [ 64bit green-threads epoll readline ]


    """

    static let usage = """
    usage: csi-swift [OPTION ...] [FILENAME ...]

      `csi-swift' is a Scheme interpreter with CHICKEN's tcp unit built in.

      FILENAME is a Scheme source file name with optional extension. OPTION may be
      one of the following:

        -h  -help                     display this text and exit
        -v  -version                  display version and exit
            -release                  print release number and exit
        -i  -case-insensitive         enable case-insensitive reading
        -e  -eval EXPRESSION          evaluate given expression
        -p  -print EXPRESSION         evaluate and print result(s)
        -P  -pretty-print EXPRESSION  evaluate and print result(s) prettily
        -D  -feature SYMBOL           register feature identifier
            -no-feature SYMBOL        disable built-in feature identifier
        -q  -quiet                    do not print banner
        -n  -no-init                  do not load initialization file ` csirc '
        -b  -batch                    terminate after command-line processing
        -w  -no-warnings              disable all warnings
        -K  -keyword-style STYLE      enable alternative keyword-syntax
                                       (prefix, suffix or none)
            -no-parentheses-synonyms  disables list delimiter synonyms
            -no-symbol-escape         disables support for escaped symbols
            -r5rs-syntax              disables the CHICKEN extensions to
                                       R5RS syntax
        -s  -script PATHNAME          use csi-swift as interpreter for Scheme scripts
            -ss PATHNAME              same as `-s', but invoke `main' procedure
            -sx PATHNAME              same as `-s', but print each expression
                                       as it is evaluated
            -setup-mode               accepted for compatibility (no effect)
        -R  -require-extension NAME   require extension and import before
                                       executing code
        -I  -include-path PATHNAME    add PATHNAME to include path
            -limit-instructions N     stop a script or -e code after N safe points
            -limit-seconds S          stop it after S seconds
            -limit-heap-mb M          stop it once the heap grew by M MiB
        --                            ignore all following options


    """

    /// The interpreter of this process (see `run`).
    nonisolated(unsafe) static var keptAlive: Interpreter?

    func run() -> Int32 {
        if let e = options.error {
            fputs("Error: \(e)\n", stderr)
            return 70
        }
        if options.showHelp {
            print(Driver.usage, terminator: "")
            return 0
        }
        if options.showVersion {
            print(Driver.banner, terminator: "")
            return 0
        }
        Driver.installSignalHandlers()
        if options.showRelease {
            print(Driver.version)
            return 0
        }
        let scheme = Interpreter()
        // The process ends when `run` returns: freeing the interpreter's every object on the
        // way out would be wasted work, so it is kept (and the exit is as quick as csi's).
        Driver.keptAlive = scheme
        TCP.install(into: scheme)
        TLS.install(into: scheme)
        // The command line keeps Scheme values only through handles (the REPL's history).
        scheme.checksHostReferences = false
        defer {
            scheme.runExitHandlers()
            scheme.flushAll()
        }
        configure(scheme)
        do {
            if !options.quiet {
                if options.noWarnings { print("Warnings are disabled") }
                if options.caseInsensitive { print("Identifiers and symbols are case insensitive") }
                for m in options.readerMessages { print(m) }
                print(Driver.banner + "Type ,? for help.")
                fflush(stdout)
            }
            if !options.noInit, let rc = Driver.initFile() {
                if !options.quiet { print("; loading \(rc) ...") }
                fflush(stdout)
                try scheme.load(path: rc)
            }
            // Arguments before a script option (files, -e …) run first, left to right, as in
            // csi: `csi matchable.scm -s match-test.scm`.
            for action in options.actions { try perform(action, scheme) }
            if let script = options.script {
                try runScript(script, scheme)
                return 0
            }
            if !options.batch {
                let status = Repl(scheme: scheme).run()
                return status
            }
            return 0
        } catch let e as SchemeExit {
            return e.status
        } catch let e as SchemeConditionError {
            Driver.report(e, scheme)
            return 70
        } catch {
            fputs("\nError: \(error)\n", stderr)
            return 70
        }
    }

    /// Applies the options that configure the interpreter itself.
    private func configure(_ scheme: Interpreter) {
        scheme.programName = options.script ?? "csi-swift"
        scheme.commandLineArguments = options.script != nil ? options.scriptArguments : options.arguments
        if options.script != nil { scheme.features.append("chicken-script") }
        scheme.features += options.features
        scheme.features.removeAll { options.removedFeatures.contains($0) }
        if options.caseInsensitive || options.r5rsSyntax {
            scheme.caseInsensitive = true
            scheme.features.append("case-insensitive")
        }
        if let style = options.keywordStyle, let k = KeywordStyle(rawValue: style) { scheme.keywordStyle = k }
        scheme.limits = options.limits
        scheme.includePath = options.includePath
            + (getenv("CHICKEN_INCLUDE_PATH").map { String(cString: $0).split(separator: ":").map(String.init) } ?? [])
    }

    private func perform(_ action: Options.Action, _ scheme: Interpreter) throws {
        switch action {
        case .load(let path):
            if !options.quiet {
                print("; loading \(Driver.withExtension(path)) ...")
                fflush(stdout)
            }
            try scheme.load(path: Driver.withExtension(path))
        case .eval(let text):
            try scheme.eval(text, file: "<command line>")
        case .print(let text):
            for v in try scheme.evalEach(text, file: "<command line>") { try scheme.display(v, newline: true) }
        case .prettyPrint(let text):
            for v in try scheme.evalEach(text, file: "<command line>") { try scheme.call("pp", [v]) }
        case .require(let name):
            try scheme.eval("(import \(name))", file: "<command line>")
        }
    }

    /// `-s`, `-ss` (then call `main`), `-sx` (echo each form on stderr first).
    private func runScript(_ path: String, _ scheme: Interpreter) throws {
        if options.scriptMode == "-sx" {
            try scheme.load(path: path) { form in
                scheme.flushAll()
                let text = (try? scheme.call("%pp-string", [form]).displayed) ?? form.written
                fputs("\n; " + text.replacingNewlines(with: "\n; ") + "\n", stderr)
            }
        } else {
            try scheme.load(path: path)
        }
        if options.scriptMode == "-ss" {
            let result = try scheme.call("main", [Value(options.scriptArguments)])
            scheme.flushAll()
            if case .fixnum(let n) = result { throw SchemeExit(status: Int32(truncatingIfNeeded: n & 255)) }
        }
    }

    /// `FILE` or `FILE.scm`, as csi loads them.
    static func withExtension(_ path: String) -> String {
        if access(path, F_OK) != 0 && access(path + ".scm", F_OK) == 0 { return path + ".scm" }
        return path
    }

    /// The init file: `$XDG_CONFIG_HOME/csi-swift/csirc` (or `~/.config/csi-swift/csirc`), else
    /// `~/.csi-swiftrc`.
    static func initFile() -> String? {
        let home = getenv("HOME").map { String(cString: $0) } ?? ""
        let config = getenv("XDG_CONFIG_HOME").map { String(cString: $0) } ?? home + "/.config"
        for candidate in [config + "/csi-swift/csirc", home + "/.csi-swiftrc"] where access(candidate, R_OK) == 0 {
            return candidate
        }
        return nil
    }

    /// As in csi: SIGINT stops the program at its next safe point or wait with
    /// `*** user interrupt ***` and status 70 (the REPL installs its own handler); SIGQUIT
    /// keeps its default action, so Swift's crash reporter never claims a crash.
    static func installSignalHandlers() {
        signal(SIGINT) { _ in Interpreter.requestUserInterrupt() }
        signal(SIGQUIT, SIG_DFL)
    }

    /// CHICKEN's uncaught-error report, plus the source position when known.
    static func report(_ e: SchemeConditionError, _ scheme: Interpreter) {
        scheme.flushAll()
        if scheme.isUserInterrupt(e) {
            fputs("\n*** user interrupt ***\n", stderr)
            return
        }
        var text = "\nError: \(e.text)\n"
        if let loc = e.location { text += "\tat \(loc)\n" }
        fputs(text, stderr)
    }
}

extension String {
    func replacingNewlines(with s: String) -> String { split(separator: "\n", omittingEmptySubsequences: false).joined(separator: s) }
}
