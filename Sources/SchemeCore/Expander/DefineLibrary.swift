/// R7RS `define-library`, on the module machinery of Modules.swift: the library is a module
/// named by its name's parts joined with dots (`(foo bar)` is `foo.bar`, so CHICKEN-style
/// `(import foo.bar)` finds it too).
extension Expander {
    /// `(define-library NAME DECLARATION ...)` with `export` (incl. `(rename a b)`),
    /// `import`, `begin`, `include`, `include-ci`, `include-library-declarations` and
    /// `cond-expand`.
    func expandLibrary(_ form: Value, _ env: SyntacticEnvironment) throws -> CoreForm {
        guard let items = form.listToArray(), items.count >= 2 else { throw syntaxError("bad define-library form", form) }
        let scope = ModuleScope(name: try moduleName(items[1], form), exportSpec: [])
        var renames: [(from: Symbol, to: Symbol)] = []
        var body: [Value] = []
        var imports: [Value] = []
        var declarations = Array(items.dropFirst(2))
        var index = 0
        while index < declarations.count {
            let d = stripSyntax(declarations[index])
            index += 1
            guard case .pair(let p) = d, case .symbol(let head) = p.car, let args = p.cdr.listToArray() else {
                throw syntaxError("bad library declaration", form)
            }
            switch head.name {
            case "export":
                for spec in args {
                    if let r = spec.listToArray(), r.count == 3, r[0].asSymbol?.name == "rename",
                       case .symbol(let from) = r[1], case .symbol(let to) = r[2] {
                        renames.append((from, to))
                    } else if case .symbol = spec {
                        scope.exportSpec?.append(spec)
                    } else {
                        throw syntaxError("bad export specification", form)
                    }
                }
            case "import": imports.append(d)
            case "begin": body += args
            case "include", "include-ci":
                for f in args {
                    guard case .string(let name) = f else { throw syntaxError("include needs a file name", form) }
                    body += try interp.readFile(name.string, expander: self)
                }
            case "include-library-declarations":
                for f in args {
                    guard case .string(let name) = f else { throw syntaxError("include needs a file name", form) }
                    declarations.insert(contentsOf: try interp.readFile(name.string, expander: self), at: index)
                }
            case "cond-expand":
                for clause in args {
                    guard case .pair(let c) = clause else { throw syntaxError("bad cond-expand clause", form) }
                    if try featureMatches(c.car) {
                        declarations.insert(contentsOf: c.cdr.listToArray() ?? [], at: index)
                        break
                    }
                }
            default:
                throw syntaxError("unknown library declaration: \(head.name)", form)
            }
        }
        // Imports first, wherever they were declared: the body is one scope.
        let (core, menv) = try expandModuleBody(scope, imports + body, form)
        for (from, to) in renames {
            scope.reexports.append((to, menv.lookup(.symbol(from)) ?? .global(moduleGlobal(scope, from))))
        }
        try finishModule(scope, menv, form)
        return core
    }
}
