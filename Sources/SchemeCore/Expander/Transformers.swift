/// Macro transformers: what `define-syntax`, `let-syntax` and `letrec-syntax` bind.
///
/// As in CHICKEN, a transformer is a value: `(er-macro-transformer PROC)`,
/// `(ir-macro-transformer PROC)` and `(syntax-rules …)` evaluate to one anywhere, and a
/// syntax binding takes any expression that yields one, evaluated while the program is
/// expanded (`(define-syntax m (let ((k 5)) (er-macro-transformer (lambda (x r c) k))))`).
/// The three forms written directly in a syntax binding, the common case, are read
/// without running anything.

/// A transformer as a run-time value, printed `#<transformer>`; not a procedure. The cycle
/// collector traces through it: its procedure may hold the only path to a live container.
final class TransformerValue: SchemeObject, Traceable {
    let transformer: Macro.Transformer
    init(_ transformer: Macro.Transformer) { self.transformer = transformer }
    override var typeName: String { "transformer" }

    func trace(_ visit: (Value) -> Void) {
        switch transformer {
        case .explicitRenaming(let p), .implicitRenaming(let p): visit(p)
        case .syntaxRules: break
        }
    }
}

extension Expander {
    /// The macro a syntax binding named `name` makes of `spec`, defined in `env`.
    func makeTransformer(_ spec: Value, _ env: SyntacticEnvironment, name: Value) throws -> Macro {
        // In a module, transformers are made and run in CHICKEN's syntax environment:
        // the module's bindings over the built-in ones (scheme, chicken.base,
        // chicken.syntax), whatever the module imported for run time.
        // (The prelude's own macros are made where they are: nothing else is there.)
        let syntaxEnv = env === interp.preludeSyntax ? env : transformerEnvironment(env)
        if case .pair(let p) = spec, isIdentifier(p.car) {
            switch syntaxEnv.lookup(p.car) {
            case .special(.syntaxRules):
                return Macro(.syntaxRules(try SyntaxRules(spec, env: env, expander: self)), env: env)
            case .special(let sf) where sf == .erMacro || sf == .irMacro:
                // Another count of arguments is left to the evaluation below, which
                // reports it as csi does (a call with the wrong number of arguments).
                guard let items = spec.listToArray(), items.count == 2 else { break }
                let proc = try interp.evalCore(try expand(items[1], syntaxEnv))
                guard case .procedure = proc else { throw syntaxError("transformer is not a procedure", spec) }
                return Macro(sf == .erMacro ? .explicitRenaming(proc) : .implicitRenaming(proc), env: env)
            case .macro(let m):
                return try makeTransformer(try expandMacro(m, spec, env), env, name: name)
            default: break
            }
        }
        if isIdentifier(spec), case .macro(let m) = env.lookup(spec) { return m }
        let saved = transformerHome
        transformerHome = env
        defer { transformerHome = saved }
        let value = try interp.evalCore(try expand(spec, syntaxEnv))
        if case .object(let t as TransformerValue) = value { return Macro(t.transformer, env: env) }
        throw SchemeError.exn(kinds: [], message: "expected syntax-transformer, but got",
                              irritants: [value], location: baseSymbol(name)?.name)
    }

    /// `(syntax-rules …)`, `(er-macro-transformer PROC)` or `(ir-macro-transformer PROC)`
    /// as an expression: a transformer value. Rules are read now, renaming where the macro
    /// will be defined when this is a syntax binding's expression, else here.
    func transformerExpression(_ sf: SpecialForm, _ form: Value, _ items: [Value],
                               _ env: SyntacticEnvironment) throws -> CoreForm {
        if sf == .syntaxRules {
            let rules = try SyntaxRules(form, env: transformerHome ?? env, expander: self)
            return .constant(.object(TransformerValue(.syntaxRules(rules))))
        }
        let isER = sf == .erMacro
        let maker = Primitive(sf.rawValue, .exactly(1), .f1 { proc in
            .object(TransformerValue(isER ? .explicitRenaming(proc) : .implicitRenaming(proc)))
        })
        let args = try items.dropFirst().map { try expand($0, env) }
        return .call(.constant(.procedure(maker)), args, sourceMap.location(of: form))
    }

    /// Calls an er- or ir-macro's transformer. An error it raises says which use it came
    /// from, as CHICKEN's do: "(cadr) during expansion of (my-macro ...) - bad argument type".
    func runTransformer(_ proc: Value, _ args: [Value], _ form: Value) throws -> Value {
        do {
            return try interp.callProcedure(proc, args)
        } catch let e as SchemeConditionError {
            let exn = sym("exn"), message = sym("message")
            guard case .object(let c as Condition) = e.value, case .pair(let p) = form, let name = baseSymbol(p.car)?.name,
                  case .string(let text)? = c.property(exn, message) else { throw e }
            let noted = Condition(kinds: c.kinds, properties: c.properties.map { entry in
                guard entry.kind === exn, entry.key === message else { return entry }
                return (exn, message, .string(MString("during expansion of (\(name) ...) - " + text.string)))
            })
            throw interp.hostError(.object(noted), e.location)
        }
    }
}
