import Glibc
import SchemeCore
import TCPPrimitives

/// Runs what the command line asks for and returns the exit status.
struct Driver {
    let options: Options

    static let usage = """
    usage: csi-swift [OPTION ...] [FILENAME ...]

      `csi-swift' is a Scheme interpreter written in Swift with CHICKEN's tcp unit built in.

      -h  -help                     display this text and exit
      -v  -version                  display version and exit
      -s  -script PATHNAME          use interpreter for shell scripts
      -e  -eval EXPRESSION          evaluate given expression
      -p  -print EXPRESSION         evaluate and print result(s)
      -q  -quiet                    do not print banner
      -b  -batch                    terminate after command-line processing
      -n  -no-init                  do not load initialization file
      --                            ignore all following options

    """

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
            print("csi-swift version 0.1.0 (CHICKEN 5.3 compatible)")
            return 0
        }
        let scheme = Interpreter()
        TCP.install(into: scheme)
        defer {
            scheme.runExitHandlers()
            scheme.flushAll()
        }
        do {
            if let script = options.script {
                scheme.programName = script
                scheme.commandLineArguments = options.scriptArguments
                try scheme.load(path: script)
                return 0
            }
            for action in options.actions {
                switch action {
                case .load(let path): try scheme.load(path: path)
                case .eval(let text): try scheme.eval(text, file: "<command line>")
                case .print(let text):
                    for v in try scheme.evalEach(text, file: "<command line>") {
                        try scheme.display(v, newline: true)
                    }
                }
            }
            if !options.batch { return repl(scheme) }
            return 0
        } catch let e as SchemeExit {
            return e.status
        } catch let e as SchemeConditionError {
            report(e, scheme)
            return 70
        } catch {
            fputs("Error: \(error)\n", stderr)
            return 70
        }
    }

    /// Reads and evaluates standard input datum by datum (the readline REPL comes later).
    func repl(_ scheme: Interpreter) -> Int32 {
        while true {
            do {
                guard let results = try scheme.readEvalFromInput() else { return 0 }
                for v in results { try scheme.writeResult(v) }
            } catch let e as SchemeExit {
                return e.status
            } catch let e as SchemeConditionError {
                report(e, scheme)
            } catch {
                fputs("Error: \(error)\n", stderr)
            }
        }
    }

    func report(_ e: SchemeConditionError, _ scheme: Interpreter) {
        scheme.flushAll()
        var text = "\nError: \(e.text)\n"
        if let loc = e.location { text += "\tat \(loc)\n" }
        fputs(text, stderr)
    }
}
