import Glibc

/// A Scheme error that reached the host: the raised object and, for CHICKEN conditions,
/// its kinds, message and irritants.
///
/// Sendable by declaration only: `value` and `irritants` belong to the interpreter, so read
/// them on its thread (a `SchemeActor` throws a `SchemeFailure` instead).
public struct SchemeConditionError: Error, CustomStringConvertible, @unchecked Sendable {
    /// The raised object (a condition for built-in errors).
    public let value: Value
    /// Where the failing call is in the source, when known.
    public let location: SourceLocation?
    /// The kinds of a condition, e.g. `["exn", "type"]`; empty for other objects.
    public let kinds: [String]
    /// The `message` property of an `exn` condition.
    public let message: String?
    /// The `arguments` property of an `exn` condition.
    public let irritants: [Value]
    /// CHICKEN's one-line rendering, as printed after `Error: `.
    public let text: String
    /// The Swift error a native procedure threw, when that is what the condition came from.
    public var swiftError: Error?

    public var description: String { text }
}

/// Raised by `run` when the program calls `exit`.
public struct SchemeExit: Error {
    /// The exit status (0-255).
    public let status: Int32
    /// Exits with `status`.
    public init(status: Int32) { self.status = status }
}

/// One Scheme interpreter: its global environment, symbol table, macros and main thread.
///
/// ```swift
/// let scheme = Interpreter()
/// let v = try scheme.eval("(+ 1 2)")   // .fixnum(3)
/// ```
public final class Interpreter {
    let symbols = SymbolTable()
    let toplevel = SyntacticEnvironment(parent: nil)
    var expander: Expander!
    /// Bounds the expander's and compiler's recursion by the native stack left.
    let nativeStack = NativeStack()
    var machine: Machine!
    var compiler: Compiler!
    let mainThread = SchemeThread()
    /// Features for `cond-expand` and `features`.
    /// CHICKEN 5.3's, but `dload` and `ptables` (no compiled extensions load here) and `gnu`
    /// (its C compiler), plus our own and the eggs built in (srfi-1, srfi-13, srfi-18, srfi-69).
    public var features: [String] = ["csi", "chicken", "chicken-5", "chicken-5.3", "csi-swift", "r7rs",
                                     "srfi-0", "srfi-1", "srfi-2", "srfi-6", "srfi-8", "srfi-9", "srfi-11", "srfi-12",
                                     "srfi-13", "srfi-15", "srfi-16", "srfi-17", "srfi-18", "srfi-23", "srfi-26",
                                     "srfi-28", "srfi-30", "srfi-31", "srfi-39", "srfi-46", "srfi-55", "srfi-61",
                                     "srfi-62", "srfi-69", "srfi-87", "srfi-88", "full-numeric-tower", "64bit",
                                     "little-endian", "x86-64", "linux", "unix"]
    /// Libraries `import`/`use` accept as built in without an export list (their names are
    /// all of the toplevel's); CHICKEN's core modules are in `ModuleTable`.
    var knownLibraries: Set<String> = []
    /// Set in the child of `process-fork`: there `exit` ends the process at once, so the
    /// host program (which would go on running in two processes) never gets control back.
    var isForkedChild = false
    /// `enable-warnings`: whether `warning` and `notice` print.
    var warningsEnabled = true
    /// Modules the program defined, by name.
    var modules: [String: Module] = [:]
    /// Built-in modules imported so far, by name.
    var builtinModules: [String: Module] = [:]
    /// `%raise`, the procedure errors are raised through (set by the prelude).
    var raiseProcedure: Value = .unspecified
    /// `%wind-and-continue`, which runs dynamic-wind thunks before a continuation is resumed.
    var windAndContinue: Value = .unspecified
    /// `%parameter-assign`, which applies a parameter's guard before storing (set by the prelude).
    var parameterAssign: Value = .unspecified
    @exclusivity(unchecked) var currentOutput: Port
    @exclusivity(unchecked) var currentInput: Port
    @exclusivity(unchecked) var currentError: Port
    /// Files being loaded (for relative `include`).
    var loadStack: [String] = []
    /// Command-line state visible to programs.
    public var commandLineArguments: [String] = [] {
        // A parameter, as in CHICKEN: a program may parameterize it.
        didSet { define("command-line-arguments", makeParameter(Value.list(commandLineArguments.map { .string(MString($0)) }))) }
    }
    public var programName = "csi-swift"
    var exitHandlers: [Value] = []
    /// The primitives `sort` can apply natively, by name, as bound at start-up.
    lazy var builtinOrderings: [String: Value] = {
        var d: [String: Value] = [:]
        for n in ["<", ">", "<=", ">=", "string<?", "string>?", "string-ci<?", "string-ci>?", "char<?", "char>?"] {
            d[n] = symbols.intern(n).value
        }
        return d
    }()
    /// Whether symbols are read case-insensitively (csi's `-i`).
    public var caseInsensitive = false
    /// How keywords are read (csi's `-keyword-style`): the value of CHICKEN's `keyword-style`
    /// parameter (`#:suffix`, `#:prefix`, `#:none` or #f, which reads no keywords either).
    public var keywordStyle: KeywordStyle {
        get {
            guard case .symbol(let s)? = parameterValue(keywordStyleSymbol.value), s.isKeyword else { return .none }
            return KeywordStyle(rawValue: s.name) ?? .none
        }
        set {
            guard case .procedure(let p) = keywordStyleSymbol.value, p.kind == .parameter else { return }
            unsafeDowncast(p, to: Parameter.self).value = .symbol(symbols.keyword(newValue.rawValue))
        }
    }
    /// Directories `include` searches after the including file's own (csi's `-I`).
    public var includePath: [String] = []

