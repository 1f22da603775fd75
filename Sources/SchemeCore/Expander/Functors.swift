/// CHICKEN's interfaces and functors: modules parameterised by modules.
///
///     (define-interface QUEUE (empty-queue enqueue head empty? dequeue))
///     (functor (breadth-first (Q QUEUE)) (search) (import scheme Q) (define (search …) …))
///     (module breadth = (breadth-first queue3))
///
/// A functor keeps its body as written; each instantiation expands it as the body of a new
/// module in which each parameter names the argument module, cut down to the names the
/// parameter's interface lists (which the argument must export).
struct Functor {
    struct Parameter {
        let name: String
        /// The names the argument module must export, and the only ones the body sees.
        let exports: [Symbol]
        /// The module used when the instantiation leaves the argument out.
        let fallback: Value?
    }
    let parameters: [Parameter]
    /// The export list as written after the parameters (`*`, a list or an interface name).
    let exportSpec: Value
    let body: [Value]
}

extension Expander {
    /// `(define-interface NAME (NAME ...))` or `(define-interface NAME *)`.
    func defineInterface(_ form: Value) throws -> CoreForm {
        guard let items = form.listToArray(), items.count == 3, case .symbol(let name) = stripSyntax(items[1]) else {
            throw syntaxError("bad define-interface form", form)
        }
        interfaces[name.name] = try exportNames(stripSyntax(items[2]), form)
        return .constant(.unspecified)
    }

    /// The export list a module or functor header gives: nil for `*`, the names of an
    /// interface for its name, a list with each `(interface: NAME)` in it replaced by the
    /// interface's names.
    func exportNames(_ spec: Value, _ form: Value) throws -> [Value]? {
        switch spec {
        case .symbol(let s) where s.name == "*": return nil
        case .symbol(let s):
            guard let names = interfaces[s.name] else { throw syntaxError("undefined interface", spec) }
            return names
        default:
            guard let entries = spec.listToArray() else { throw syntaxError("bad module export list", form) }
            var out: [Value] = []
            for entry in entries {
                if case .pair(let p) = entry, case .symbol(let k) = p.car, k.isKeyword, k.name == "interface",
                   let args = p.cdr.listToArray(), args.count == 1 {
                    out += try exportNames(args[0], form) ?? []
                } else {
                    out.append(entry)
                }
            }
            return out
        }
    }

    /// `(functor (NAME (ARG INTERFACE) ...) EXPORTS BODY ...)`; an argument written
    /// `((ARG DEFAULT-MODULE) INTERFACE)` may be left out.
    func defineFunctor(_ form: Value) throws -> CoreForm {
        guard let items = form.listToArray(), items.count >= 3, case .pair(let header) = items[1],
              let params = header.cdr.listToArray() else {
            throw syntaxError("bad functor form", form)
        }
        let name = try moduleName(header.car, form)
        var parameters: [Functor.Parameter] = []
        for param in params {
            guard let parts = stripSyntax(param).listToArray(), parts.count == 2 else { throw syntaxError("bad functor parameter", form) }
            var fallback: Value? = nil, argName = parts[0]
            if case .pair(let p) = argName, let both = argName.listToArray(), both.count == 2 { argName = p.car; fallback = both[1] }
            guard case .symbol(let s) = argName else { throw syntaxError("bad functor parameter", form) }
            let exports = try exportNames(parts[1], form) ?? []
            parameters.append(.init(name: s.name, exports: exports.compactMap { baseSymbol($0.asPair?.car ?? $0) }, fallback: fallback))
        }
        _ = try exportNames(stripSyntax(items[2]), form)  // an undefined interface is an error now
        functors[name] = Functor(parameters: parameters, exportSpec: stripSyntax(items[2]), body: Array(items.dropFirst(3)))
        return .constant(.unspecified)
    }

    /// `(module NAME = (FUNCTOR ARG ...))`, `(module NAME = FUNCTOR BODY ...)` (the body is
    /// the one argument's module), or `(module NAME = MODULE)` (another name for a module).
    func expandModuleInstance(_ name: String, _ items: [Value], _ form: Value) throws -> CoreForm {
        guard items.count >= 4 else { throw syntaxError("bad module form", form) }
        let target = stripSyntax(items[3])
        var functorName: String, args: [Value]
        if items.count > 4 {
            functorName = try moduleName(target, form)
            // The argument module, exporting all it defines, is made and run now.
            let argument = ModuleScope(name: "\(name)-argument", exportSpec: nil)
            _ = try interp.evalCore(try defineModule(argument, Array(items.dropFirst(4)), form))
            args = [.symbol(interp.symbols.intern(argument.name))]
        } else if case .pair(let p) = target, let rest = p.cdr.listToArray() {
            functorName = try moduleName(p.car, form)
            args = rest
        } else {
            functorName = try moduleName(target, form)
            args = []
            if functors[functorName] == nil {
                guard let m = interp.module(named: functorName) else { throw syntaxError("undefined module", target) }
                interp.modules[name] = Module(name: name, exports: m.exports, isEverything: m.isEverything)
                return .constant(.unspecified)
            }
        }
        guard let functor = functors[functorName] else { throw syntaxError("undefined functor", target) }
        guard args.count <= functor.parameters.count else { throw syntaxError("too many functor arguments", form) }
        let scope = ModuleScope(name: name, exportSpec: try exportNames(functor.exportSpec, form))
        for (i, param) in functor.parameters.enumerated() {
            guard let spec = i < args.count ? args[i] : param.fallback else { throw syntaxError("missing functor argument", form) }
            let argName = try moduleName(spec, form)
            guard let module = interp.module(named: argName) else { throw syntaxError("undefined module", spec) }
            var seen: [ObjectIdentifier: Binding] = [:]
            for e in module.exports { seen[ObjectIdentifier(e.name)] = e.binding }
            let missing = param.exports.filter { seen[ObjectIdentifier($0)] == nil }
            if !missing.isEmpty {
                throw syntaxError("argument module `\(argName)' does not match interface: missing \(missing.map(\.name))", form)
            }
            scope.aliases[param.name] = Module(name: argName, exports: param.exports.compactMap { s in
                seen[ObjectIdentifier(s)].map { (s, $0) }
            })
        }
        return try defineModule(scope, functor.body, form)
    }
}
