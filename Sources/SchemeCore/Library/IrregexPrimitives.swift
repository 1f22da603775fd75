/// The native half of `(chicken irregex)`: compiling (strings through `RegexSyntax`, every
/// SRE through `SRETranslator` to PCRE2), searching, and the match accessors. Replacing,
/// splitting, folding and chunked matching are Scheme in the prelude, on top of these.
extension Interpreter {
    nonisolated(unsafe) static let regexType = ArgumentType("regular expression") { if case .object(_ as Regex) = $0 { true } else { false } }
    nonisolated(unsafe) static let matchType = ArgumentType("regexp match") { if case .object(_ as RegexMatch) = $0 { true } else { false } }

    func irregexPrimitives() -> [Primitive] {
        let cache = RegexCache()
        let compile = { [unowned(unsafe) self] (x: Value, options: ArraySlice<Value>) throws -> Regex in
            try cache.compile(x, options: options, symbols: self.symbols)
        }
        func rest(_ args: Arguments, from k: Int) -> ArraySlice<Value> {
            ArraySlice((k..<max(k, args.count)).map { args[$0] })
        }
        /// A match of `args[0]` in `string[start..<end]`, searched from `from`, or #f.
        func find(_ args: Arguments, _ s: MString, start: Int, end: Int, from: Int, whole: Bool) throws -> Value {
            let rx = try compile(args[0], [])
            guard start >= 0, end <= s.count, start <= from, from <= end else {
                throw SchemeError.outOfRange([.fixnum(from), .fixnum(end)])
            }
            guard let p = try rx.search(s, start: start, end: end, from: from, whole: whole) else { return .false }
            return .object(RegexMatch(string: s, positions: p, names: rx.names))
        }
        func search(_ args: Arguments, whole: Bool) throws -> Value {
            let s = try args.string(1)
            let start = args.count > 2 ? try args.int(2) : 0
            return try find(args, s, start: start, end: args.count > 3 ? try args.int(3) : s.count, from: start, whole: whole)
        }
        let searchSignature = Signature(.any, .string, optional: [.fixnum, .fixnum])
        return [
            prim("irregex", Signature(.any, rest: .any)) { args in .object(try compile(args[0], rest(args, from: 1))) },
            prim("string->irregex", Signature(.string, rest: .any)) { args in .object(try compile(args[0], rest(args, from: 1))) },
            prim("sre->irregex", Signature(.any, rest: .any)) { args in .object(try compile(args[0], rest(args, from: 1))) },
            prim("irregex?") { x in if case .object(_ as Regex) = x { return .true }; return .false },
            prim("string->sre", Signature(.string, rest: .any)) { [unowned(unsafe) self] args in
                var syntax = RegexSyntax(try args.string(0).string, flags: RegexCache.flags(rest(args, from: 1)), symbols: self.symbols)
                return try syntax.parse()
            },
            prim("maybe-string->sre") { [unowned(unsafe) self] x in
                guard case .string(let s) = x else { return x }
                var syntax = RegexSyntax(s.string, flags: [], symbols: self.symbols)
                return try syntax.parse()
            },
            prim("irregex-num-submatches", Signature(Interpreter.regexType)) { args in
                .fixnum((args[0].regex)?.submatches ?? 0)
            },
            prim("irregex-names", Signature(Interpreter.regexType)) { args in
                Interpreter.namesList(args[0].regex?.names ?? [])
            },
            prim("irregex-search", searchSignature) { args in try search(args, whole: false) },
            prim("irregex-match", searchSignature) { args in try search(args, whole: true) },
            prim("irregex-match?", searchSignature) { args in .bool(!(try search(args, whole: true)).isFalse) },
            // (%irregex-search-from irx string start end from): a search of string[start..<end]
            // that begins at `from`, for the folds (`bos` stays at `start`).
            prim("%irregex-search-from", Signature(.any, .string, .fixnum, .fixnum, .fixnum)) { args in
                try find(args, try args.string(1), start: try args.int(2), end: try args.int(3), from: try args.int(4), whole: false)
            },
        ] + matchAccessors()
    }

