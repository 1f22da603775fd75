import SchemeCore

/// The command line, parsed by csi's rules (docs/csi-swift.md; CHICKEN 5.3's measured
/// behaviour plus `-v` and `-K`, which its manual lists).
struct Options {
    /// What to do with the remaining arguments, in order.
    enum Action {
        case load(String)
        case eval(String)
        case print(String)
        case prettyPrint(String)
        case require(String)
    }

    var actions: [Action] = []
    var script: String?
    var scriptMode = ""           // "-s", "-ss" or "-sx"
    var scriptArguments: [String] = []
    var showHelp = false
    var showVersion = false
    var showRelease = false
    var quiet = false
    var batch = false
    var noInit = false
    var noWarnings = false
    var caseInsensitive = false
    /// `-r5rs-syntax`: case-insensitive too, without `-i`'s message.
    var r5rsSyntax = false
    var keywordStyle: String?
    var features: [String] = []
    var removedFeatures: [String] = []
    var includePath: [String] = []
    var readerMessages: [String] = []
    /// `-limit-…`: bounds on the script, `-e` code and loaded files (not the REPL).
    var limits = EvaluationLimits.none
    /// Everything after the program name, as `(command-line-arguments)` shows it outside
    /// script mode.
    var arguments: [String] = []
    var error: String?

    static let shortLetters = Set("ksShDeiRbnqw-IpPvK")
    static let longOptions: Set<String> = [
        "-ss", "-sx", "-script", "-version", "-help", "--help", "-feature", "-no-feature", "-eval",
        "-case-insensitive", "-keyword-style", "-no-parentheses-synonyms", "-no-symbol-escape", "-r5rs-syntax",
        "-setup-mode", "-require-extension", "-batch", "-quiet", "-no-warnings", "-no-init", "-include-path",
        "-release", "-print", "-pretty-print", "-limit-instructions", "-limit-seconds", "-limit-heap-mb", "--",
    ]
    static let scriptOptions: Set<String> = ["-s", "-ss", "-sx", "-script"]

    /// Splits `CSI_OPTIONS` into words (double quotes group).
    static func words(_ text: String) -> [String] {
        var out: [String] = [], word = "", inQuotes = false, any = false
        for c in text {
            if c == "\"" { inQuotes.toggle(); any = true }
            else if c.isWhitespace && !inQuotes { if any { out.append(word) }; word = ""; any = false }
            else { word.append(c); any = true }
        }
        if any { out.append(word) }
        return out
    }

    static func parse(_ argv: [String], environment: String?) -> Options {
        var o = Options()
        var args = argv
        if let env = environment, !args.contains(where: { scriptOptions.contains($0) }) {
            args = words(env) + args
        }
        o.arguments = args
        // Canonicalise: validate and split combined short options, up to a script option or "--".
        var canon: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if scriptOptions.contains(a) || a == "--" {
                canon += args[i...]
                break
            }
            if a.hasPrefix("-") && a.count == 2 {
                guard let letter = a.last, shortLetters.contains(letter) else { o.error = "invalid option: \"\(a)\""; return o }
                canon.append(a)
            } else if a.hasPrefix("-") && a.count > 2 && !longOptions.contains(a) {
                if a.hasPrefix("-:") { i += 1; continue }
                guard a.dropFirst().allSatisfy({ shortLetters.contains($0) }) else {
                    o.error = "invalid option: \"\(a)\""
                    return o
                }
                for c in a.dropFirst() { canon.append("-" + String(c)) }
                if a.contains("s") {
                    // A script option inside a group (`-qs FILE ...`): the rest is the script's.
                    canon += args[(i + 1)...]
                    break
                }
            } else {
                canon.append(a)
            }
            i += 1
        }
        // Script mode: the path and everything after it.
        if let k = canon.firstIndex(where: { scriptOptions.contains($0) }) {
            guard k + 1 < canon.count, !canon[k + 1].isEmpty, !canon[k + 1].hasPrefix("-") else {
                o.error = "missing or invalid script argument"
                return o
            }
            o.scriptMode = canon[k] == "-script" ? "-s" : canon[k]
            o.script = canon[k + 1]
            o.scriptArguments = Array(canon[(k + 2)...])
            canon = Array(canon[..<k])
            o.batch = true
            o.quiet = true
            o.noInit = true
        } else if let k = canon.firstIndex(of: "--") {
            canon = Array(canon[..<k])
        }
        i = 0
        func value(_ name: String, cadr: Bool = false) -> String? {
            guard i + 1 < canon.count else {
                o.error = cadr ? "(cadr) bad argument type: ()" : "missing argument to command-line option: \"\(name)\""
                return nil
            }
            i += 1
            return canon[i]
        }
        func positive<T: Comparable & Numeric>(_ name: String, _ text: String, _ parse: (String) -> T?) -> T? {
            guard let n = parse(text), n > 0 else {
                o.error = "invalid argument to command-line option \"\(name)\": \(text)"
                return nil
            }
            return n
        }
        while i < canon.count && o.error == nil {
            let a = canon[i]
            switch a {
            case "-h", "-help", "--help": o.showHelp = true
            case "-v", "-version": o.showVersion = true
            case "-release": o.showRelease = true
            case "-e", "-eval":
                if let v = value(a, cadr: true) { o.actions.append(.eval(v)) }
                o.batch = true; o.quiet = true; o.noInit = true
            case "-p", "-print":
                if let v = value(a, cadr: true) { o.actions.append(.print(v)) }
                o.batch = true; o.quiet = true; o.noInit = true
            case "-P", "-pretty-print":
                if let v = value(a, cadr: true) { o.actions.append(.prettyPrint(v)) }
                o.batch = true; o.quiet = true; o.noInit = true
            case "-D", "-feature": if let v = value(a) { o.features.append(v) }
            case "-no-feature": if let v = value(a) { o.removedFeatures.append(v) }
            case "-I", "-include-path": if let v = value(a) { o.includePath.append(v) }
            case "-R", "-require-extension": if let v = value(a) { o.actions.append(.require(v)) }
            case "-K", "-k", "-keyword-style": if let v = value(a) { o.keywordStyle = v }
            case "-q", "-quiet": o.quiet = true
            case "-b", "-batch": o.batch = true
            case "-n", "-no-init": o.noInit = true
            case "-w", "-no-warnings": o.noWarnings = true
            case "-i", "-case-insensitive": o.caseInsensitive = true
            case "-no-parentheses-synonyms": o.readerMessages.append("Disabled support for parentheses synonyms")
            case "-no-symbol-escape": o.readerMessages.append("Disabled support for escaped symbols")
            case "-r5rs-syntax":
                o.readerMessages.append("Disabled the CHICKEN extensions to R5RS syntax")
                o.r5rsSyntax = true
                o.keywordStyle = "none"
            case "-limit-instructions":
                if let v = value(a) { o.limits.instructions = positive(a, v, Int.init) }
            case "-limit-seconds":
                if let v = value(a) { o.limits.timeout = positive(a, v, Double.init) }
            case "-limit-heap-mb":
                if let v = value(a), let mb = positive(a, v, Int.init) { o.limits.heapBytes = mb.multipliedReportingOverflow(by: 1 << 20).overflow ? Int.max : mb << 20 }
            case "-setup-mode", "-s", "-S": break
            default: o.actions.append(.load(a))
            }
            i += 1
        }
        return o
    }
}
