/// CHICKEN's extended (DSSSL) lambda lists: `(a #!optional b (c 3) #!rest r #!key d (e 5))`.
///
/// The core `lambda` has required, optional and rest parameters; the VM passes `#!default`
/// for a missing optional. Defaults (`#f` when none is written) are then filled in at the top
/// of the body, in order, so a default may use the parameters before it. Keyword parameters
/// are read from the rest list (a hidden one if no `#!rest` is written) by keyword (`d:` or
/// `#:d`) and bound around the body.
extension Expander {
    /// A parsed lambda list.
    struct LambdaList {
        var required: [Value] = []
        var optional: [(id: Value, fallback: Value?)] = []
        var rest: Value?
        var keys: [(id: Value, fallback: Value?)] = []
        /// Whether it uses `#!optional`, `#!rest` or `#!key` (then procedures print it as written).
        var isExtended = false
        /// Whether any parameter needs the body prologue.
        var needsPrologue: Bool { !optional.isEmpty || !keys.isEmpty }
    }

    func parseLambdaList(_ params: Value, _ form: Value) throws -> LambdaList {
        enum Mode { case required, optional, rest, key }
        var list = LambdaList(), mode = Mode.required, cur = params
        func parameter(_ v: Value) throws -> (Value, Value?) {
            if isBindable(v) { return (v, nil) }
            if mode == .optional || mode == .key, let two = v.listToArray(), two.count == 2, isBindable(two[0]) {
                return (two[0], two[1])
            }
            throw syntaxError("bad lambda list", form)
        }
        while case .pair(let p) = cur {
            cur = p.cdr
            if let marker = baseSymbol(p.car)?.name, marker.hasPrefix("#!") {
                list.isExtended = true
                if marker == "#!optional", mode == .required { mode = .optional }
                else if marker == "#!rest", mode == .required || mode == .optional { mode = .rest }
                else if marker == "#!key", mode != .key { mode = .key }
                else { throw syntaxError("bad lambda list", form) }
                continue
            }
            let (id, fallback) = try parameter(p.car)
            switch mode {
            case .required: list.required.append(id)
            case .optional: list.optional.append((id, fallback))
            case .rest:
                guard list.rest == nil else { throw syntaxError("bad lambda list", form) }
                list.rest = id
            case .key: list.keys.append((id, fallback))
            }
        }
        if !cur.isNull {
            guard isBindable(cur), list.rest == nil else { throw syntaxError("bad lambda list", form) }
            list.rest = cur
        }
        return list
    }

    func expandLambda(_ params: Value, _ body: Value, _ env: SyntacticEnvironment, name: String?,
                      _ form: Value) throws -> LambdaForm {
        let list = try parseLambdaList(params, form)
        let scope = SyntacticEnvironment(parent: env)
        // A name the list repeats names its first parameter in the body, as in CHICKEN
        // (`((lambda (x x) x) 1 2)` is 1); the later ones take their arguments unseen.
        func bind(_ id: Value) -> Variable {
            let v = Variable(baseSymbol(id) ?? sym("?"))
            if !scope.bindsHere(id) { scope.bind(id, .variable(v)) }
            return v
        }
        let required = list.required.map(bind)
        let optional = list.optional.map { bind($0.id) }
        // Keywords are read from a rest list; and as in CHICKEN, a procedure with `#!optional`
        // and no `#!rest` ignores extra arguments (its hidden rest list takes them).
        let rest = list.rest.map(bind) ?? (list.keys.isEmpty && list.optional.isEmpty ? nil : Variable(sym("rest")))
        guard list.needsPrologue else {
            let lambda = LambdaForm(required: required, optional: optional, rest: rest, body: try expandBody(body, scope, form), name: name)
            if list.isExtended { lambda.writtenParameters = stripSyntax(params) }
            return lambda
        }
        var prologue: [CoreForm] = []
        for (v, o) in zip(optional, list.optional) { prologue.append(try fillDefault(v, o.fallback, scope)) }
        var core: CoreForm
        if list.keys.isEmpty {
            core = try expandBody(body, scope, form)
        } else {
            let keyScope = SyntacticEnvironment(parent: scope)
            let keys = list.keys.map { k -> Variable in
                let v = Variable(baseSymbol(k.id) ?? sym("?"))
                keyScope.bind(k.id, .variable(v))
                return v
            }
            let restList: CoreForm = rest.map { .local($0) } ?? .constant(.null)
            let lookups = keys.map { v in
                CoreForm.call(.global(sym("%keyword-argument")),
                              [restList, .constant(.symbol(interp.symbols.keyword(v.name.name)))], nil)
            }
            var keyPrologue: [CoreForm] = []
            for (v, k) in zip(keys, list.keys) { keyPrologue.append(try fillDefault(v, k.fallback, keyScope)) }
            core = .letForm(keys, lookups, .sequence(keyPrologue + [try expandBody(body, keyScope, form)]))
        }
        let lambda = LambdaForm(required: required, optional: optional, rest: rest, body: .sequence(prologue + [core]), name: name)
        lambda.writtenParameters = stripSyntax(params)
        return lambda
    }

    /// `(if (%default? v) (set! v fallback))`, with `#f` for no fallback.
    private func fillDefault(_ v: Variable, _ fallback: Value?, _ scope: SyntacticEnvironment) throws -> CoreForm {
        v.mutated = true
        let value = try fallback.map { try expand($0, scope) } ?? .constant(.false)
        return .ifForm(.call(.global(sym("%default?")), [.local(v)], nil), .setLocal(v, value), .constant(.unspecified))
    }
}
