/// Expands data into core forms: resolves identifiers through syntactic environments,
/// runs macros, and turns bodies with internal definitions into `letrec*`.
final class Expander {
    unowned(unsafe) let interp: Interpreter
    let toplevel: SyntacticEnvironment
    /// Positions of the pairs being expanded (from the reader).
    var sourceMap = SourceMap()
    private var currentLocation: SourceLocation?
    /// Whether the form about to be expanded is in a toplevel position (a toplevel form, or
    /// spliced into one by `begin`, a macro, `include` or `cond-expand`): only there may a
    /// toplevel definition appear. `expand` takes it for its form and clears it for the
    /// subforms.
    var atToplevel = true
    /// The modules whose bodies are being expanded, innermost last.
    var moduleStack: [ModuleScope] = []
    /// Above 0 inside a module's `begin-for-syntax`: what it defines belongs to the meta
    /// environment, CHICKEN's one for all macro transformers, so it is a plain global.
    var metaLevel = 0
    /// `define-interface` names and `functor` definitions (see Functors.swift).
    var interfaces: [String: [Value]] = [:]
    var functors: [String: Functor] = [:]
    /// The shapes `checkShape` has read, by their text.
    var shapes: [String: Value] = [:]
    /// While a syntax binding's transformer expression is evaluated, the environment the
    /// macro is defined in: a `syntax-rules` in it renames there (see Transformers.swift).
    var transformerHome: SyntacticEnvironment?

    init(interp: Interpreter, toplevel: SyntacticEnvironment) {
        self.interp = interp
        self.toplevel = toplevel
    }

    func sym(_ name: String) -> Symbol { interp.symbols.intern(name) }

    func syntaxError(_ message: String, _ form: Value) -> SchemeError {
        let loc = sourceMap.location(of: form) ?? currentLocation
        let prefix = loc.map { "\($0) " } ?? ""
        return .syntax(prefix + message, [stripSyntax(form)])
    }

    // MARK: - Entry points

    func expandToplevel(_ form: Value, in env: SyntacticEnvironment? = nil) throws -> CoreForm {
        atToplevel = true
        return try expand(form, env ?? toplevel)
    }

    func expand(_ form: Value, _ env: SyntacticEnvironment) throws -> CoreForm {
        try interp.nativeStack.check("eval")
        let top = atToplevel
        atToplevel = false
        defer { atToplevel = top }
        switch form {
        case .symbol(let s) where s.isKeyword:
            return .constant(form)
        case .symbol, .object(is Alias):
            return try expandIdentifier(form, env)
        case .pair(let p):
            let saved = currentLocation
            if let loc = sourceMap.location(of: form) { currentLocation = loc }
            defer { currentLocation = saved }
            if isIdentifier(p.car) {
                switch try headBinding(p.car, env) {
                case .special(let sf): return try expandSpecial(sf, form, env, top: top)
                case .macro(let m):
                    let expansion = try expandMacro(m, form, env)
                    atToplevel = top
                    return try expand(expansion, env)
                default: break
                }
            }
            guard let items = form.listToArray() else { throw syntaxError("improper list in procedure call", form) }
            let fn = try expand(items[0], env)
            var args: [CoreForm] = []
            args.reserveCapacity(items.count - 1)
            for a in items.dropFirst() { args.append(try expand(a, env)) }
            return .call(fn, args, sourceMap.location(of: form) ?? currentLocation)
        case .null:
            throw syntaxError("illegal empty combination", form)
        case .vector:
            return .constant(stripSyntax(form))
        default:
            return .constant(form)
        }
    }

    private func expandIdentifier(_ id: Value, _ env: SyntacticEnvironment) throws -> CoreForm {
        switch try env.lookup(id) ?? freeBinding(id, env) {
        case .variable(let v): return .local(v)
        case .global(let s): return .global(s)
        case .macro, .special: return .global(variableBehindSyntax(id, env))
        }
    }

