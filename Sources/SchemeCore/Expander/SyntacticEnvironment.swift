/// What an identifier means in some scope.
enum Binding {
    case variable(Variable)
    /// A toplevel variable under another name: what a macro-introduced toplevel
    /// definition binds, so it cannot clash with the program's own globals.
    case global(Symbol)
    case macro(Macro)
    case special(SpecialForm)
}

/// The special forms the expander implements itself; everything else is a macro.
enum SpecialForm: String, CaseIterable {
    case quote, quasiquote, lambda, define, set = "set!", `if`, begin, `let`, letrec
    case letrecStar = "letrec*", defineSyntax = "define-syntax", letSyntax = "let-syntax"
    case letrecSyntax = "letrec-syntax", syntaxRules = "syntax-rules"
    case erMacro = "er-macro-transformer", irMacro = "ir-macro-transformer"
    case include, condExpand = "cond-expand", declare, `import`, use
    case requireExtension = "require-extension", namedLambda = "named-lambda"
    case defineForSyntax = "define-for-syntax", module, export, reexport
    case importForSyntax = "import-for-syntax", beginForSyntax = "begin-for-syntax"
    case importSyntax = "import-syntax", importSyntaxForSyntax = "import-syntax-for-syntax"
    case defineInterface = "define-interface", functor
    case defineLibrary = "define-library", currentModule = "current-module"
}

/// A macro: its transformer and the environment it was defined in (for hygiene).
final class Macro {
    enum Transformer {
        case syntaxRules(SyntaxRules)
        case explicitRenaming(Value)
        case implicitRenaming(Value)
    }
    let transformer: Transformer
    let env: SyntacticEnvironment
    /// The name of the built-in macro this is, whose uses are checked against CHICKEN's
    /// shape for it first (see SyntaxCheck); nil for a program's macros.
    var checkedAs: String?
    init(_ transformer: Transformer, env: SyntacticEnvironment) {
        self.transformer = transformer
        self.env = env
    }
}

/// An identifier introduced by a macro expansion: it means what `name` means in `env`, the
/// macro's definition environment, unless a binding form of the expansion binds it.
final class Alias: SchemeObject {
    /// A symbol or another alias (macros that expand into macro definitions).
    let name: Value
    let env: SyntacticEnvironment
    init(name: Value, env: SyntacticEnvironment) {
        self.name = name
        self.env = env
    }
    override var typeName: String { "alias" }

    /// The symbol this alias stands for, through any number of renamings.
    var baseSymbol: Symbol {
        var v = name
        while case .object(let o) = v, let a = o as? Alias { v = a.name }
        return v.asSymbol ?? Symbol("?")
    }
}

/// One scope of syntactic bindings. The toplevel scope has no parent; identifiers not
/// found anywhere are global variables.
final class SyntacticEnvironment {
    /// Keyed by identifier identity; the entry holds the identifier so its address cannot be
    /// reused by another object while the binding exists.
    @exclusivity(unchecked) private var bindings: [ObjectIdentifier: (identifier: Value, binding: Binding)] = [:]
    let parent: SyntacticEnvironment?
    /// Set on the root environment of a module body (see Modules.swift).
    var moduleScope: ModuleScope?
    init(parent: SyntacticEnvironment?) { self.parent = parent }

    var isToplevel: Bool { parent == nil }

    /// Whether this environment itself (not a parent) binds `id`.
    func bindsHere(_ id: Value) -> Bool {
        guard let key = SyntacticEnvironment.key(id) else { return false }
        return bindings[key] != nil
    }

    func bind(_ id: Value, _ b: Binding) {
        if let key = SyntacticEnvironment.key(id) { bindings[key] = (id, b) }
    }

    /// Takes every binding of `other` (which stays independent from then on).
    func adopt(_ other: SyntacticEnvironment) {
        bindings.merge(other.bindings) { _, theirs in theirs }
    }

    /// Takes the bindings of `other` that `keep` accepts.
    func adopt(_ other: SyntacticEnvironment, where keep: (Binding) -> Bool) {
        for (key, entry) in other.bindings where keep(entry.binding) { bindings[key] = entry }
    }

