/// A `syntax-rules` transformer. Matching binds pattern variables; template identifiers that
/// are not pattern variables become aliases closed over the macro's environment, which is
/// what keeps expansions hygienic.
final class SyntaxRules {
    private let literals: [Value]
    private let ellipsis: Value
    private let rules: [(pattern: Value, template: Value)]
    private unowned let expander: Expander

    init(_ spec: Value, env: SyntacticEnvironment, expander: Expander) throws {
        self.expander = expander
        guard var items = spec.listToArray() else { throw expander.syntaxError("bad syntax-rules form", spec) }
        guard items.count >= 2 else {
            throw expander.syntaxError("during expansion of (syntax-rules ...) - in `syntax-rules' - not enough arguments", spec)
        }
        var ell: Value = .symbol(expander.interp.symbols.intern("..."))
        if isIdentifier(items[1]) {  // (syntax-rules ellipsis (literals) rules…)
            ell = items[1]
            items.remove(at: 1)
        }
        guard items.count >= 2, let lits = items[1].listToArray() else {
            throw expander.syntaxError("bad syntax-rules literals", spec)
        }
        ellipsis = ell
        literals = lits
        var rs: [(Value, Value)] = []
        for r in items.dropFirst(2) {
            guard let pair = r.listToArray(), pair.count == 2 else {
                throw expander.syntaxError("during expansion of (syntax-rules ...) - ill-formed syntax rule", r)
            }
            rs.append((pair[0], pair[1]))
        }
        rules = rs
        // The prelude's own macros are known good (a test loads every one): checking them
        // at each start-up cost 1.5M instructions, a tenth of it.
        guard env.root !== expander.interp.preludeSyntax else { return }
        for (pattern, template) in rs {
            guard case .pair(let p) = pattern else { continue }
            var depths: [ObjectIdentifier: Int] = [:]
            try patternDepths(p.cdr, 0, &depths)  // the keyword position is ignored
            try checkTemplate(template, 0, depths)
        }
    }

    // MARK: checking templates, as CHICKEN does when the macro is defined

    /// How many ellipses follow each pattern variable of `pat`.
    private func patternDepths(_ pat: Value, _ depth: Int, _ depths: inout [ObjectIdentifier: Int]) throws {
        try expander.interp.nativeStack.check("syntax-rules")
        switch pat {
        case .pair(let p):
            var inner = depth
            if case .pair(let next) = p.cdr, isEllipsis(next.car) { inner += 1 }
            try patternDepths(p.car, inner, &depths)
            try patternDepths(p.cdr, depth, &depths)
        case .vector(let v):
            try patternDepths(Value.list(v.items), depth, &depths)
        default:
            for key in patternVars(pat) { depths[key] = depth }
        }
    }

    /// Raises CHICKEN's errors for a template whose ellipses do not fit the pattern: a
    /// variable used under fewer ellipses than it was matched with, or an ellipsis with no
    /// variable under it that was matched under as many.
    private func checkTemplate(_ t: Value, _ depth: Int, _ depths: [ObjectIdentifier: Int]) throws {
        try expander.interp.nativeStack.check("syntax-rules")
        switch t {
        case .symbol, .object(is Alias):
            if let key = SyntacticEnvironment.key(t), let d = depths[key], d > depth {
                throw SchemeError.syntax(SyntaxRules.definitionError("template dimension error (too few ellipses?)"),
                                         [stripSyntax(t)])
            }
        case .pair(let p):
            if isEllipsis(p.car), case .pair = p.cdr { return }  // (... ...) escapes
            guard case .pair(let next) = p.cdr, isEllipsis(next.car) else {
                try checkTemplate(p.car, depth, depths)
                try checkTemplate(p.cdr, depth, depths)
                return
            }
            var count = 1
            var after = next.cdr
            while case .pair(let a) = after, isEllipsis(a.car) { count += 1; after = a.cdr }
            guard templateVars(p.car).contains(where: { (depths[$0] ?? -1) >= depth + count }) else {
                var segment: Value = .null
                for _ in 0..<count { segment = .pair(Pair(ellipsis, segment)) }
                throw SchemeError.syntax(SyntaxRules.definitionError("too many ellipses"),
                                         [stripSyntax(.pair(Pair(p.car, segment)))])
            }
            try checkTemplate(p.car, depth + count, depths)
            try checkTemplate(after, depth, depths)
        case .vector(let v):
            try checkTemplate(Value.list(v.items), depth, depths)
        default:
            break
        }
    }