    /// The global variable a name bound to syntax stands for where a variable is expected.
    /// CHICKEN keeps macros and variables apart: `when` alone reads a variable `when` (unbound
    /// until something assigns it) and `(set! when 1)` assigns it, while `(when …)` is still
    /// the macro.
    private func variableBehindSyntax(_ id: Value, _ env: SyntacticEnvironment) -> Symbol {
        let s = baseSymbol(id) ?? sym("?")
        if s.name.contains("#") { return qualifiedGlobal(s) }
        if let scope = env.root.moduleScope, !scope.sealed { return moduleGlobal(scope, s) }
        return s
    }

    /// Runs a macro transformer once.
    func expandMacro(_ m: Macro, _ form: Value, _ env: SyntacticEnvironment) throws -> Value {
        // A runaway macro can expand for a long time (in a body, without nesting deeper):
        // Ctrl-C (or a host's interrupt request) stops it here, as it stops running code.
        if userInterruptPending, let c = interp.takeUserInterrupt() { throw SchemeError.raise(c, continuable: false) }
        try checkProperForm(form)
        if let name = m.checkedAs { try checkBuiltinMacroUse(form, name) }
        switch m.transformer {
        case .syntaxRules(let rules):
            return try rules.expand(form, useEnv: env, macroEnv: m.env, expander: self)
        case .explicitRenaming(let proc):
            var renames: [ObjectIdentifier: Value] = [:]
            // As CHICKEN's, `rename` renames every identifier of a list or vector too.
            let rename = Primitive("rename", .exactly(1), .f1 { datum in
                mapIdentifiers(datum) { id in
                    if case .symbol(let s) = id, s.isKeyword { return id }
                    guard let key = SyntacticEnvironment.key(id) else { return id }
                    if let a = renames[key] { return a }
                    let a = Value.object(Alias(name: id, env: m.env))
                    renames[key] = a
                    return a
                }
            })
            let compare = Primitive("compare", .exactly(2), .f2 { [unowned(unsafe) self] a, b in
                .bool(self.sameIdentifier(a, env, b, env))
            })
            return try runTransformer(proc, [form, .procedure(rename), .procedure(compare)], form)
        case .implicitRenaming(let proc):
            // Every identifier of the input is "injected" (kept as the user wrote it); every
            // identifier of the output that was not injected is renamed into the macro's env.
            var renames: [ObjectIdentifier: Value] = [:]
            let marker = Symbol("%injected")
            // Both maps copy the structure without recursion (see mapTree): a macro use may
            // be a million arguments long, or circular.
            func wrapInput(_ v: Value) -> Value {
                mapTree(v) { x in
                    switch x {
                    case .symbol, .object(is Alias): return .pair(Pair(.symbol(marker), x))
                    default: return nil
                    }
                }
            }
            func unwrapOutput(_ v: Value) -> Value {
                mapTree(v) { x in
                    switch x {
                    case .symbol, .object(is Alias):
                        guard let key = SyntacticEnvironment.key(x) else { return x }
                        if let a = renames[key] { return a }
                        let a = Value.object(Alias(name: x, env: m.env))
                        renames[key] = a
                        return a
                    case .pair(let p):
                        if case .symbol(let s) = p.car, s === marker { return p.cdr }
                        return nil
                    default:
                        return nil
                    }
                }
            }
            // The transformer sees plain data: strip the markers to symbols for it, but keep a
            // side table so the identifiers come back as the user's.
            let input = wrapInput(form)
            let plain = stripInjected(input, marker)
            let table = InjectionTable(plain.1)
            table.keep = plain.2
            let inject = Primitive("inject", .exactly(1), .f1 { v in
                // A stand-in the output side maps back to the plain identifier (the user's).
                guard case .symbol(let s) = v else { return v }
                let stand = Symbol(s.name, interned: false)
                table.entries[ObjectIdentifier(stand)] = v
                table.keep.append(stand)
                return .symbol(stand)
            })
            let compare = Primitive("compare", .exactly(2), .f2 { [unowned(unsafe) self] a, b in
                .bool(self.sameIdentifier(unwrapOutput(reinject(a, table.entries, marker)), env,
                                          unwrapOutput(reinject(b, table.entries, marker)), env))
            })
            let output = try runTransformer(proc, [plain.0, .procedure(inject), .procedure(compare)], form)
            return unwrapOutput(reinject(output, table.entries, marker))
        }
    }

