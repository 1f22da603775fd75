import Glibc

/// Procedures, continuations, multiple values, `eval`, exceptions and dynamic state.
extension Interpreter {
    func controlPrimitives() -> [Primitive] {
        [
            Primitive("apply", .atLeast(2), .control(.apply)),
            Primitive("%apply-values", .exactly(2), .control(.applyValues)),
            Primitive("call-with-current-continuation", .exactly(1), .control(.callCC)),
            Primitive("%call/cc", .exactly(1), .control(.callCC)),
            Primitive("values", .atLeast(0), .control(.values)),
            Primitive("%call-chain", .exactly(0), .control(.callChain)),
            Primitive("%eval", .range(1, 2), .control(.eval)),
            // csi ignores arguments after the status.
            Primitive("%exit", .atLeast(0), .control(.exit)),
            Primitive("%uncaught", .exactly(1), .control(.uncaught)),
            prim("%continuation-winders") { k in
                guard case .procedure(let p) = k, p.kind == .continuation else { throw SchemeError.type("continuation", k) }
                return unsafeDowncast(p, to: Continuation.self).winders
            },
            prim("%cycle-collections") { [unowned(unsafe) self] in .fixnum(self.collector.collections) },
            prim("procedure?") { v in if case .procedure = v { return .true }; return .false },
            prim("%handlers") { [unowned(unsafe) self] in self.machine.current?.handlers ?? .null },
            prim("%set-handlers!") { [unowned(unsafe) self] v in self.machine.current?.handlers = v; return .unspecified },
            prim("%winders") { [unowned(unsafe) self] in self.machine.current?.winders ?? .null },
            prim("%set-winders!") { [unowned(unsafe) self] v in self.machine.current?.winders = v; return .unspecified },
            prim("void", .atLeast(0)) { _ in .unspecified },
            prim("make-parameter", .range(1, 2)) { [unowned(unsafe) self] args in
                guard args.count > 1 else { return .procedure(Parameter(value: args[0], converter: .false)) }
                // The converter applies to the initial value too (CHICKEN): the Scheme
                // helper calls it, then comes back here without one.
                guard let helper = self.global("%make-converted-parameter") else { throw SchemeError.type("make-parameter", args[1]) }
                throw SchemeError.callInstead(procedure: helper, arguments: [args[0], args[1]])
            },
            prim("%make-parameter", Signature(.any, .procedure)) { args in
                .procedure(Parameter(value: args[0], converter: args[1]))
            },
            prim("%parameter?") { p in
                if case .procedure(let proc) = p, proc.kind == .parameter { return .true }
                return .false
            },
            prim("error", .atLeast(0)) { [unowned(unsafe) self] args in
                let message = args.count > 0 ? args[0] : .string(MString(""))
                let rest = args.count > 1 ? Value.list(Array(args.array.dropFirst())) : .null
                throw SchemeError.raise(try self.makeExn(.null, message, rest), continuable: false)
            },
            prim("raise") { v in throw SchemeError.raise(v, continuable: false) },
            prim("raise-continuable") { v in throw SchemeError.raise(v, continuable: true) },
            prim("%parameter-converter") { p in
                if case .procedure(let proc) = p, proc.kind == .parameter {
                    return unsafeDowncast(proc, to: Parameter.self).converter
                }
                return .false
            },
            prim("%parameter-set!") { [unowned(unsafe) self] p, v in
                if case .procedure(let proc) = p, proc.kind == .parameter {
                    let param = unsafeDowncast(proc, to: Parameter.self)
                    if let t = self.machine.current { self.setParameter(param, v, in: t) } else { param.value = v }
                    return .unspecified
                }
                throw SchemeError.type("parameterize", p)
            },
            prim("%multiple-values->list") { v in
                if case .object(let mv as MultipleValues) = v { return Value.list(mv.values) }
                return .list(v)
            },
            prim("procedure-arity-matches?") { p, n in
                guard case .procedure(let proc) = p, case .fixnum(let k) = n else { return .false }
                switch proc.kind {
                case .closure:
                    let c = unsafeDowncast(proc, to: Closure.self).code
                    return .bool(k >= c.required && (c.hasRest || k <= c.required + c.optional))
                case .primitive: return .bool(unsafeDowncast(proc, to: Primitive.self).arity.accepts(k))
                default: return .true
                }
            },
            prim("interaction-environment", .range(0, 1)) { _ in .object(EnvironmentObject()) },
            prim("scheme-report-environment", Signature(optional: [.fixnum])) { [unowned(unsafe) self] args in
                try self.reportEnvironment(args.count > 0 ? try args.int(0) : 5, null: false)
            },
            prim("null-environment", Signature(optional: [.fixnum])) { [unowned(unsafe) self] args in
                try self.reportEnvironment(args.count > 0 ? try args.int(0) : 5, null: true)
            },
            // (expand form): csi's; the form's outermost macro use expanded until its head is
            // no macro. Subforms stay as written; the result is plain data.
            prim("expand", Signature(.any, optional: [.any])) { [unowned(unsafe) self] args in
                var form = args[0]
                while case .pair(let p) = form, case .macro(let m)? = try self.expander.headBinding(p.car, self.toplevel) {
                    form = try self.expander.expandMacro(m, form, self.toplevel)
                }
                return stripSyntax(form)
            },
            // Where import would find a source file: its path, or #f.
            prim("%find-source-file", Signature(.string)) { [unowned(unsafe) self] args in
                self.findSourceFile(try args.cString(0)).map { .string(MString($0)) } ?? .false
            },
            // (get-line-number form): the line a form was read from, when the reader kept it.
            prim("get-line-number") { [unowned(unsafe) self] form in
                guard case .pair = form,
                      let at = self.expander.sourceMap.location(of: form) ?? self.evalSourceMap.location(of: form)
                else { return .false }
                return .fixnum(at.line)
            },
            prim("module-environment", Signature(.any)) { [unowned(unsafe) self] args in
                let name = try self.expander.moduleName(args[0], args[0])
                guard let m = self.module(named: name) else {
                    throw SchemeError.argument(kinds: ["syntax"], message: "undefined module", irritants: [args[0]])
                }
                return .object(self.sealedEnvironment([m]))
            },
            prim("emergency-exit", .atLeast(0)) { [unowned(unsafe) self] args in
                self.flushAll()
                var status: Int32 = 0
                if args.count > 0, case .fixnum(let i) = args[0] { status = Int32(truncatingIfNeeded: i & 255) }
                Glibc.exit(status)
            },
            // A parameter in CHICKEN: (program-name NAME) sets it and answers NAME.
            prim("program-name", .range(0, 1)) { [unowned(unsafe) self] args in
                if args.count > 0 { self.programName = try Check.string(args[0], "program-name").string }
                return .string(MString(self.programName))
            },
            // Keywords, as CHICKEN 5's are: (memq #:chicken (features)).
            prim("features") { [unowned(unsafe) self] in Value.list(self.features.map { .symbol(self.symbols.keyword($0)) }) },
            // `load` reads a file form by form (read syntax a form adds applies to the rest).
            prim("%open-source") { [unowned(unsafe) self] path in
                var name = try Check.cString(path, "load")
                try self.refuseRevokedFiles(name, "load")
                // As csi, (load "lib") finds lib.scm when there is no file named lib.
                var text = readWholeFile(name)
                if text == nil, !name.hasSuffix(".scm") {
                    try self.refuseRevokedFiles(name + ".scm", "load")
                    if let withSuffix = readWholeFile(name + ".scm") {
                        name += ".scm"
                        text = withSuffix
                    }
                }
                guard let text else {
                    throw SchemeError.exn(kinds: ["i/o", "file"], message: "cannot open file", irritants: [path], location: "load")
                }
                return .object(SourceReader(self.makeReader(text: text, file: name)))
            },
            prim("%read-source") { [unowned(unsafe) self] source in
                guard case .object(let s as SourceReader) = source else { throw SchemeError.type("load", source) }
                guard let datum = try s.reader.read() else { return .eof }
                self.evalSourceMap.merge(s.reader.sourceMap)
                s.reader.sourceMap.removeAll()
                return datum
            },
            // `load` keeps the file being loaded on the load stack, for `load-relative` and
            // `include` of relative names.
            prim("%push-load-file", Signature(.string)) { [unowned(unsafe) self] args in
                self.loadStack.append(try args.text(0))
                return .unspecified
            },
            prim("%pop-load-file", Signature()) { [unowned(unsafe) self] _ in
                if !self.loadStack.isEmpty { self.loadStack.removeLast() }
                return .unspecified
            },
            prim("%relative-to-load-file", Signature(.string)) { [unowned(unsafe) self] args in
                let name = try args.text(0)
                guard !name.hasPrefix("/"), let current = self.loadStack.last, let slash = current.lastIndex(of: "/") else {
                    return args[0]
                }
                return .string(MString(String(current[...slash]) + name))
            },
            prim("%library-known?", Signature(.symbol)) { [unowned(unsafe) self] args in
                .bool(self.module(named: try args.symbol(0).name) != nil)
            },
            // CHICKEN's `##sys#register-module-alias`: `alias` names the module `name`.
            prim("##sys#register-module-alias", Signature(.symbol, .symbol)) { [unowned(unsafe) self] args in
                let target = try args.symbol(1).name
                guard let m = self.module(named: target) else {
                    throw SchemeError.argument(kinds: ["syntax"], message: "cannot import from undefined module", irritants: [args[1]])
                }
                // Inside a module body the alias is the module's own (CHICKEN scopes it so).
                if let scope = self.expander.moduleStack.last {
                    scope.aliases[try args.symbol(0).name] = m
                } else {
                    self.modules[try args.symbol(0).name] = m
                }
                return .unspecified
            },
            // `(%type-error 'location irritant [message])`: CHICKEN's (exn type) error for the
            // prelude, with its plain "bad argument type" when no message is given; a location
            // of #f reports none, as csi does for some list errors.
            prim("%type-error", Signature(.any, .any, optional: [.string])) { args in
                let location: String?
                switch args[0] {
                case .symbol(let s): location = s.name
                case .bool(false): location = nil
                default: throw SchemeError.type("%type-error", args[0])
                }
                if args.count > 2 { throw SchemeError.typeMsg(location, try args.string(2).string, args[1]) }
                throw SchemeError.type(location, args[1])
            },
            // `(%bounds-error 'location irritant ...)`: CHICKEN's "out of range" (exn bounds).
            prim("%bounds-error", .atLeast(1)) { args in
                throw SchemeError.exn(kinds: ["bounds"], message: "out of range", irritants: Array(args.array.dropFirst()),
                                      location: try args.symbol(0).name)
            },
            prim("gensym", .range(0, 1)) { [unowned(unsafe) self] args in
                var prefix = "g"
                if args.count > 0 {
                    switch args[0] {
                    case .symbol(let s): prefix = s.name
                    case .string(let s): prefix = s.string
                    default: throw SchemeError.type("gensym", args[0])
                    }
                }
                return .symbol(self.symbols.gensym(prefix))
            },
            prim("string->uninterned-symbol") { v in .symbol(Symbol(try Check.string(v, "string->uninterned-symbol").string, interned: false)) },
            prim("current-milliseconds") { .fixnum(Int(monotonicMillis())) },
            prim("current-seconds") { .flonum(Double(time(nil))) },
            prim("current-process-milliseconds") { .fixnum(Int(cpuMillis())) },
            prim("cpu-time") { Value.object(MultipleValues([.fixnum(Int(cpuMillis())), .fixnum(0)])) },
            prim("get-environment-variable") { v in
                let name = try Check.cString(v, "get-environment-variable")
                guard let p = getenv(name) else { return .false }
                return .string(MString(String(cString: p)))
            },
            prim("set-environment-variable!") { n, v in
                let name = try Check.cString(n, "set-environment-variable!")
                setenv(name, try Check.cString(v, "set-environment-variable!"), 1)
                return .unspecified
            },
            prim("flonum-print-precision", .range(0, 1)) { args in
                let old = NumberFormat.flonumPrecision
                if args.count == 1 { NumberFormat.flonumPrecision = max(1, min(17, try Check.int(args[0], "flonum-print-precision"))) }
                return .fixnum(old)
            },
        ]
    }