    /// Whether the reader folds symbols to lower case: `-case-insensitive`, or CHICKEN's
    /// `case-sensitive` parameter set to #f.
    var foldsCase: Bool {
        if caseInsensitive { return true }
        if let v = parameterValue(caseSensitiveSymbol.value) { return v.isFalse }
        return false
    }

    /// A reader for program text, with the interpreter's reader settings.
    func makeReader(text: String, file: String) -> Reader {
        let r = Reader(text: text, file: file, symbols: symbols)
        configure(r)
        return r
    }

    /// Gives `reader` the settings in force: csi's options and CHICKEN's reader parameters
    /// (`case-sensitive`, `keyword-style`, `symbol-escape`, `parentheses-synonyms`).
    func configure(_ reader: Reader) {
        reader.caseFold = foldsCase
        reader.keywordStyle = keywordStyle
        reader.symbolEscape = parameterValue(symbolEscapeSymbol.value)?.isFalse != true
        reader.parenthesesSynonyms = parameterValue(parenthesesSynonymsSymbol.value)?.isFalse != true
        reader.readTable = readTable
    }

    /// Read syntax the program added (see ReadTable.swift).
    lazy var readTable = ReadTable { [unowned(unsafe) self] proc, args in
        // A read-syntax procedure may read, which may run read syntax again: bounded by the
        // native stack, like the expander.
        try self.nativeStack.check("read")
        do { return try self.callProcedure(proc, args) } catch let e as SchemeConditionError {
            throw SchemeError.raise(e.value, continuable: false)
        }
    }

    /// What `reference` returns (made once, cleared when the interpreter goes away).
    lazy var selfReference = InterpreterReference(self)

    deinit {
        clearReference()
        releaseCycles()
    }

