/// Rewrites a quasiquote template into calls of list primitives bound under reserved names
/// (`%qq-cons` …), so local rebinding of `cons` or `list` cannot break it.
struct Quasiquote {
    let expander: Expander
    let env: SyntacticEnvironment

    private func sym(_ n: String) -> Value { .symbol(expander.interp.symbols.intern(n)) }

    /// `name` as the prelude means it (a special form, or else a global): the expansion
    /// works in a module whatever the module imports, and whatever the program rebinds.
    private func builtin(_ n: String) -> Value { .object(Alias(name: sym(n), env: expander.interp.preludeSyntax)) }

    private func isKeyword(_ v: Value, _ sf: SpecialForm?, _ name: String) -> Bool {
        guard isIdentifier(v) else { return false }
        switch env.lookup(v) {
        case .special(let s)?: return s == sf
        case nil: return baseSymbol(v)?.name == name
        default: return false
        }
    }

    /// `(unquote x)` etc.: the keyword heading a pair, if it is one of the three.
    private func head(_ v: Value) -> (name: String, args: Value)? {
        guard case .pair(let p) = v else { return nil }
        for (name, sf) in [("unquote", nil), ("unquote-splicing", nil), ("quasiquote", SpecialForm.quasiquote)]
            where isKeyword(p.car, sf, name) {
            return (name, p.cdr)
        }
        return nil
    }

    /// The one operand of `(unquote x)` / `(unquote-splicing x)` at depth 1.
    private func operand(_ args: Value, _ name: String) throws -> Value {
        guard case .pair(let p) = args, p.cdr.isNull else { throw SchemeError.syntax("bad \(name) form", [.pair(Pair(sym(name), args))]) }
        return p.car
    }

    private func quote(_ v: Value) -> Value { .list(builtin("quote"), v) }

    func rewrite(_ t: Value, depth: Int) throws -> Value {
        try expander.interp.nativeStack.check("quasiquote")
        if let (name, args) = head(t), name != "unquote-splicing" {
            if name == "quasiquote" {
                return .list(builtin("%qq-cons"), quote(sym(name)), try rewrite(args, depth: depth + 1))
            }
            if depth == 1 { return try operand(args, name) }
            return .list(builtin("%qq-cons"), quote(sym(name)), try rewrite(args, depth: depth - 1))
        }
        switch t {
        case .pair(let p):
            if let (name, args) = head(p.car), name == "unquote-splicing" {
                // Last in its list, the spliced list becomes the tail as it is (it may be
                // circular or improper, as `append`'s last argument may).
                if depth == 1, p.cdr.isNull { return try operand(args, name) }
                let rest = try rewrite(p.cdr, depth: depth)
                if depth == 1 { return .list(builtin("%qq-append"), try operand(args, name), rest) }
                let inner = Value.list(builtin("%qq-cons"), quote(sym(name)), try rewrite(args, depth: depth - 1))
                return .list(builtin("%qq-cons"), inner, rest)
            }
            return .list(builtin("%qq-cons"), try rewrite(p.car, depth: depth), try rewrite(p.cdr, depth: depth))
        case .vector(let vec):
            return .list(builtin("%qq-list->vector"), try rewrite(Value.list(vec.items), depth: depth))
        case .symbol, .object(is Alias), .null:
            return quote(t)
        default:
            return t
        }
    }
}