    /// For ir-macros: replaces `(%injected . id)` by a fresh uninterned symbol the transformer can
    /// handle as data, remembering which identifier it stands for.
    private func stripInjected(_ v: Value, _ marker: Symbol) -> (Value, [ObjectIdentifier: Value], [Symbol]) {
        var table: [ObjectIdentifier: Value] = [:]
        var keep: [Symbol] = []
        var byName: [String: Symbol] = [:]
        func go(_ v: Value) -> Value {
            mapTree(v) { x in
                guard case .pair(let p) = x, case .symbol(let s) = p.car, s === marker else { return nil }
                let name = baseSymbol(p.cdr)?.name ?? "?"
                if case .symbol = p.cdr, let existing = byName[name] { return .symbol(existing) }
                let stand = Symbol(name, interned: false)
                if case .symbol = p.cdr { byName[name] = stand }
                table[ObjectIdentifier(stand)] = p.cdr
                keep.append(stand)
                return .symbol(stand)
            }
        }
        return (go(v), table, keep)
    }

    private func reinject(_ v: Value, _ table: [ObjectIdentifier: Value], _ marker: Symbol) -> Value {
        mapTree(v) { x in
            guard case .symbol(let s) = x else { return nil }
            if let orig = table[ObjectIdentifier(s)] { return .pair(Pair(.symbol(marker), orig)) }
            return x
        }
    }

    /// Whether two identifiers denote the same binding (literal matching, `compare`).
    func sameIdentifier(_ a: Value, _ envA: SyntacticEnvironment, _ b: Value, _ envB: SyntacticEnvironment) -> Bool {
        guard isIdentifier(a), isIdentifier(b) else { return false }
        let ba = meaning(a, envA), bb = meaning(b, envB)
        switch (ba, bb) {
        case (nil, nil): return baseSymbol(a) === baseSymbol(b)
        case let (.variable(x)?, .variable(y)?): return x === y
        case let (.global(x)?, .global(y)?): return x === y
        case let (.special(x)?, .special(y)?): return x == y
        case let (.macro(x)?, .macro(y)?): return x === y
        default: return false
        }
    }

    // MARK: - Bodies

    /// Expands a body: leading definitions become a `letrec*` around the expressions.
    func expandBody(_ forms: Value, _ env: SyntacticEnvironment, _ whole: Value) throws -> CoreForm {
        guard var queue = forms.listToArray() else { throw syntaxError("improper body", whole) }
        // Definitions may follow expressions, as CHICKEN allows: each then runs in its place.
        enum Entry { case definition(Variable, Value), expression(Value) }
        var entries: [Entry] = []
        var index = 0
        while index < queue.count {
            let form = queue[index]
            index += 1
            guard case .pair(let p) = form, isIdentifier(p.car) else { entries.append(.expression(form)); continue }
            let saved = currentLocation
            if let loc = sourceMap.location(of: form) { currentLocation = loc }
            defer { currentLocation = saved }
            var head = try headBinding(p.car, env)
            var expansion: Value?
            if case .macro(let m)? = head {
                do { expansion = try expandMacro(m, form, env) } catch SchemeError.exn(let kinds, let message, _, _)
                    where kinds == ["syntax"] && message == SyntaxRules.noMatch("define") && baseSymbol(p.car)?.name == "define" {
                    // As in CHICKEN, `(define x ...)` that a program's own `define` macro does
                    // not match is still a definition (module-tests-2: "local define should
                    // work even with redefined define").
                    head = .special(.define)
                }
            }
            switch head {
            case .special(.define):
                let (name, value) = try parseDefine(form)
                let v = Variable(baseSymbol(name) ?? sym("?"))
                env.bind(name, .variable(v))
                entries.append(.definition(v, value))
            case .special(.begin):
                try checkShape(form, "begin")
                guard let inner = p.cdr.listToArray() else { throw syntaxError("invalid syntax in macro form", form) }
                queue.insert(contentsOf: inner, at: index)
            case .special(.include):
                // An included file's forms are spliced into the body, definitions included.
                var forms: [Value] = []
                for f in p.cdr.listToArray() ?? [] {
                    guard case .string(let name) = f else { throw syntaxError("include needs a file name", form) }
                    forms += try interp.readFile(name.string, expander: self)
                }
                queue.insert(contentsOf: forms, at: index)
            case .special(.defineSyntax):
                try defineSyntax(form, env)
            case .macro:
                if let expansion { queue.insert(expansion, at: index) }
            default:
                entries.append(.expression(form))
            }
        }
        let firstExpression = entries.firstIndex { if case .expression = $0 { return true } else { return false } }
        let definitionsFirst = !entries[(firstExpression ?? entries.count)...].contains { if case .definition = $0 { return true } else { return false } }
        var vars: [Variable] = [], inits: [CoreForm] = [], body: [CoreForm] = []
        for entry in entries {
            switch entry {
            case .definition(let v, let value):
                vars.append(v)
                let core = try expandNamed(value, env, v.name.name)
                if definitionsFirst { inits.append(core) } else {
                    v.mutated = true
                    inits.append(.constant(.unspecified))
                    body.append(.setLocal(v, core))
                }
            case .expression(let e):
                body.append(try expand(e, env))
            }
        }
        if firstExpression == nil {
            if vars.isEmpty { throw syntaxError("body has no expressions", whole) }
            body.append(.constant(.unspecified))
        }
        let seq: CoreForm = body.count == 1 ? body[0] : .sequence(body)
        return vars.isEmpty ? seq : .letrec(vars, inits, seq)
    }