    /// Values the host protects with `protect`.
    let handles = HandleRegistry()
    /// Record printers (`set-record-printer!`), by record type name.
    var recordPrinters: [String: Value] = [:]
    /// Setters attached with `getter-with-setter`, by getter.
    var setters: [ObjectIdentifier: (getter: Procedure, setter: Value)] = [:]
    /// Children's pidfds and the pipe ports of `open-…-pipe` and `process` (Library/).
    let processTable = ProcessTable()
    /// Positions of code read by `load` (consulted when `eval` compiles it).
    var evalSourceMap = SourceMap()
    /// The global holding CHICKEN's `case-sensitive` parameter (looked up on every `read`).
    lazy var caseSensitiveSymbol = symbols.intern("case-sensitive")
    lazy var keywordStyleSymbol = symbols.intern("keyword-style")
    lazy var symbolEscapeSymbol = symbols.intern("symbol-escape")
    lazy var parenthesesSynonymsSymbol = symbols.intern("parentheses-synonyms")
    /// Prelude procedures not compiled yet, by name (see Prelude.swift).
    var lazyDefinitions: [ObjectIdentifier: String] = [:]
    /// Asked before Scheme code reads a source file (`load`, `include`, an `import` that
    /// loads a module's file) with the path as written; false refuses it with
    /// `(exn i/o file)` "file access is not allowed". Nil allows every file.
    public var sourceFilePolicy: ((String) -> Bool)?
    /// Where async procedures hand results back (AsyncProcedures.swift); nil until one runs.
    var asyncBridgeStorage: AsyncBridge?
    /// What `revoke` took away (Capabilities.swift).
    var revokedCapabilities: Capabilities = []
    /// Prelude syntax not defined yet, by name: defined the first time an expansion meets
    /// the name free (`lazySyntaxBinding`).
    var lazySyntax: [ObjectIdentifier: String] = [:]
    /// The prelude's own toplevel syntax. The prelude is expanded here, and the program's
    /// toplevel starts as a copy, so a program's macros (say, a redefined `cond`) cannot
    /// change how the library's procedures are compiled.
    let preludeSyntax = SyntacticEnvironment(parent: nil)
    /// Reclaims reference cycles made by mutation.
    let collector = CycleCollector()
    /// The limits of the running evaluation and the interrupt flag (Limits.swift).
    let runGuard = RunGuard()
    /// Green threads (srfi-18).
    var scheduler: Scheduler!
    /// Whether the running thread's most recent wait ended because its deadline passed.

    /// Creates an interpreter with the standard library loaded.
    /// - Parameters:
    ///   - output: the initial `current-output-port` (standard output by default).
    ///   - input: the initial `current-input-port` (standard input by default).
    public init(output: Port? = nil, input: Port? = nil, errorPort: Port? = nil) {
        currentOutput = output ?? FDPort(fd: 1, input: false, name: "(stdout)", ownsFD: false)
        currentInput = input ?? FDPort(fd: 0, input: true, name: "(stdin)", ownsFD: false)
        currentError = errorPort ?? FDPort(fd: 2, input: false, name: "(stderr)", ownsFD: false, flushThreshold: 0)
        expander = Expander(interp: self, toplevel: toplevel)
        machine = Machine(interp: self)
        scheduler = Scheduler(interp: self)
        for sf in SpecialForm.allCases { preludeSyntax.bind(.symbol(symbols.intern(sf.rawValue)), .special(sf)) }
        SpecialFormRef.bind(in: preludeSyntax)
        raiseProcedure = .procedure(Primitive("%raise", .exactly(2), .control(.uncaught)))
        installLibraries()
        var inline: [ObjectIdentifier: (InlineOp, Int)] = [:]
        let table: [(String, InlineOp, Int)] = [
            ("+", .add, 2), ("-", .sub, 2), ("*", .mul, 2), ("<", .lt, 2), (">", .gt, 2), ("<=", .le, 2),
            (">=", .ge, 2), ("=", .numEq, 2), ("eq?", .eq, 2), ("cons", .cons, 2), ("car", .car, 1),
            ("cdr", .cdr, 1), ("null?", .isNull, 1), ("pair?", .isPair, 1), ("not", .not, 1),
            ("zero?", .isZero, 1), ("vector-ref", .vectorRef, 2), ("add1", .add1, 1), ("sub1", .sub1, 1),
            ("cadr", .cadr, 1), ("cddr", .cddr, 1), ("caddr", .caddr, 1), ("eqv?", .eqv, 2), ("list", .list, -1),
            ("eof-object?", .isEof, 1), ("%leaf-procedure?", .isLeafProcedure, 1),
        ]
        for (name, op, n) in table {
            let s = symbols.intern(name)
            if case .procedure(let p) = s.value {
                machine.inlineBuiltins[Int(op.rawValue)] = p
                machine.inlineIntact[Int(op.rawValue)] = true
                s.inlineOp = Int(op.rawValue)
                inline[ObjectIdentifier(s)] = (op, n)
            }
        }
        compiler = Compiler(inlineOps: inline, nativeStack: nativeStack)
        do {
            let reader = Reader(text: Prelude.eager, file: "<prelude>", symbols: symbols)
            reader.recordPositions = false
            while let datum = try reader.read() {
                _ = try runToplevel(try compile(datum, sourceMap: nil, in: preludeSyntax), on: mainThread,
                                    clearingStack: false)
            }
            mainThread.reset()
            lazyDefinitions.reserveCapacity(Prelude.lazy.count)
            for (name, source) in Prelude.lazy {
                let s = symbols.intern(name)
                s.pinned = true  // filed by identity: it must stay the one symbol of its name
                if source.hasPrefix("(define-syntax") {
                    lazySyntax[ObjectIdentifier(s)] = source
                } else {
                    lazyDefinitions[ObjectIdentifier(s)] = source
                }
            }
            toplevel.adopt(preludeSyntax)
        } catch {
            fatalError("prelude failed: \(error)")
        }
        if case .procedure = symbols.intern("%raise").value { raiseProcedure = symbols.intern("%raise").value }
        windAndContinue = symbols.intern("%wind-and-continue").value
        parameterAssign = symbols.intern("%parameter-assign").value
    }