    private static func definitionError(_ what: String) -> String { "during expansion of (syntax-rules ...) - \(what)" }

    private indirect enum Match {
        case one(Value)
        case many([Match])
    }

    private func isEllipsis(_ v: Value) -> Bool {
        guard isIdentifier(v) else { return false }
        switch (v, ellipsis) {
        case let (.symbol(a), .symbol(b)): return a === b
        case let (.object(a), .object(b)): return a === b
        default: return baseSymbol(v) === baseSymbol(ellipsis) && !isIdentifierAliasMismatch(v)
        }
    }

    private func isIdentifierAliasMismatch(_ v: Value) -> Bool { false }

    private func isLiteral(_ v: Value) -> Bool {
        literals.contains { Value.eq($0, v) }
    }

    func expand(_ form: Value, useEnv: SyntacticEnvironment, macroEnv: SyntacticEnvironment,
                expander: Expander) throws -> Value {
        guard case .pair(let f) = form else { throw SchemeError.syntax("bad macro use", [stripSyntax(form)]) }
        for (pattern, template) in rules {
            guard case .pair(let p) = pattern else { continue }
            var b: [ObjectIdentifier: Match] = [:]
            // The keyword position is ignored.
            if try match(p.cdr, f.cdr, &b, useEnv, macroEnv) {
                var renames: [ObjectIdentifier: Value] = [:]
                return try instantiate(template, b, macroEnv, &renames)
            }
        }
        let name = baseSymbol(f.car)?.name ?? "?"
        throw SchemeError.syntax(SyntaxRules.noMatch(name), [stripSyntax(form)])
    }

    /// CHICKEN's message when no rule of macro `name` matches a use.
    static func noMatch(_ name: String) -> String { "during expansion of (\(name) ...) - no rule matches form" }

    // MARK: matching

    private func match(_ pat: Value, _ form: Value, _ b: inout [ObjectIdentifier: Match],
                       _ useEnv: SyntacticEnvironment, _ macroEnv: SyntacticEnvironment) throws -> Bool {
        try expander.interp.nativeStack.check("syntax-rules")
        switch pat {
        case .symbol, .object(is Alias):
            if isLiteral(pat) {
                return expander.sameIdentifier(form, useEnv, pat, macroEnv)
            }
            if baseSymbol(pat)?.name == "_", case .symbol = pat { return true }
            b[SyntacticEnvironment.key(pat)!] = .one(form)
            return true
        case .pair(let p):
            if case .pair(let next) = p.cdr, isEllipsis(next.car) {
                // P ... followed by `after` patterns (maybe dotted).
                let after = next.cdr
                let minAfter = countPairs(after)
                // A circular form matches nothing (collecting its items would never end).
                if withUnsafePointer(to: form, { BorrowedList.spine($0) }) == nil { return false }
                var items: [Value] = []
                var cur = form
                while case .pair(let fp) = cur { items.append(fp.car); cur = fp.cdr }
                let available = items.count - minAfter
                if available < 0 { return false }
                var matches: [[ObjectIdentifier: Match]] = []
                for i in 0..<available {
                    var mb: [ObjectIdentifier: Match] = [:]
                    if !(try match(p.car, items[i], &mb, useEnv, macroEnv)) { return false }
                    matches.append(mb)
                }
                for v in patternVars(p.car) {
                    b[v] = .many(matches.map { $0[v] ?? .many([]) })
                }
                // Rebuild the rest of the form after the repeated part.
                var rest = cur
                for item in items[available...].reversed() { rest = .pair(Pair(item, rest)) }
                return try match(after, rest, &b, useEnv, macroEnv)
            }
            guard case .pair(let fp) = form else { return false }
            return try match(p.car, fp.car, &b, useEnv, macroEnv) && match(p.cdr, fp.cdr, &b, useEnv, macroEnv)
        case .null:
            return form.isNull
        case .vector(let pv):
            guard case .vector(let fv) = form else { return false }
            return try match(Value.list(pv.items), Value.list(fv.items), &b, useEnv, macroEnv)
        default:
            return equalValues(pat, form)
        }
    }

    /// The pairs of a pattern's spine (none if it is circular).
    private func countPairs(_ v: Value) -> Int {
        withUnsafePointer(to: v) { BorrowedList.spine($0)?.count ?? 0 }
    }

