/// A lexical variable after expansion. Identity, not name, distinguishes variables, which
/// is what makes renamed (hygienic) bindings work.
final class Variable {
    let name: Symbol
    /// Assigned with `set!` somewhere: such variables live in boxes when captured.
    var mutated = false
    init(_ name: Symbol) { self.name = name }
}

/// A lambda after expansion.
final class LambdaForm {
    let required: [Variable]
    let optional: [Variable]
    let rest: Variable?
    let body: CoreForm
    var name: String?
    /// An extended parameter list (`#!optional` …) as written, which the procedure prints;
    /// nil when the variables say it all.
    var writtenParameters: Value?
    init(required: [Variable], optional: [Variable], rest: Variable?, body: CoreForm, name: String?) {
        self.required = required
        self.optional = optional
        self.rest = rest
        self.body = body
        self.name = name
    }
}

/// The small core language the expander produces and the compiler consumes.
indirect enum CoreForm {
    case constant(Value)
    case local(Variable)
    case global(Symbol)
    case setLocal(Variable, CoreForm)
    case setGlobal(Symbol, CoreForm)
    case defineGlobal(Symbol, CoreForm)
    case ifForm(CoreForm, CoreForm, CoreForm)
    case lambda(LambdaForm)
    case sequence([CoreForm])
    case call(CoreForm, [CoreForm], SourceLocation?)
    /// Parallel binding: inits are evaluated outside the scope of the variables.
    case letForm([Variable], [CoreForm], CoreForm)
    /// `letrec*` semantics: inits evaluated in order inside the scope.
    case letrec([Variable], [CoreForm], CoreForm)
}