    // MARK: - Evaluation

    /// Reads every datum of `text` and evaluates them in order; returns the last value.
    @discardableResult
    public func eval(_ text: String, file: String = "<string>") throws -> Value {
        try withLimits(nil) { try eval(text, file: file, beforeEach: nil) }
    }

    func eval(_ text: String, file: String, beforeEach: ((Value) -> Void)?) throws -> Value {
        let reader = makeReader(text: text, file: file)
        var last: Value = .unspecified
        while true {
            let datum: Value?
            do { datum = try reader.read() } catch let e as SchemeError { throw hostError(machine.errorCondition(e), nil) }
            guard let datum else { return last }
            beforeEach?(datum)
            // The previous form's value is let go first: kept while the next form runs, it
            // would stay reachable (a finalized object would not be finalized by its `gc`).
            last = .unspecified
            last = try evalDatum(datum, sourceMap: reader.sourceMap)
        }
    }

    /// Loads a file of Scheme code, calling `beforeEach` with each toplevel form before it
    /// is evaluated (csi's `-sx` echoes them).
    public func load(path: String, beforeEach: @escaping (Value) -> Void) throws {
        guard let text = readWholeFile(path) else {
            throw hostError(machine.errorCondition(.exn(kinds: ["i/o", "file"], message: "cannot open file",
                                                         irritants: [.string(MString(path))], location: "load")), nil)
        }
        loadStack.append(path)
        defer { loadStack.removeLast() }
        try withLimits(nil) { _ = try eval(text, file: path, beforeEach: beforeEach) }
    }

    /// Loads a file of Scheme code.
    public func load(path: String) throws {
        guard let text = readWholeFile(path) else {
            throw hostError(machine.errorCondition(.exn(kinds: ["i/o", "file"], message: "cannot open file",
                                                         irritants: [.string(MString(path))], location: "load")), nil)
        }
        loadStack.append(path)
        defer { loadStack.removeLast() }
        try withLimits(nil) { _ = try eval(text, file: path, beforeEach: nil) }
    }

    /// Compiles and runs one datum on the main thread.
    func evalDatum(_ datum: Value, sourceMap: SourceMap?) throws -> Value {
        let code: Code
        do { code = try compile(datum, sourceMap: sourceMap) }
        catch let e as SchemeError { throw hostError(machine.errorCondition(e), nil) }
        return try runToplevel(code, on: mainThread)
    }