    /// Expands an expression that will be bound to `name` (so lambdas get the name).
    func expandNamed(_ form: Value, _ env: SyntacticEnvironment, _ name: String) throws -> CoreForm {
        let core = try expand(form, env)
        if case .lambda(let l) = core, l.name == nil { l.name = name }
        return core
    }

    /// `(define name value)`, `(define (name . params) body…)`, curried forms; returns the
    /// identifier and the value expression (a datum).
    func parseDefine(_ form: Value) throws -> (Value, Value) {
        try checkShape(form, "define")
        if case .pair(let p) = form, case .pair(let rest) = p.cdr {
            if case .pair(let head) = rest.car {
                if case .pair = head.car { try checkShape(form, "define", "(_ (_ . lambda-list) . #(_ 1))") }
                else { try checkShape(form, "define", "(_ (variable . lambda-list) . #(_ 1))") }
            } else {
                try checkShape(form, "define", "(_ variable . #(_ 0 1))")
            }
        }
        guard let items = form.listToArray(), items.count >= 2 else { throw syntaxError("bad define", form) }
        var target = items[1]
        var value: Value = items.count > 2 ? items[2] : .unspecified
        while case .pair(let p) = target { target = p.car }
        if case .symbol(let s) = target, s.isKeyword { throw syntaxError("cannot define a keyword", form) }
        target = items[1]
        if isIdentifier(target) {
            if items.count > 3 { throw syntaxError("too many arguments to define", form) }
            return (target, value)
        }
        // (define (head . params) body...) ; head may itself be a list (curried define).
        var body = Value.list(Array(items.dropFirst(2)))
        while case .pair(let p) = target {
            // The special form itself, so that a user binding of `lambda` cannot interfere.
            value = .pair(Pair(.object(SpecialFormRef.lambda), .pair(Pair(p.cdr, body))))
            body = .list(value)
            target = p.car
        }
        guard isIdentifier(target) else { throw syntaxError("bad define", form) }
        return (target, value)
    }

    // MARK: - Special forms

