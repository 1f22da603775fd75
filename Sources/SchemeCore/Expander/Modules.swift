/// CHICKEN's module system: `module`, `import` with `only`/`except`/`rename`/`prefix`,
/// `export`, `reexport` (R7RS `define-library` is in Libraries.swift).
///
/// A module's definitions are globals named `module#name`, as in CHICKEN, so two modules may
/// define the same name and neither leaks into the toplevel. A module body expands in a root
/// environment of its own that holds only what it imports; its free identifiers name the
/// module's own globals, and one that the module never defines is CHICKEN's "unresolved
/// identifiers" error when the module ends. Exported macros keep the module's environment,
/// so their templates refer to the module's globals wherever they are used.

/// A module others can import: its name and exported bindings.
final class Module {
    let name: String
    /// Exported names and what each means.
    let exports: [(name: Symbol, binding: Binding)]
    /// A built-in module without an export list (an egg's or R7RS name csi-swift provides
    /// as part of its toplevel): importing it gives a module body every built-in name.
    let isEverything: Bool

    init(name: String, exports: [(name: Symbol, binding: Binding)], isEverything: Bool = false) {
        self.name = name
        self.exports = exports
        self.isEverything = isEverything
    }
}

/// What the expander knows about the module whose body it is expanding (attached to the
/// body's root environment).
final class ModuleScope {
    let name: String
    /// Names the body defines (values or syntax), by base symbol.
    var defined: [ObjectIdentifier: Symbol] = [:]
    /// Free identifiers referenced before or without a definition, in order.
    var freeReferences: [Symbol] = []
    /// `(export ...)` entries, from the header and from `export` forms; nil for `*`.
    var exportSpec: [Value]?
    /// Bindings `reexport` adds to the exports.
    var reexports: [(name: Symbol, binding: Binding)] = []
    /// `(export ...)` names of a `*` module (which exports its definitions and these).
    var extraExports: [Value] = []
    /// Module aliases registered while the body expands (`##sys#register-module-alias`).
    var aliases: [String: Module] = [:]
    /// An evaluation environment (`scheme-report-environment`, `module-environment`): holds
    /// exactly its bindings, and nothing may be defined or assigned in it.
    var sealed = false
    /// Set once an `isEverything` module is imported.
    var seesEverything = false

    init(name: String, exportSpec: [Value]?) {
        self.name = name
        self.exportSpec = exportSpec
    }
}

extension SyntacticEnvironment {
    /// The outermost scope (a toplevel or a module body).
    var root: SyntacticEnvironment {
        var s = self
        while let p = s.parent { s = p }
        return s
    }
}

extension Expander {
    // MARK: - Free identifiers

    /// What an identifier bound nowhere means: the global of that name at toplevel; inside a
    /// module, the module's own global (or a built-in, for a module that imported one whose
    /// names are all of the toplevel's). An alias means what its name means where the macro
    /// was defined.
    func freeBinding(_ id: Value, _ env: SyntacticEnvironment, recording: Bool = true) throws -> Binding {
        var id = id, env = env
        while case .object(let a as Alias) = id {
            (id, env) = (a.name, a.env)
            if let b = env.lookup(id) { return b }
        }
        guard let s = baseSymbol(id) else { return .global(interp.symbols.intern("?")) }
        // A qualified name (`##sys#values`, `scheme#car`) is global everywhere, as in CHICKEN.
        if s.name.contains("#") { return .global(qualifiedGlobal(s)) }
        guard let scope = env.root.moduleScope else { return .global(s) }
        if scope.sealed {
            throw SchemeError.exn(kinds: ["runtime"], message: "unbound variable", irritants: [.symbol(s)], location: nil)
        }
        if scope.seesEverything, scope.defined[ObjectIdentifier(s)] == nil {
            if let b = interp.preludeSyntax.lookup(.symbol(s)) ?? interp.lazySyntaxBinding(s) { return b }
            if case .undefined = s.value, interp.lazyDefinitions[ObjectIdentifier(s)] == nil {} else { return .global(s) }
        }
        if recording, scope.defined[ObjectIdentifier(s)] == nil { scope.freeReferences.append(s) }
        return .global(moduleGlobal(scope, s))
    }