    func runToplevel(_ code: Code, on thread: SchemeThread, clearingStack: Bool = true) throws -> Value {
        thread.start(code)
        thread.handlers = .null
        thread.winders = .null
        machine.lastErrorLocation = nil
        defer { thread.reset(clearingStack: clearingStack) }
        thread.fuel = runGuard.watching ? runGuard.grant(used: 0) ?? 1 : thread.fuelPerCheck
        thread.granted = thread.fuel
        switch runToCompletion(thread) {
        case .finished(let v): return v
        case .uncaught(let v): throw hostError(v, machine.lastErrorLocation)
        case .exit(let status):
            currentOutput.flushWaiting()
            throw SchemeExit(status: status)
        case .stopped(let reason): throw EvaluationStopped(reason)
        }
    }

    /// Runs a thread until it finishes, serving its waits in place (no other green thread
    /// runs meanwhile: nested runs, such as macro expansion or a host calling back in).
    func runToCompletion(_ thread: SchemeThread) -> Completion {
        if machine.depth == 0 { return scheduler.run(thread) }
        while true {
            switch machine.run(thread) {
            case .finished(let v): return .finished(v)
            case .uncaught(let v): return .uncaught(v)
            case .exit(let status): return .exit(status)
            case .suspended(.blocked(let request)):
                guard let outcome = Interpreter.waitInPlace(request) else {
                    // Only another thread could end this wait, and none runs here.
                    thread.pendingCall = nil
                    return .uncaught(.object(makeExnCondition(kinds: ["runtime"], message: "deadlock",
                                                              irritants: [], location: nil)))
                }
                thread.pendingCall?.outcome = outcome
            case .suspended(.preempted):
                if let reason = runGuard.stopReason { return .stopped(reason) }
            }
        }
    }

    /// How a run to completion ended.
    enum Completion {
        case finished(Value)
        case uncaught(Value)
        case exit(Int32)
        /// The evaluation crossed a limit or was interrupted (`RunGuard`).
        case stopped(EvaluationStopped.Reason)
    }

    /// Serves a wait without switching threads; nil for a wait that only another thread
    /// could end (a queue without a deadline).
    static func waitInPlace(_ request: WaitRequest) -> WaitOutcome? {
        func millis(_ deadline: Double?) -> Int32 {
            guard let deadline else { return -1 }
            return Int32(max(0, min(Double(Int32.max), ((deadline - monotonicSeconds()) * 1000).rounded(.up))))
        }
        func poll(_ fd: Int32, _ events: PollEvents, _ deadline: Double?) -> WaitOutcome {
            // A poll failure is left for the call's own syscall to report.
            guard let ready = try? FileDescriptor(rawValue: fd).poll(events, timeoutMilliseconds: millis(deadline)) else {
                return .ready
            }
            return ready.isEmpty ? .timedOut : ready.contains(.invalid) ? .closed : .ready
        }
        switch request {
        case .readable(let fd, let deadline): return poll(fd, .input, deadline)
        case .writable(let fd, let deadline): return poll(fd, .output, deadline)
        case .sleep(let until):
            sleepUntil(until)
            return .ready
        case .queue(_, let deadline):
            guard let deadline else { return nil }
            sleepUntil(deadline)
            return .timedOut
        case .yield:
            return .ready
        }
    }

    private static func sleepUntil(_ until: Double) {
        let seconds = max(0, until - monotonicSeconds())
        var ts = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var rest = timespec()
        while nanosleep(&ts, &rest) != 0 && errno == EINTR { ts = rest }
    }

    func compile(_ datum: Value, sourceMap: SourceMap?, in env: SyntacticEnvironment? = nil) throws -> Code {
        expander.sourceMap = sourceMap ?? SourceMap()
        let core = try expander.expandToplevel(datum, in: env)
        return try compiler.compileToplevel(core)
    }

