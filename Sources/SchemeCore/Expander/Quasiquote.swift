/// Rewrites a quasiquote template into calls of list primitives bound under reserved names
/// (`%qq-cons` …), so local rebinding of `cons` or `list` cannot break it.
struct Quasiquote {
    let expander: Expander
    let env: SyntacticEnvironment

    private func sym(_ n: String) -> Value { .symbol(expander.interp.symbols.intern(n)) }

    private func isKeyword(_ v: Value, _ sf: SpecialForm?, _ name: String) -> Bool {
        guard isIdentifier(v) else { return false }
        switch env.lookup(v) {
        case .special(let s)?: return s == sf
        case nil: return baseSymbol(v)?.name == name
        default: return false
        }
    }

    private func tagged(_ v: Value, _ name: String, _ sf: SpecialForm?) -> Value? {
        guard case .pair(let p) = v, isKeyword(p.car, sf, name),
              case .pair(let rest) = p.cdr, rest.cdr.isNull else { return nil }
        return rest.car
    }

    private func quote(_ v: Value) -> Value { .list(sym("quote"), v) }

    func rewrite(_ t: Value, depth: Int) throws -> Value {
        try expander.interp.nativeStack.check("quasiquote")
        if let inner = tagged(t, "unquote", nil) {
            if depth == 1 { return inner }
            return .list(sym("%qq-list"), quote(sym("unquote")), try rewrite(inner, depth: depth - 1))
        }
        if let inner = tagged(t, "quasiquote", .quasiquote) {
            return .list(sym("%qq-list"), quote(sym("quasiquote")), try rewrite(inner, depth: depth + 1))
        }
        switch t {
        case .pair(let p):
            if let spliced = tagged(p.car, "unquote-splicing", nil) {
                let rest = try rewrite(p.cdr, depth: depth)
                if depth == 1 { return .list(sym("%qq-append"), spliced, rest) }
                let inner = Value.list(sym("%qq-list"), quote(sym("unquote-splicing")), try rewrite(spliced, depth: depth - 1))
                return .list(sym("%qq-cons"), inner, rest)
            }
            return .list(sym("%qq-cons"), try rewrite(p.car, depth: depth), try rewrite(p.cdr, depth: depth))
        case .vector(let vec):
            return .list(sym("%qq-list->vector"), try rewrite(Value.list(vec.items), depth: depth))
        case .symbol, .object(is Alias), .null:
            return quote(t)
        default:
            return t
        }
    }
}