    func conditionPrimitives() -> [Primitive] {
        [
            prim("make-property-condition", .atLeast(1)) { [unowned(unsafe) self] args in
                let kind = try Check.symbol(args[0], "make-property-condition")
                var props: [(kind: Symbol, key: Symbol, value: Value)] = []
                var i = 1
                while i + 1 < args.count {
                    props.append((kind, try Check.symbol(args[i], "make-property-condition"), args[i + 1]))
                    i += 2
                }
                _ = self
                return .object(Condition(kinds: [kind], properties: props))
            },
            prim("make-composite-condition", .atLeast(0)) { args in
                var kinds: [Symbol] = []
                var props: [(kind: Symbol, key: Symbol, value: Value)] = []
                for i in 0..<args.count {
                    guard case .object(let c as Condition) = args[i] else { throw SchemeError.type("make-composite-condition", args[i]) }
                    kinds += c.kinds
                    props += c.properties
                }
                return .object(Condition(kinds: kinds, properties: props))
            },
            prim("condition?") { v in if case .object(is Condition) = v { return .true }; return .false },
            prim("%condition-has-kind?") { c, k in
                guard case .object(let cond as Condition) = c, case .symbol(let s) = k else { return .false }
                return .bool(cond.hasKind(s))
            },
            prim("%condition-property") { c, k, key in
                guard case .object(let cond as Condition) = c else { throw SchemeError.type("condition-property-accessor", c) }
                guard case .symbol(let ks) = k, case .symbol(let keys) = key else { return .false }
                if let v = cond.property(ks, keys) { return .list(v) }
                return .false
            },
            prim("condition->list") { c in
                guard case .object(let cond as Condition) = c else { throw SchemeError.type("condition->list", c) }
                return Value.list(cond.kinds.map { k in
                    var plist: [Value] = []
                    for p in cond.properties where p.kind === k { plist.append(.symbol(p.key)); plist.append(p.value) }
                    return .pair(Pair(.symbol(k), Value.list(plist)))
                })
            },
            prim("%condition-kinds") { c in
                guard case .object(let cond as Condition) = c else { throw SchemeError.type("condition-kinds", c) }
                return Value.list(cond.kinds.map { .symbol($0) })
            },
            prim("%make-exn") { [unowned(unsafe) self] kinds, message, irritants in try self.makeExn(kinds, message, irritants) },
            prim("%error-text") { [unowned(unsafe) self] v in .string(MString(self.errorText(v))) },
            prim("%set-error-location!") { [unowned(unsafe) self] in
                // The location of the innermost call is recorded by the VM; nothing to do here.
                _ = self
                return .unspecified
            },
        ]
    }
}