    /// Evaluates an expanded form to completion (used for macro transformers).
    func evalCore(_ form: CoreForm) throws -> Value {
        let code = try compiler.compileToplevel(form)
        let saved = expander.sourceMap
        defer { expander.sourceMap = saved }
        return try runToplevel(code, on: SchemeThread(capacity: 256))
    }

    /// Calls a Scheme procedure from Swift and returns its result.
    func callProcedure(_ proc: Value, _ args: [Value]) throws -> Value {
        // Each nested run takes native stack (a record printer that prints its record, a
        // read syntax that reads its own syntax): bounded like the expander's recursion.
        do { try nativeStack.check("call") } catch let e as SchemeError { throw hostError(machine.errorCondition(e), nil) }
        let thread = SchemeThread(capacity: max(64, args.count + 16))
        thread.prepareCall(proc, args: args)
        thread.fuel = runGuard.watching ? runGuard.grant(used: 0) ?? 1 : thread.fuelPerCheck
        thread.granted = thread.fuel
        switch runToCompletion(thread) {
        case .finished(let v): return v
        case .uncaught(let v): throw hostError(v, machine.lastErrorLocation)
        case .exit(let status): throw SchemeExit(status: status)
        case .stopped(let reason):
            thread.discard()
            throw EvaluationStopped(reason)
        }
    }

    // MARK: - Conditions

    func makeExnCondition(kinds: [String], message: String, irritants: [Value], location: String?) -> Condition {
        let exn = symbols.intern("exn")
        var props: [(kind: Symbol, key: Symbol, value: Value)] = []
        props.append((exn, symbols.intern("message"), .string(MString(message))))
        props.append((exn, symbols.intern("arguments"), Value.list(irritants)))
        props.append((exn, symbols.intern("location"), location.map { .symbol(symbols.intern($0)) } ?? .false))
        return Condition(kinds: [exn] + kinds.map { symbols.intern($0) }, properties: props)
    }

    /// The condition of a Swift error thrown by a native procedure: kinds `exn` and
    /// `swift`, the error's description as the message, and under `swift` its `type` name
    /// and the `error` itself (handed back to the host in `SchemeConditionError.swiftError`).
    func swiftErrorCondition(_ error: Error, location: String) -> Condition {
        let c = makeExnCondition(kinds: ["swift"], message: "\(error)", irritants: [], location: location)
        let swift = symbols.intern("swift")
        c.properties.append((swift, symbols.intern("type"), .string(MString(String(describing: type(of: error))))))
        c.properties.append((swift, symbols.intern("error"), .object(SwiftErrorObject(error))))
        return c
    }

    /// The text CHICKEN prints after `Error: ` for an uncaught object.
    func errorText(_ v: Value) -> String {
        guard case .object(let o as Condition) = v, o.hasKind(symbols.intern("exn")) else {
            if case .object(let o as Condition) = v { return "uncaught exception: \(Value.object(o).written)" }
            return "uncaught exception: \(v.written)"
        }
        let exn = symbols.intern("exn")
        var s = ""
        if case .symbol(let loc)? = o.property(exn, symbols.intern("location")) { s += "(\(loc.name)) " }
        if case .string(let m)? = o.property(exn, symbols.intern("message")) { s += m.string }
        else if let m = o.property(exn, symbols.intern("message")) { s += m.displayed }
        let args = o.property(exn, symbols.intern("arguments"))?.listToArray() ?? []
        if args.count == 1 { s += ": " + args[0].written }
        else { for a in args { s += "\n" + a.written } }
        return s
    }

    func hostError(_ v: Value, _ loc: SourceLocation?) -> SchemeConditionError {
        var kinds: [String] = []
        var message: String? = nil
        var irritants: [Value] = []
        if case .object(let o as Condition) = v {
            kinds = o.kinds.map { $0.name }
            let exn = symbols.intern("exn")
            if case .string(let m)? = o.property(exn, symbols.intern("message")) { message = m.string }
            irritants = o.property(exn, symbols.intern("arguments"))?.listToArray() ?? []
        }
        var swiftError: Error?
        if case .object(let o as Condition) = v,
           case .object(let box as SwiftErrorObject)? = o.property(symbols.intern("swift"), symbols.intern("error")) {
            swiftError = box.error
        }
        return SchemeConditionError(value: v, location: loc, kinds: kinds, message: message, irritants: irritants,
                                    text: errorText(v), swiftError: swiftError)
    }