    private func matchAccessors() -> [Primitive] {
        let indexed = Signature(Interpreter.matchType, optional: [.any])
        /// The group `args[1]` names (0 when absent): a number or a submatch name. Among
        /// groups of one name, the last that took part counts, as in irregex.
        func group(_ args: Arguments) throws -> (RegexMatch, Int) {
            guard case .object(let m as RegexMatch) = args[0] else { throw SchemeError.badArgument(args[0], Interpreter.matchType) }
            guard args.count > 1 else { return (m, 0) }
            if let g = m.groupIndex(args[1]) { return (m, g) }
            if case .fixnum = args[1] {
                throw SchemeError.argument(kinds: [], message: "not a valid index", irritants: [args[0], args[1]])
            }
            throw SchemeError.argument(kinds: [], message: "unknown match name", irritants: [args[1]])
        }
        return [
            prim("irregex-match-data?") { x in if case .object(_ as RegexMatch) = x { return .true }; return .false },
            prim("irregex-match-num-submatches", Signature(Interpreter.matchType)) { args in
                .fixnum((args[0].regexMatch)?.submatches ?? 0)
            },
            prim("irregex-match-names", Signature(Interpreter.matchType)) { args in
                Interpreter.namesList(args[0].regexMatch?.names ?? [])
            },
            prim("irregex-match-valid-index?", Signature(Interpreter.matchType, .any)) { args in
                .bool(args[0].regexMatch?.groupIndex(args[1]) != nil)
            },
            prim("irregex-match-substring", indexed) { args in
                let (m, g) = try group(args)
                let (a, b) = (m.positions[2 * g], m.positions[2 * g + 1])
                return a < 0 ? .false : .string(m.string.slice(a, b))
            },
            prim("irregex-match-start-index", indexed) { args in
                let (m, g) = try group(args)
                return m.positions[2 * g] < 0 ? .false : .fixnum(m.positions[2 * g])
            },
            prim("irregex-match-end-index", indexed) { args in
                let (m, g) = try group(args)
                return m.positions[2 * g + 1] < 0 ? .false : .fixnum(m.positions[2 * g + 1])
            },
            // The text a match was found in (for the prelude's substitutions).
            prim("%irregex-match-string", Signature(Interpreter.matchType)) { args in
                args[0].regexMatch.map { .string($0.string) } ?? .false
            },
        ]
    }

    /// `((name . index) ...)`, last-defined first, as irregex lists them.
    static func namesList(_ names: [(name: Value, index: Int)]) -> Value {
        Value.list(names.reversed().map { .pair(Pair($0.name, .fixnum($0.index))) })
    }
}

extension RegexMatch {
    /// The group number `n` stands for, if it is a valid index of this match.
    func groupIndex(_ n: Value) -> Int? {
        if case .fixnum(let i) = n { return i >= 0 && i <= submatches ? i : nil }
        let groups = names.filter { eqvValues($0.name, n) }.map(\.index)
        guard let lastGroup = groups.last else { return nil }
        return groups.last { positions[2 * $0] >= 0 } ?? lastGroup
    }
}

private extension Value {
    var regex: Regex? { if case .object(let r as Regex) = self { return r }; return nil }
    var regexMatch: RegexMatch? { if case .object(let m as RegexMatch) = self { return m }; return nil }
}

/// Compiled regexes of strings, so a string pattern used in a loop is compiled once.
final class RegexCache {
    private var entries: [String: Regex] = [:]
    private static let capacity = 256

    func compile(_ x: Value, options: ArraySlice<Value>, symbols: SymbolTable) throws -> Regex {
        if case .object(let r as Regex) = x { return r }
        let flags = RegexCache.flags(options)
        guard case .string(let s) = x else {
            return try Regex(sre: x, caseInsensitive: flags.contains(.caseInsensitive), symbols: symbols)
        }
        let key = String(flags.rawValue) + ":" + s.string
        if let r = entries[key] { return r }
        var syntax = RegexSyntax(s.string, flags: flags, symbols: symbols)
        let r = try Regex(sre: try syntax.parse(), caseInsensitive: flags.contains(.caseInsensitive), symbols: symbols)
        if entries.count >= RegexCache.capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = r
        return r
    }

    /// The options irregex takes after the pattern: `'i`, `'m`, `'s`, `'x` and their long
    /// names; the engine choices (`'fast`, `'backtrack`, `'small`, `'utf8`) change nothing.
    static func flags(_ options: ArraySlice<Value>) -> RegexSyntax.Flags {
        var flags: RegexSyntax.Flags = []
        for case .symbol(let s) in options {
            switch s.name {
            case "i", "case-insensitive": flags.insert(.caseInsensitive)
            case "m", "multi-line": flags.insert(.multiLine)
            case "s", "single-line": flags.insert(.singleLine)
            case "x", "extended": flags.insert(.extended)
            default: break
            }
        }
        return flags
    }
}
