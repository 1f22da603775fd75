/// `import`, `export`, `reexport` and the built-in module table (see Modules.swift for
/// module bodies).
extension Expander {

    /// `(import SPEC ...)` (also `use`, `require-extension`, `import-for-syntax`): binds what
    /// each spec gives. At the toplevel, where every built-in name is visible already, a
    /// built-in module's names are only bound when renamed.
    func expandImport(_ form: Value, _ env: SyntacticEnvironment, reexport: Bool = false) throws -> CoreForm {
        guard let specs = form.listToArray()?.dropFirst() else { throw syntaxError("bad import form", form) }
        let scope = env.root.moduleScope
        for spec in specs {
            let (module, bindings) = try importSet(spec, form)
            if module.isEverything { scope?.seesEverything = true }
            let builtIn = interp.modules[module.name] == nil
            for (name, binding) in bindings {
                if let scope, scope.defined[ObjectIdentifier(name)] != nil { continue }
                if scope == nil, builtIn, case .global(let g) = binding, g === name { continue }
                env.bind(.symbol(name), binding)
                if reexport { scope?.reexports.append((name, binding)) }
            }
        }
        return .constant(.unspecified)
    }

    /// `(export NAME ...)` inside a module body.
    func expandExport(_ form: Value, _ env: SyntacticEnvironment) throws -> CoreForm {
        guard let scope = env.root.moduleScope else { return .constant(.unspecified) }
        let names = form.listToArray()?.dropFirst() ?? []
        if let spec = scope.exportSpec { scope.exportSpec = spec + names } else { scope.extraExports += names }
        return .constant(.unspecified)
    }

    /// The module an import spec names and the bindings it gives, by name. The spec is
    /// stripped of syntax once, and its modifiers (`(only (prefix M p:) …)`) are peeled off
    /// in a loop and applied innermost first: a deep spec costs linear time and no stack.
    func importSet(_ spec: Value, _ form: Value) throws -> (Module, [(Symbol, Binding)]) {
        var plain = stripSyntax(spec)
        var modifiers: [(how: String, args: [Value], spec: Value)] = []
        while case .pair(let p) = plain, case .symbol(let head) = p.car,
              ["only", "except", "rename", "prefix"].contains(head.name) {
            guard let args = p.cdr.listToArray(), !args.isEmpty else { throw importShapeError("pair expected", plain) }
            modifiers.append((head.name, Array(args.dropFirst()), plain))
            plain = args[0]
        }
        let module = try importedModule(plain, form)
        var set = module.exports.map { ($0.name, $0.binding) }
        for m in modifiers.reversed() { set = try modify(m.how, set, m.args, module, m.spec) }
        return (module, set)
    }

    /// The module a plain import spec (no modifier) names, loaded from its source if need be.
    private func importedModule(_ plain: Value, _ form: Value) throws -> Module {
        var valid = plain.asSymbol != nil
        if case .pair = plain, let parts = plain.listToArray() {
            valid = parts.allSatisfy { if case .fixnum = $0 { return true } else { return $0.asSymbol != nil } }
        }
        guard valid else { throw importError("invalid import specification", plain) }
        let name = try moduleName(plain, form)
        // As csi does, a module not defined yet is looked for as NAME.scm (beside the file
        // being loaded, here, then on the include path) and loaded.
        if interp.module(named: name) == nil, let path = interp.findSourceFile(name + ".scm") {
            let savedMap = sourceMap, savedTop = atToplevel
            defer { sourceMap = savedMap; atToplevel = savedTop }
            try interp.loadWhileExpanding(path)
        }
        if name == "chicken.foreign" {
            // Its forms compile C code inline: nothing an interpreter written in Swift can run.
            throw SchemeError.exn(kinds: ["syntax"], message: "(chicken foreign) needs CHICKEN's C compiler and is not available in csi-swift",
                                  irritants: [.symbol(interp.symbols.intern(name))], location: "import")
        }
        guard let module = interp.module(named: name) else {
            throw importError("cannot import from undefined module", .symbol(interp.symbols.intern(name)))
        }
        return module
    }

