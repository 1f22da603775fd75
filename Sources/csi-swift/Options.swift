/// The parsed command line, following csi's rules (see docs/csi-swift.md).
struct Options {
    enum Action {
        case load(String)
        case eval(String)
        case print(String)
    }
    var actions: [Action] = []
    var script: String?
    var scriptArguments: [String] = []
    var showHelp = false
    var showVersion = false
    var quiet = false
    var batch = false
    var noInit = false
    var error: String?

    static func parse(_ args: [String]) -> Options {
        var o = Options()
        var i = 0
        func value(_ name: String) -> String? {
            guard i + 1 < args.count else {
                o.error = "missing argument to command-line option: \"\(name)\""
                return nil
            }
            i += 1
            return args[i]
        }
        while i < args.count {
            let a = args[i]
            switch a {
            case "-s", "-ss", "-sx", "-script":
                guard i + 1 < args.count, !args[i + 1].isEmpty, !args[i + 1].hasPrefix("-") else {
                    o.error = "missing or invalid script argument"
                    return o
                }
                o.script = args[i + 1]
                o.scriptArguments = Array(args[(i + 2)...])
                o.batch = true
                o.quiet = true
                return o
            case "-h", "-help", "--help": o.showHelp = true
            case "-v", "-version": o.showVersion = true
            case "-e", "-eval":
                if let v = value(a) { o.actions.append(.eval(v)) }
                o.batch = true; o.quiet = true
            case "-p", "-print":
                if let v = value(a) { o.actions.append(.print(v)) }
                o.batch = true; o.quiet = true
            case "-q", "-quiet": o.quiet = true
            case "-b", "-batch": o.batch = true
            case "-n", "-no-init": o.noInit = true
            case "--": i = args.count
            default:
                if a.hasPrefix("-") && a.count > 1 {
                    o.error = "invalid option: \"\(a)\""
                    return o
                }
                o.actions.append(.load(a))
            }
            i += 1
        }
        return o
    }
}