    private func patternVars(_ pat: Value) -> [ObjectIdentifier] {
        switch pat {
        case .symbol, .object(is Alias):
            if isLiteral(pat) || isEllipsis(pat) { return [] }
            if case .symbol(let s) = pat, s.name == "_" { return [] }
            return [SyntacticEnvironment.key(pat)!]
        case .pair(let p): return patternVars(p.car) + patternVars(p.cdr)
        case .vector(let v): return v.items.flatMap(patternVars)
        default: return []
        }
    }

    // MARK: instantiation

    private func instantiate(_ t: Value, _ b: [ObjectIdentifier: Match], _ macroEnv: SyntacticEnvironment,
                             _ renames: inout [ObjectIdentifier: Value]) throws -> Value {
        try expander.interp.nativeStack.check("syntax-rules")
        switch t {
        case .symbol, .object(is Alias):
            let key = SyntacticEnvironment.key(t)!
            if let m = b[key] {
                guard case .one(let v) = m else {
                    throw SchemeError.syntax("pattern variable used without ellipsis", [stripSyntax(t)])
                }
                return v
            }
            if let r = renames[key] { return r }
            let alias = Value.object(Alias(name: t, env: macroEnv))
            renames[key] = alias
            return alias
        case .pair(let p):
            // (... ...) escapes the ellipsis.
            if isEllipsis(p.car), case .pair(let q) = p.cdr {
                return try instantiateEscaped(q.car, b, macroEnv, &renames)
            }
            if case .pair(let next) = p.cdr, isEllipsis(next.car) {
                var depth = 1
                var after = next.cdr
                while case .pair(let a) = after, isEllipsis(a.car) { depth += 1; after = a.cdr }
                var results = try expandEllipsis(p.car, depth, b, macroEnv, &renames)
                let tail = try instantiate(after, b, macroEnv, &renames)
                var out = tail
                results.reverse()
                for r in results { out = .pair(Pair(r, out)) }
                return out
            }
            return .pair(Pair(try instantiate(p.car, b, macroEnv, &renames), try instantiate(p.cdr, b, macroEnv, &renames)))
        case .vector(let v):
            let list = try instantiate(Value.list(v.items), b, macroEnv, &renames)
            return .vector(SVector(list.listToArray() ?? []))
        default:
            return t
        }
    }

    private func instantiateEscaped(_ t: Value, _ b: [ObjectIdentifier: Match], _ macroEnv: SyntacticEnvironment,
                                    _ renames: inout [ObjectIdentifier: Value]) throws -> Value {
        try expander.interp.nativeStack.check("syntax-rules")
        switch t {
        case .pair(let p):
            return .pair(Pair(try instantiateEscaped(p.car, b, macroEnv, &renames),
                              try instantiateEscaped(p.cdr, b, macroEnv, &renames)))
        default:
            return try instantiate(t, b, macroEnv, &renames)
        }
    }

    private func expandEllipsis(_ t: Value, _ depth: Int, _ b: [ObjectIdentifier: Match],
                                _ macroEnv: SyntacticEnvironment, _ renames: inout [ObjectIdentifier: Value]) throws -> [Value] {
        let vars = templateVars(t).filter { b[$0] != nil }
        let seqVars = vars.filter { if case .many = b[$0]! { return true }; return false }
        guard !seqVars.isEmpty else {
            throw SchemeError.syntax("no pattern variable to repeat in template", [stripSyntax(t)])
        }
        var n = -1
        for v in seqVars {
            if case .many(let ms) = b[v]! { n = n < 0 ? ms.count : min(n, ms.count) }
        }
        var out: [Value] = []
        for i in 0..<max(n, 0) {
            var nb = b
            for v in seqVars { if case .many(let ms) = b[v]! { nb[v] = ms[i] } }
            if depth > 1 {
                out.append(contentsOf: try expandEllipsis(t, depth - 1, nb, macroEnv, &renames))
            } else {
                out.append(try instantiate(t, nb, macroEnv, &renames))
            }
        }
        return out
    }

    /// The identifiers in a template, left to right (a work list: templates may be deep).
    private func templateVars(_ t: Value) -> [ObjectIdentifier] {
        var out: [ObjectIdentifier] = []
        var work = [t]
        while let x = work.popLast() {
            switch x {
            case .symbol, .object(is Alias):
                if let key = SyntacticEnvironment.key(x) { out.append(key) }
            case .pair(let p):
                work.append(p.cdr)
                work.append(p.car)
            case .vector(let v):
                work.append(contentsOf: v.items.reversed())
            default:
                break
            }
        }
        return out
    }
}