    /// Applies one modifier, `spec` (`(only M a b)` …), to the bindings of the module `M`
    /// gives. A name the module does not export is warned about and left out, as csi does.
    private func modify(_ how: String, _ set: [(Symbol, Binding)], _ args: [Value], _ module: Module,
                        _ spec: Value) throws -> [(Symbol, Binding)] {
        func symbol(_ v: Value) throws -> Symbol {
            guard case .symbol(let s) = v else { throw importShapeError("symbol expected", spec) }
            return s
        }
        func check(_ s: Symbol) {
            guard module.isEverything || set.contains(where: { $0.0 === s }) else {
                let what = ["only": "imported", "except": "excluded", "rename": "renamed"][how] ?? how
                interp.currentError.write("\nWarning: \(what) identifier doesn't exist in module `\(module.name)': \(s.name)\n")
                interp.currentError.flushWaiting()
                return
            }
        }
        switch how {
        case "only":
            let names = try args.map(symbol)
            names.forEach(check)
            if module.isEverything { return names.map { ($0, interp.preludeSyntax.lookup(.symbol($0)) ?? interp.lazySyntaxBinding($0) ?? .global($0)) } }
            return set.filter { entry in names.contains { $0 === entry.0 } }
        case "except":
            let names = try args.map(symbol)
            names.forEach(check)
            return set.filter { entry in !names.contains { $0 === entry.0 } }
        case "rename":
            var out = set
            for pair in args {
                guard let two = pair.listToArray(), two.count == 2 else { throw importShapeError("pair expected", spec) }
                let from = try symbol(two[0]), to = try symbol(two[1])
                check(from)
                out = out.map { $0.0 === from ? (to, $0.1) : $0 }
            }
            return out
        default:
            guard args.count == 1 else { throw importShapeError(args.isEmpty ? "pair expected" : "unexpected object", spec) }
            // `o:` reads as a keyword in CHICKEN's default style; as a prefix it is its text.
            let prefix = args[0].asSymbol.map { $0.isKeyword ? $0.name + ":" : $0.name } ?? args[0].displayed
            return set.map { (interp.symbols.intern(prefix + $0.0.name), $0.1) }
        }
    }

    /// An import spec that does not fit its shape, in csi's words: "during expansion of
    /// (import ...) - in `import' - symbol expected: (only M 1)".
    private func importShapeError(_ problem: String, _ spec: Value) -> SchemeError {
        syntaxError("during expansion of (import ...) - in `import' - \(problem)", spec)
    }

    /// An import that cannot be done, as csi reports it: "(import) during expansion of
    /// (import ...) - cannot import from undefined module: foo".
    private func importError(_ message: String, _ what: Value) -> SchemeError {
        .exn(kinds: ["syntax"], message: "during expansion of (import ...) - " + message, irritants: [what], location: "import")
    }
}

extension Interpreter {
    /// Loads a file in the middle of an expansion (an `import` that finds its module's
    /// source): each form runs on a thread of its own, since the main thread may be busy
    /// running the program whose form is being expanded.
    func loadWhileExpanding(_ path: String) throws {
        try refuseRevokedFiles(path, "import")
        guard let text = readWholeFile(path) else {
            throw SchemeError.exn(kinds: ["i/o", "file"], message: "cannot open file", irritants: [.string(MString(path))], location: "import")
        }
        loadStack.append(path)
        defer { loadStack.removeLast() }
        let reader = makeReader(text: text, file: path)
        while let datum = try reader.read() {
            do {
                _ = try runToplevel(try compile(datum, sourceMap: reader.sourceMap), on: SchemeThread(capacity: 256))
            } catch let e as SchemeConditionError {
                throw SchemeError.raise(e.value, continuable: false)
            }
        }
    }

    /// An evaluation environment holding exactly the exports of `modules` (see
    /// `ModuleScope.sealed`).
    func sealedEnvironment(_ modules: [Module]) -> EnvironmentObject {
        let env = SyntacticEnvironment(parent: nil)
        let scope = ModuleScope(name: "environment", exportSpec: [])
        scope.sealed = true
        env.moduleScope = scope
        for m in modules {
            if m.isEverything { env.adopt(toplevel) }
            for (n, b) in m.exports { env.bind(.symbol(n), b) }
        }
        return EnvironmentObject(syntax: env)
    }

    /// The module called `name`: one the program defined, or a built-in one.
    func module(named name: String) -> Module? {
        if let m = expander.moduleStack.last?.aliases[name] ?? modules[name] ?? builtinModules[name] { return m }
        if name == "r5rs" { return module(named: "scheme") }   // CHICKEN 5's r5rs is scheme
        if let (values, syntax) = ModuleTable.exports[name] {
            let names = (values + syntax).map { symbols.intern($0) }
            let m = Module(name: name, exports: names.map { ($0, preludeSyntax.lookup(.symbol($0)) ?? lazySyntaxBinding($0) ?? .global($0)) })
            builtinModules[name] = m
            return m
        }
        if knownLibraries.contains(name) { return Module(name: name, exports: [], isEverything: true) }
        return nil
    }
}

extension ModuleTable {
    /// The table, parsed once: module name → (value exports, syntax exports).
    /// Split as bytes: splitting the String by Characters (grapheme clusters) cost about
    /// 20 million instructions, paid by the first import of every program.
    static let exports: [String: ([String], [String])] = {
        var out: [String: ([String], [String])] = [:]
        let bytes = Array(text.utf8)
        func words(_ part: ArraySlice<UInt8>) -> [String] {
            part.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        }
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            let bar = line.firstIndex(of: UInt8(ascii: "|")) ?? line.endIndex
            var values = words(line[line.startIndex..<bar])
            guard !values.isEmpty else { continue }
            let name = values.removeFirst()
            out[name] = (values, bar < line.endIndex ? words(line[(bar + 1)...]) : [])
        }
        return out
    }()
}