    /// What an identifier means for `free-identifier=?` (syntax-rules literals, er-macro
    /// `compare`): its binding, or nil when it names nothing (then only names compare, as
    /// `else` and `=>` must). A module's free identifier names its own global once the
    /// module defines it; at toplevel, a global with a value.
    func meaning(_ id: Value, _ env: SyntacticEnvironment) -> Binding? {
        if let b = env.lookup(id) { return b }
        guard let b = try? freeBinding(id, env, recording: false) else { return nil }
        guard case .global(let g) = b else { return b }
        if case .undefined = g.value, interp.lazyDefinitions[ObjectIdentifier(g)] == nil {
            var e = env, i = id
            while case .object(let a as Alias) = i { (i, e) = (a.name, a.env) }
            guard let scope = e.root.moduleScope, let name = baseSymbol(i), scope.defined[ObjectIdentifier(name)] != nil else { return nil }
        }
        return b
    }

    /// The global a qualified name means: `chicken.base#add1` is the built-in `add1`
    /// (built-ins are unqualified globals here); `m#x` and `##sys#x` are themselves.
    func qualifiedGlobal(_ s: Symbol) -> Symbol {
        guard !s.name.hasPrefix("#"), let hash = s.name.lastIndex(of: "#") else { return s }
        let module = String(s.name[..<hash])
        guard interp.modules[module] == nil, ModuleTable.exports[module] != nil else { return s }
        return interp.symbols.intern(String(s.name[s.name.index(after: hash)...]))
    }

    /// What the head of a form means: its binding, or prelude syntax defined now because the
    /// head names it free (outside any module that did not import everything).
    func headBinding(_ id: Value, _ env: SyntacticEnvironment) throws -> Binding? {
        if let b = env.lookup(id) { return b }
        var e = env, i = id
        while case .object(let a as Alias) = i { (i, e) = (a.name, a.env) }
        guard case .symbol(let s) = i, !interp.lazySyntax.isEmpty else {
            return e.root.moduleScope?.seesEverything == true ? try freeBinding(id, env) : nil
        }
        if let scope = e.root.moduleScope {
            return scope.seesEverything ? try freeBinding(id, env) : nil
        }
        return interp.lazySyntaxBinding(s)
    }

    /// The global variable holding `name` of the module `scope` describes.
    func moduleGlobal(_ scope: ModuleScope, _ name: Symbol) -> Symbol {
        interp.symbols.intern(scope.name + "#" + name.name)
    }

    /// The global a toplevel `define` of `name` in `env` sets, binding it there if `env` is a
    /// module body.
    func definitionGlobal(_ name: Symbol, _ env: SyntacticEnvironment) throws -> Symbol {
        // A module's meta-level definition (in `begin-for-syntax`) is seen by every module's
        // transformers, as free identifiers there are plain globals (transformerEnvironment).
        if metaLevel > 0, env.moduleScope != nil {
            env.bind(.symbol(name), .global(name))
            return name
        }
        guard let scope = env.moduleScope else {
            env.unbind(.symbol(name))
            interp.lazySyntax[ObjectIdentifier(name)] = nil   // the program's global wins
            return name
        }
        if scope.sealed { throw SchemeError.syntax("cannot define in this environment", [.symbol(name)]) }
        let g = moduleGlobal(scope, name)
        scope.defined[ObjectIdentifier(name)] = name
        env.bind(.symbol(name), .global(g))
        return g
    }

    /// Where toplevel and module macro transformers are expanded: a root environment with
    /// the built-in syntax and names, then the module body's bindings on top; at toplevel,
    /// only its syntax (an `import` binds names for run time, not for transformers, as in
    /// CHICKEN).
    func transformerEnvironment(_ env: SyntacticEnvironment) -> SyntacticEnvironment {
        let senv = SyntacticEnvironment(parent: nil)
        senv.adopt(interp.preludeSyntax)
        if env.root.moduleScope != nil {
            senv.adopt(env.root)
        } else {
            senv.adopt(env.root) { if case .global = $0 { return false } else { return true } }
        }
        // Local syntax (let-syntax, internal define-syntax) is there too; local variables
        // are not: they have no values while the program is being expanded.
        var scopes: [SyntacticEnvironment] = []
        var scope: SyntacticEnvironment? = env
        while let s = scope, s.parent != nil { scopes.append(s); scope = s.parent }
        for s in scopes.reversed() {
            senv.adopt(s) { if case .variable = $0 { return false } else { return true } }
        }
        return senv
    }

    // MARK: - module

    /// `(module NAME (EXPORT ...) BODY ...)`, `(module NAME * BODY ...)`, `(module NAME
    /// INTERFACE BODY ...)`, or a functor's instance `(module NAME = ...)` (Functors.swift).
    func expandModule(_ form: Value, _ env: SyntacticEnvironment) throws -> CoreForm {
        guard let items = form.listToArray(), items.count >= 3 else { throw syntaxError("bad module form", form) }
        let name = try moduleName(items[1], form)
        if case .symbol(let s) = stripSyntax(items[2]), s.name == "=" { return try expandModuleInstance(name, items, form) }
        let scope = ModuleScope(name: name, exportSpec: try exportNames(stripSyntax(items[2]), form))
        return try defineModule(scope, Array(items.dropFirst(3)), form)
    }