    private func expandSpecial(_ sf: SpecialForm, _ form: Value, _ env: SyntacticEnvironment, top: Bool) throws -> CoreForm {
        guard let items = form.listToArray() else { throw syntaxError("invalid syntax in macro form", form) }
        // `let`, `define` and `define-syntax` take their second shape where they are expanded.
        if sf != .let && sf != .define && sf != .defineSyntax { try checkShape(form, sf.rawValue) }
        switch sf {
        case .quote:
            guard items.count == 2 else { throw syntaxError("bad quote form", form) }
            return .constant(stripSyntax(items[1]))
        case .quasiquote:
            guard items.count == 2 else { throw syntaxError("bad quasiquote form", form) }
            return try expand(try Quasiquote(expander: self, env: env).rewrite(items[1], depth: 1), env)
        case .lambda:
            guard items.count >= 3 else { throw syntaxError("bad lambda form", form) }
            return .lambda(try expandLambda(items[1], Value.list(Array(items.dropFirst(2))), env, name: nil, form))
        case .namedLambda:
            guard items.count >= 3, case .pair(let p) = items[1] else { throw syntaxError("bad named-lambda form", form) }
            return .lambda(try expandLambda(p.cdr, Value.list(Array(items.dropFirst(2))), env,
                                            name: baseSymbol(p.car)?.name, form))
        case .define:
            let (name, value) = try parseDefine(form)
            guard env.isToplevel, top else {
                throw syntaxError("toplevel definition in non-toplevel context for variable: \(baseSymbol(name)?.name ?? "?")", form)
            }
            // A toplevel definition is named as written even when a macro wrote it, as in
            // CHICKEN: `(define tmp ...)` from a macro sets the program's `tmp`, and a macro
            // that expands into a whole module defines that module's exports. The built-in
            // macros' own helpers (CHICKEN's are gensyms) stay hidden.
            if case .object(let alias as Alias) = name, alias.env.root === interp.preludeSyntax {
                let hidden: Symbol
                if case .global(let existing)? = env.lookup(name) { hidden = existing } else { hidden = Symbol(alias.baseSymbol.name, interned: false) }
                env.bind(name, .global(hidden))
                return .defineGlobal(hidden, try expandNamed(value, env, hidden.name))
            }
            let s = baseSymbol(name) ?? sym("?")
            let g = try definitionGlobal(s, env)
            if case .object(is Alias) = name { env.bind(name, .global(g)) }
            return .defineGlobal(g, try expandNamed(value, env, s.name))
        case .set:
            if items.count == 3, case .pair(let target) = items[1], let args = target.cdr.listToArray() {
                // srfi-17: (set! (proc arg ...) v) is ((setter proc) arg ... v).
                let setter = CoreForm.call(.global(sym("setter")), [try expand(target.car, env)], sourceMap.location(of: form))
                return .call(setter, try args.map { try expand($0, env) } + [try expand(items[2], env)], sourceMap.location(of: form))
            }
            try checkShape(form, "set!", "(_ variable _)")
            let value = try expand(items[2], env)
            if let scope = env.root.moduleScope, scope.sealed, env.isToplevel || env.lookup(items[1]).map({ if case .global = $0 { return true } else { return false } }) ?? true {
                // An evaluation environment's bindings are the system's: read-only.
                throw syntaxError("cannot assign in this environment", form)
            }
            switch try env.lookup(items[1]) ?? freeBinding(items[1], env) {
            case .variable(let v):
                v.mutated = true
                return .setLocal(v, value)
            case .global(let s): return .setGlobal(s, value)
            case .macro, .special: return .setGlobal(variableBehindSyntax(items[1], env), value)
            }
        case .if:
            guard items.count == 3 || items.count == 4 else { throw syntaxError("bad if form", form) }
            return .ifForm(try expand(items[1], env), try expand(items[2], env),
                           items.count == 4 ? try expand(items[3], env) : .constant(.unspecified))
        case .begin:
            if items.count == 1 { return .constant(.unspecified) }
            if env.isToplevel && top {
                // Toplevel begin splices: definitions inside stay toplevel.
                var parts: [CoreForm] = []
                for f in items.dropFirst() {
                    atToplevel = true
                    parts.append(try expand(f, env))
                }
                return parts.count == 1 ? parts[0] : .sequence(parts)
            }
            var parts: [CoreForm] = []
            for f in items.dropFirst() { parts.append(try expand(f, env)) }
            return parts.count == 1 ? parts[0] : .sequence(parts)
        case .let:
            return try expandLet(items, form, env)
        case .letrec, .letrecStar:
            guard items.count >= 3, let bindings = items[1].listToArray() else { throw syntaxError("bad letrec form", form) }
            let scope = SyntacticEnvironment(parent: env)
            var vars: [Variable] = []
            var initForms: [Value] = []
            var names: [Value] = []
            for b in bindings {
                guard let pair = b.listToArray(), pair.count == 2 || pair.count == 1, isBindable(pair[0]),
                      let name = baseSymbol(pair[0]) else {
                    throw syntaxError("bad letrec binding", form)
                }
                let v = Variable(name)
                scope.bind(pair[0], .variable(v))
                vars.append(v)
                initForms.append(pair.count == 2 ? pair[1] : .unspecified)
                names.append(pair[0])
            }
            warnRepeatedNames(names, "letrec", form)
            var inits: [CoreForm] = []
            for (v, i) in zip(vars, initForms) { inits.append(try expandNamed(i, scope, v.name.name)) }
            let body = try expandBody(Value.list(Array(items.dropFirst(2))), SyntacticEnvironment(parent: scope), form)
            return .letrec(vars, inits, body)
        case .defineSyntax:
            try defineSyntax(form, env)
            return .constant(.unspecified)
        case .letSyntax, .letrecSyntax:
            guard items.count >= 3, let bindings = items[1].listToArray() else { throw syntaxError("bad let-syntax form", form) }
            let scope = SyntacticEnvironment(parent: env)
            for b in bindings {
                guard let pair = b.listToArray(), pair.count == 2, isBindable(pair[0]) else {
                    throw syntaxError("bad syntax binding", form)
                }
                let macro = try makeTransformer(pair[1], sf == .letrecSyntax ? scope : env, name: pair[0])
                scope.bind(pair[0], .macro(macro))
            }
            return try expandBody(Value.list(Array(items.dropFirst(2))), scope, form)
        case .syntaxRules, .erMacro, .irMacro:
            return try transformerExpression(sf, form, items, env)
        case .include:
            var parts: [CoreForm] = []
            for f in items.dropFirst() {
                guard case .string(let name) = f else { throw syntaxError("include needs a file name", form) }
                for datum in try interp.readFile(name.string, expander: self) {
                    atToplevel = top
                    parts.append(try expand(datum, env))
                }
            }
            return parts.isEmpty ? .constant(.unspecified) : .sequence(parts)
        case .condExpand:
            for clause in items.dropFirst() {
                guard case .pair(let c) = clause else { throw condExpandError("syntax error", [clause, form]) }
                if try featureMatches(c.car) {
                    let body = c.cdr.listToArray() ?? []
                    if body.isEmpty { return .constant(.unspecified) }
                    atToplevel = top
                    return try expand(.pair(Pair(.object(SpecialFormRef.begin), c.cdr)), env)
                }
            }
            throw condExpandError("no matching clause", items.dropFirst().map { if case .pair(let c) = $0 { return stripSyntax(c.car) } else { return $0 } })
        case .defineForSyntax:
            // Defined now, for the macros that follow (and, as in csi, for the program too).
            _ = try interp.evalCore(try expandSpecial(.define, form, env, top: true))
            return .constant(.unspecified)
        case .declare:
            return .constant(.unspecified)
        case .import, .use, .requireExtension, .importForSyntax, .importSyntax, .importSyntaxForSyntax:
            return try expandImport(form, env)
        case .reexport:
            return try expandImport(form, env, reexport: true)
        case .export:
            return try expandExport(form, env)
        case .module:
            return try expandModule(form, env)
        case .defineInterface:
            return try defineInterface(form)
        case .functor:
            return try defineFunctor(form)
        case .defineLibrary:
            return try expandLibrary(form, env)
        case .currentModule:
            return .constant(moduleStack.last.map { .symbol(interp.symbols.intern($0.name)) } ?? .false)
        case .beginForSyntax:
            // Run now, while expanding: what it defines is there for the macros that follow.
            // Its forms are at the level it is at (a `define` in it at toplevel is global).
            let inModule = env.root.moduleScope != nil
            if inModule { metaLevel += 1 }
            defer { if inModule { metaLevel -= 1 } }
            for f in items.dropFirst() {
                atToplevel = top
                _ = try interp.evalCore(try expand(f, env))
            }
            return .constant(.unspecified)
        }
    }