    func forEachBinding(_ f: (Binding) -> Void) {
        for (_, entry) in bindings { f(entry.binding) }
    }

    /// Rebinds every name bound to `old` to `new` (see `Expander.defineSyntax`).
    func replaceMacro(_ old: Macro, with new: Macro) {
        for (key, entry) in bindings {
            if case .macro(let m) = entry.binding, m === old { bindings[key] = (entry.identifier, .macro(new)) }
        }
    }

    /// Forgets every binding (the interpreter is going away).
    func removeAll() { bindings = [:] }

    func unbind(_ id: Value) {
        if let key = SyntacticEnvironment.key(id) { bindings[key] = nil }
    }

    static func key(_ id: Value) -> ObjectIdentifier? {
        switch id {
        case .symbol(let s): return ObjectIdentifier(s)
        case .object(let o as Alias): return ObjectIdentifier(o)
        default: return nil
        }
    }

    /// Resolves an identifier; nil means a global variable named `globalName(id)`.
    func lookup(_ id: Value) -> Binding? {
        guard let key = SyntacticEnvironment.key(id) else { return nil }
        var scope: SyntacticEnvironment? = self
        while let s = scope {
            if let entry = s.bindings[key] { return entry.binding }
            scope = s.parent
        }
        if case .object(let o as Alias) = id { return o.env.lookup(o.name) }
        return nil
    }
}

func isIdentifier(_ v: Value) -> Bool {
    switch v {
    case .symbol: return true
    case .object(let o): return o is Alias
    default: return false
    }
}

/// An identifier that a binding form may bind: not a keyword (`foo:`), as in CHICKEN.
func isBindable(_ v: Value) -> Bool {
    if case .symbol(let s) = v, s.isKeyword { return false }
    return isIdentifier(v)
}

/// The symbol an identifier names at toplevel.
func baseSymbol(_ id: Value) -> Symbol? {
    switch id {
    case .symbol(let s): return s
    case .object(let o as Alias): return o.baseSymbol
    default: return nil
    }
}

/// Removes aliases from a datum (for `quote`): the program sees plain symbols.
func stripSyntax(_ v: Value) -> Value {
    mapIdentifiers(v) { id in
        if case .object(let o as Alias) = id { return .symbol(o.baseSymbol) }
        return id
    }
}

/// A copy of a datum with every identifier (symbol or alias) replaced by `f`'s answer.
func mapIdentifiers(_ v: Value, _ f: (Value) -> Value) -> Value {
    mapTree(v) { x in
        switch x {
        case .symbol, .object(is Alias): return f(x)
        default: return nil
        }
    }
}

/// A copy of a datum's pairs and vectors in which each part that `visit` answers a value for
/// is replaced by that value (and not copied further); the rest is kept as it is.
///
/// Copies the structure with an explicit work list, sharing and cycles included, so neither
/// depth nor a circular datum (a macro may return one) can exhaust the Swift stack.
func mapTree(_ v: Value, _ visit: (Value) -> Value?) -> Value {
    var copies: [ObjectIdentifier: Value] = [:]
    var work: [(original: Value, copy: Value)] = []
    func shell(_ x: Value) -> Value {
        if let replacement = visit(x) { return replacement }
        switch x {
        case .pair(let p):
            if let c = copies[ObjectIdentifier(p)] { return c }
            let c = Value.pair(Pair(.null, .null))
            copies[ObjectIdentifier(p)] = c
            work.append((x, c))
            return c
        case .vector(let vec):
            if let c = copies[ObjectIdentifier(vec)] { return c }
            let c = Value.vector(SVector(Array(repeating: .null, count: vec.items.count)))
            copies[ObjectIdentifier(vec)] = c
            work.append((x, c))
            return c
        default:
            return x
        }
    }
    let root = shell(v)
    while let (original, copy) = work.popLast() {
        switch (original, copy) {
        case let (.pair(p), .pair(c)):
            c.car = shell(p.car)
            c.cdr = shell(p.cdr)
        case let (.vector(vec), .vector(c)):
            for i in vec.items.indices { c.items[i] = shell(vec.items[i]) }
        default:
            break
        }
    }
    return root
}