    /// Expands `body` as the module `scope` describes and registers the module; returns the
    /// body's code.
    func defineModule(_ scope: ModuleScope, _ body: [Value], _ form: Value) throws -> CoreForm {
        let (core, menv) = try expandModuleBody(scope, body, form)
        try finishModule(scope, menv, form)
        return core
    }

    /// Expands a module body in a fresh root environment; returns its code and environment.
    func expandModuleBody(_ scope: ModuleScope, _ body: [Value], _ form: Value) throws -> (CoreForm, SyntacticEnvironment) {
        let menv = SyntacticEnvironment(parent: nil)
        menv.moduleScope = scope
        // As in CHICKEN, every module body has the import forms, whatever it imports.
        for sf in [SpecialForm.import, .importForSyntax, .importSyntax, .importSyntaxForSyntax, .export, .reexport,
                   .module, .defineLibrary] {
            menv.bind(.symbol(interp.symbols.intern(sf.rawValue)), .special(sf))
        }
        SpecialFormRef.bind(in: menv)
        // Forward references: a procedure may call one the module defines further down.
        for name in predeclared(body) { _ = try definitionGlobal(name, menv) }
        moduleStack.append(scope)
        defer { moduleStack.removeLast() }
        var parts: [CoreForm] = []
        for f in body {
            atToplevel = true
            parts.append(try expand(f, menv))
        }
        return (parts.isEmpty ? .constant(.unspecified) : .sequence(parts), menv)
    }

    /// The names a body's `(define NAME ...)` and `(define (NAME ...) ...)` forms define,
    /// looking into `begin`.
    private func predeclared(_ body: [Value]) -> [Symbol] {
        var out: [Symbol] = []
        var work = body
        while let f = work.popLast() {
            guard case .pair(let p) = f, case .symbol(let head) = p.car, let rest = p.cdr.listToArray(), !rest.isEmpty else { continue }
            switch head.name {
            case "define":
                var target = rest[0]
                while case .pair(let q) = target { target = q.car }   // curried defines
                if case .symbol(let s) = target { out.append(s) }
            case "begin": work.append(contentsOf: rest)
            default: break
            }
        }
        return out
    }

    /// Checks the body's free identifiers and registers the module with its exports.
    func finishModule(_ scope: ModuleScope, _ menv: SyntacticEnvironment, _ form: Value) throws {
        let unresolved = scope.freeReferences.filter { scope.defined[ObjectIdentifier($0)] == nil }
        if !unresolved.isEmpty {
            var seen = Set<String>()
            let lines = unresolved.filter { seen.insert($0.name).inserted }.map { "  Unknown identifier `\($0.name)'" }
            throw SchemeError.syntax("Module `\(scope.name)' has unresolved identifiers\n\n" + lines.joined(separator: "\n"))
        }
        var exports: [(name: Symbol, binding: Binding)] = []
        if let spec = scope.exportSpec ?? (scope.extraExports.isEmpty ? nil : scope.extraExports) {
            for entry in spec {
                // (name helper ...) exports a macro together with what it expands into.
                let id = entry.asPair?.car ?? entry
                guard case .symbol(let s) = stripSyntax(id) else { throw syntaxError("bad export", form) }
                exports.append((s, menv.lookup(.symbol(s)) ?? .global(moduleGlobal(scope, s))))
            }
        }
        if scope.exportSpec == nil {
            for s in scope.defined.values.sorted(by: { $0.name < $1.name }) {
                if let b = menv.lookup(.symbol(s)) { exports.append((s, b)) }
            }
        }
        exports += scope.reexports
        interp.modules[scope.name] = Module(name: scope.name, exports: exports)
    }

    /// A module's name as a string: `foo`, `chicken.string`, `(chicken string)` →
    /// `chicken.string`, `(srfi 4)` → `srfi-4`.
    func moduleName(_ spec: Value, _ form: Value) throws -> String {
        switch stripSyntax(spec) {
        case .symbol(let s): return s.name
        case let list:
            guard let parts = list.listToArray(), !parts.isEmpty else { throw syntaxError("bad module name", form) }
            let names = parts.map { $0.displayed }
            if names.count == 2, names[0] == "srfi", case .fixnum = parts[1] { return "srfi-" + names[1] }
            return names.joined(separator: ".")
        }
    }
}