    /// Whether a `cond-expand` feature requirement holds. It is stripped of syntax once (each
    /// level stripping its own subtree made a deep requirement quadratic).
    func featureMatches(_ req: Value) throws -> Bool { try featureHolds(stripSyntax(req)) }

    private func featureHolds(_ req: Value) throws -> Bool {
        try interp.nativeStack.check("cond-expand")  // (not (not … deep)) is bounded
        switch req {
        case .symbol(let s):
            return s.name == "else" || interp.features.contains(s.name)
        case .pair(let p):
            let args = p.cdr.listToArray() ?? []
            switch p.car.asSymbol?.name {
            case "and": return try args.allSatisfy { try featureHolds($0) }
            case "or": return try args.contains { try featureHolds($0) }
            case "not": return try !(args.first.map { try featureHolds($0) } ?? false)
            case "library": return try args.first.map { interp.module(named: try moduleName($0, req)) != nil } ?? false
            default: throw condExpandError("syntax error", [req])
            }
        default: throw condExpandError("syntax error", [req])
        }
    }

    /// CHICKEN's words for a `cond-expand` that has no clause to take, or a malformed one.
    func condExpandError(_ what: String, _ irritants: [Value]) -> SchemeError {
        let prefix = currentLocation.map { "\($0) " } ?? ""
        return .syntax(prefix + "during expansion of (cond-expand ...) - \(what) in `cond-expand' form", irritants.map(stripSyntax))
    }