    // MARK: - Libraries and files

    /// The error of a source file the program may not read: the host revoked `.files`, or
    /// its `sourceFilePolicy` refuses the path.
    func refuseRevokedFiles(_ name: String, _ location: String) throws {
        guard revokedCapabilities.contains(.files) || sourceFilePolicy?(name) == false else { return }
        throw SchemeError.exn(kinds: ["i/o", "file"], message: "file access is not allowed",
                              irritants: [.string(MString(name))], location: location)
    }

    /// Where a file named in `include` or found by `import` or `require` is: relative to the
    /// file being loaded, then the current directory, the include path and the directories
    /// of the `repository-path` parameter; nil if nowhere.
    func findSourceFile(_ name: String) -> String? {
        func exists(_ path: String) -> Bool { Posix.fileKind(path) != nil }
        if name.hasPrefix("/") { return exists(name) ? name : nil }
        if let current = loadStack.last, let slash = current.lastIndex(of: "/") {
            let candidate = String(current[...slash]) + name
            if exists(candidate) { return candidate }
        }
        if exists(name) { return name }
        return (includePath + repositoryDirectories()).map { $0 + "/" + name }.first(where: exists)
    }

    /// The strings in the value of `repository-path` (CHICKEN's extension repositories).
    private func repositoryDirectories() -> [String] {
        guard let parameter = global("repository-path"), let list = parameterValue(parameter)?.listToArray() else { return [] }
        return list.compactMap { if case .string(let s) = $0 { return s.string } else { return nil } }
    }

    func readFile(_ name: String, expander: Expander) throws -> [Value] {
        try refuseRevokedFiles(name, "include")
        // As csi, (include "lib") finds lib.scm when no file is named lib.
        var path = findSourceFile(name)
        if path == nil, !name.hasSuffix(".scm") {
            try refuseRevokedFiles(name + ".scm", "include")
            path = findSourceFile(name + ".scm")
        }
        let found = path ?? name
        guard let text = readWholeFile(found) else {
            throw SchemeError.exn(kinds: ["i/o", "file"], message: "cannot open file", irritants: [.string(MString(name))], location: "include")
        }
        let reader = makeReader(text: text, file: found)
        var out: [Value] = []
        while let d = try reader.read() { out.append(d) }
        expander.sourceMap.merge(reader.sourceMap)
        return out
    }

    /// Registers a table of primitives as globals; `leaves`: its primitives may be called
    /// from library loops directly (see `Primitive.isLeaf`).
    func register(_ prims: [Primitive], leaves: Bool = false) {
        for p in prims {
            p.isLeaf = leaves && p.controlOp == nil
            symbols.intern(p.primName).value = .procedure(p)
        }
    }

    /// Defines or replaces a global variable.
    public func define(_ name: String, _ value: Value) {
        machine.setGlobal(symbols.intern(name), value)
    }

    /// Flushes the standard output ports (at exit).
    public func flushAll() {
        currentOutput.flushWaiting()
        currentError.flushWaiting()
        if let s = scheduler, s.current !== s.primordial { s.primordial.output.flushWaiting() }
    }
}

/// Reads a whole file as UTF-8 text; nil if it cannot be opened.
func readWholeFile(_ path: String) -> String? {
    guard let fd = try? FileDescriptor.open(path, O_RDONLY) else { return nil }
    defer { try? fd.close() }
    var bytes: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65536)
    while true {
        // A regular file never says "would block"; a FIFO that does is read as ended.
        guard let n = (try? buf.withUnsafeMutableBytes { try fd.read(into: $0) }) ?? nil else { return nil }
        if n == 0 { break }
        bytes.append(contentsOf: buf[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}