extension Interpreter {
    /// Builds the condition `error` raises: `(error [location] message irritant…)`.
    func makeExn(_ kinds: Value, _ message: Value, _ irritants: Value) throws -> Value {
        var loc: String? = nil
        var msg = message
        var args = irritants.listToArray() ?? []
        if case .symbol(let s) = message {
            loc = s.name
            if case .string? = args.first { msg = args.removeFirst() } else { msg = .string(MString("")) }
        }
        let text: String
        if case .string(let m) = msg { text = m.string } else { text = msg.displayed }
        let ks = (kinds.listToArray() ?? []).compactMap { $0.asSymbol?.name }
        return .object(makeExnCondition(kinds: ks, message: text, irritants: args, location: loc))
    }
}

func monotonicMillis() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
}

func cpuMillis() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
}

extension Interpreter {
    /// `(scheme-report-environment N)` / `(null-environment N)`: R4RS or R5RS names only.
    func reportEnvironment(_ version: Int, null: Bool) throws -> Value {
        let name = (version == 4 ? "r4rs" : "r5rs") + (null ? "-null" : "")
        guard version == 4 || version == 5, let m = module(named: name) else {
            throw SchemeError.argument(kinds: ["domain"], message: "unsupported version", irritants: [.fixnum(version)])
        }
        return .object(sealedEnvironment([m]))
    }
}