    private func expandLet(_ items: [Value], _ form: Value, _ env: SyntacticEnvironment) throws -> CoreForm {
        if items.count > 1, isIdentifier(items[1]) { try checkShape(form, "let", "(_ variable #((variable _) 0) . #(_ 1))") }
        else { try checkShape(form, "let") }
        guard items.count >= 3 else { throw syntaxError("bad let form", form) }
        if isBindable(items[1]) {
            // Named let: ((letrec ((name (lambda vars body…))) name) inits…)
            guard items.count >= 4, let bindings = items[2].listToArray() else { throw syntaxError("bad named let", form) }
            var names: [Value] = []
            var initForms: [Value] = []
            for b in bindings {
                guard let pair = b.listToArray(), pair.count == 2, isBindable(pair[0]) else {
                    throw syntaxError("bad let binding", form)
                }
                names.append(pair[0])
                initForms.append(pair[1])
            }
            var inits: [CoreForm] = []
            for i in initForms { inits.append(try expand(i, env)) }
            let scope = SyntacticEnvironment(parent: env)
            let loopVar = Variable(baseSymbol(items[1])!)
            scope.bind(items[1], .variable(loopVar))
            let lambda = try expandLambda(Value.list(names), Value.list(Array(items.dropFirst(3))), scope,
                                          name: loopVar.name.name, form)
            let loc = sourceMap.location(of: form) ?? currentLocation
            return .call(.letrec([loopVar], [.lambda(lambda)], .local(loopVar)), inits, loc)
        }
        guard let bindings = items[1].listToArray() else { throw syntaxError("bad let form", form) }
        let scope = SyntacticEnvironment(parent: env)
        var vars: [Variable] = []
        var inits: [CoreForm] = []
        var names: [Value] = []
        for b in bindings {
            guard let pair = b.listToArray(), pair.count == 2 || pair.count == 1, isBindable(pair[0]),
                  let name = baseSymbol(pair[0]) else {
                throw syntaxError("bad let binding", form)
            }
            let v = Variable(name)
            inits.append(pair.count == 2 ? try expandNamed(pair[1], env, v.name.name) : .constant(.unspecified))
            // As a lambda list's: the first of a repeated name is the one the body sees.
            if !scope.bindsHere(pair[0]) { scope.bind(pair[0], .variable(v)) }
            vars.append(v)
            names.append(pair[0])
        }
        warnRepeatedNames(names, "let", form)
        let body = try expandBody(Value.list(Array(items.dropFirst(2))), scope, form)
        return .letForm(vars, inits, body)
    }

    /// csi's warning for each name a `let` or `letrec` binds more than once (R7RS makes it
    /// an error; CHICKEN warns and goes on), printed as the form is expanded.
    private func warnRepeatedNames(_ names: [Value], _ construct: String, _ form: Value) {
        guard names.count > 1, interp.warningsEnabled else { return }
        var seen = Set<ObjectIdentifier>(), warned = Set<ObjectIdentifier>()
        for id in names {
            guard let key = SyntacticEnvironment.key(id), !seen.insert(key).inserted, warned.insert(key).inserted else { continue }
            let text = [stripSyntax(id), stripSyntax(form)].map { Printer.written($0, limit: 4096) ?? "..." }
            interp.currentError.write("\nWarning: variable bound multiple times in \(construct) construct\n\(text[0])\n\(text[1])\n")
        }
    }

    // MARK: - Macros

    func defineSyntax(_ form: Value, _ env: SyntacticEnvironment) throws {
        // `(define-syntax (name form r c) body)`, ours and not CHICKEN's, has a shape of its own.
        if case .pair(let p) = form, case .pair(let rest) = p.cdr, case .pair = rest.car {} else { try checkShape(form, "define-syntax") }
        guard let items = form.listToArray(), items.count == 3 else { throw syntaxError("bad define-syntax form", form) }
        var name = items[1]
        var spec = items[2]
        if case .pair(let p) = name {  // (define-syntax (name form r c) body) shorthand
            name = p.car
            spec = .list(.object(SpecialFormRef.erMacro), .pair(Pair(.object(SpecialFormRef.lambda), .pair(Pair(p.cdr, Value.list(Array(items.dropFirst(2))))))))
        }
        guard isBindable(name) else { throw syntaxError("bad define-syntax form", form) }
        let macro = try makeTransformer(spec, env, name: name)
        if env === interp.preludeSyntax, let s = baseSymbol(name), SyntaxCheck.builtin[s.name] != nil || s.name == "cond" {
            macro.checkedAs = s.name
        }
        if env.isToplevel {
            let s = baseSymbol(name) ?? sym("?")
            if env.moduleScope?.sealed == true { throw syntaxError("cannot define syntax in this environment", form) }
            env.moduleScope?.defined[ObjectIdentifier(s)] = s
            // Redefining an imported macro redefines it under every name it was imported as
            // here (CHICKEN: imports are aliases of the one exported binding).
            if case .macro(let old)? = env.lookup(.symbol(s)), env.isToplevel, env.moduleScope == nil {
                env.replaceMacro(old, with: macro)
            }
            env.bind(.symbol(s), .macro(macro))
        } else {
            env.bind(name, .macro(macro))
        }
    }
}

/// Identifiers an ir-macro's input and `inject` handed out, by stand-in symbol.
final class InjectionTable {
    var entries: [ObjectIdentifier: Value]
    /// Keeps the stand-in symbols alive so their identities stay unique.
    var keep: [Symbol] = []
    init(_ entries: [ObjectIdentifier: Value]) { self.entries = entries }
}

/// Identifiers that always mean a special form, whatever the program has rebound; the
/// expander uses them when it builds code itself. Each interpreter binds them in its
/// toplevel environment.
enum SpecialFormRef {
    nonisolated(unsafe) private static let env = SyntacticEnvironment(parent: nil)
    nonisolated(unsafe) static let lambda = Alias(name: .symbol(Symbol("lambda", interned: false)), env: env)
    nonisolated(unsafe) static let begin = Alias(name: .symbol(Symbol("begin", interned: false)), env: env)
    nonisolated(unsafe) static let erMacro = Alias(name: .symbol(Symbol("er-macro-transformer", interned: false)), env: env)

    static func bind(in toplevel: SyntacticEnvironment) {
        toplevel.bind(.object(lambda), .special(.lambda))
        toplevel.bind(.object(begin), .special(.begin))
        toplevel.bind(.object(erMacro), .special(.erMacro))
    }
}
