/// Reads irregex's string syntax (Perl-style: `"GET (\\S+) HTTP/1\\.[01]"`) into an SRE, as
/// `string->sre` does; every regex is then written for PCRE2 from its SRE, so a string and
/// the SRE it reads as match alike. Groups nest on an explicit stack, not in Swift recursion.
struct RegexSyntax {
    struct Flags: OptionSet {
        let rawValue: Int
        static let caseInsensitive = Flags(rawValue: 1)
        static let multiLine = Flags(rawValue: 2)
        static let singleLine = Flags(rawValue: 4)
        static let extended = Flags(rawValue: 8)
    }

    private let text: [Unicode.Scalar]
    private var pos = 0
    private let symbols: SymbolTable

    /// An open group: its alternatives so far and the items of the current one.
    private struct Group {
        var kind: Value?          // the SRE operator wrapping it (nil: a plain sequence)
        var name: Value?          // a named submatch's name
        var alternatives: [[Value]] = []
        var items: [Value] = []
        var flags: Flags
        /// `(?i)` inside the group: items from here on are case-insensitive.
        var nocaseFrom: Int? = nil
    }
    private var stack: [Group]

    init(_ pattern: String, flags: Flags, symbols: SymbolTable) {
        text = Array(pattern.unicodeScalars)
        self.symbols = symbols
        stack = [Group(kind: nil, flags: flags)]
    }

    private func sym(_ s: String) -> Value { .symbol(symbols.intern(s)) }
    private func list(_ items: [Value]) -> Value { Value.list(items) }
    private func error(_ message: String) -> SchemeError {
        var s = String.UnicodeScalarView(); s.append(contentsOf: text)
        return .simple(message, [.string(MString(String(s)))])
    }

    /// The SRE the whole pattern reads as.
    mutating func parse() throws -> Value {
        while pos < text.count {
            let c = text[pos]
            pos += 1
            let flags = stack[stack.count - 1].flags
            if flags.contains(.extended) {
                if c == " " || c == "\t" || c == "\n" || c == "\r" { continue }
                if c == "#" { while pos < text.count, text[pos] != "\n" { pos += 1 }; continue }
            }
            switch c {
            case "(": try openGroup()
            case ")":
                guard stack.count > 1 else { throw error("unbalanced close parenthesis in regexp") }
                let g = stack.removeLast()
                append(close(g))
            case "|":
                let g = stack[stack.count - 1]
                stack[stack.count - 1].alternatives.append(sequenceItems(g))
                stack[stack.count - 1].items = []
                stack[stack.count - 1].nocaseFrom = nil
            case "*", "+", "?": try quantify(c == "*" ? (0, nil) : c == "+" ? (1, nil) : (0, 1))
            case "{":
                if let bounds = try braces() { try quantify(bounds) } else { append(.char("{")) }
            case ".": append(sym(flags.contains(.singleLine) ? "any" : "nonl"))
            case "^": append(sym(flags.contains(.multiLine) ? "bol" : "bos"))
            case "$": append(sym(flags.contains(.multiLine) ? "eol" : "eos"))
            case "[": append(try charClass())
            case "\\": try escape()
            default: append(.char(c))
            }
        }
        guard stack.count == 1 else { throw error("unterminated parenthesis in regexp") }
        return close(stack[0])
    }

    private mutating func append(_ v: Value) { stack[stack.count - 1].items.append(v) }

    /// The items of the current alternative, with a `(?i)` tail wrapped.
    private func sequenceItems(_ g: Group) -> [Value] {
        guard let from = g.nocaseFrom else { return g.items }
        return Array(g.items[..<from]) + [list([sym("w/nocase")] + g.items[from...])]
    }

    private func seq(_ items: [Value]) -> Value {
        let merged = RegexSyntax.mergeStrings(items)
        if merged.count == 1 { return merged[0] }
        if merged.isEmpty { return sym("epsilon") }
        return list([sym("seq")] + merged)
    }

    private func close(_ g: Group) -> Value {
        let alternatives = g.alternatives + [sequenceItems(g)]
        let body: Value = alternatives.count == 1 ? seq(alternatives[0]) : list([sym("or")] + alternatives.map { seq($0) })
        guard let kind = g.kind else { return body }
        if let name = g.name { return list([kind, name, body]) }
        return list([kind, body])
    }

    private mutating func openGroup() throws {
        var flags = stack[stack.count - 1].flags
        guard pos < text.count, text[pos] == "?" else {
            stack.append(Group(kind: sym("submatch"), flags: flags))
            return
        }
        pos += 1
        guard pos < text.count else { throw error("unterminated parenthesis in regexp") }
        let c = text[pos]
        pos += 1
        switch c {
        case ":": stack.append(Group(kind: nil, flags: flags))
        case "=": stack.append(Group(kind: sym("look-ahead"), flags: flags))
        case "!": stack.append(Group(kind: sym("neg-look-ahead"), flags: flags))
        case ">": stack.append(Group(kind: sym("atomic"), flags: flags))
        case "#": while pos < text.count, text[pos] != ")" { pos += 1 }; pos += 1
        case "<", "P":
            if c == "P" { guard pos < text.count, text[pos] == "<" else { throw error("unknown regex cluster modifier") }; pos += 1 }
            if c == "<", pos < text.count, text[pos] == "=" || text[pos] == "!" {
                pos += 1
                stack.append(Group(kind: sym(text[pos - 1] == "=" ? "look-behind" : "neg-look-behind"), flags: flags))
                return
            }
            var name = String.UnicodeScalarView()
            while pos < text.count, text[pos] != ">" { name.append(text[pos]); pos += 1 }
            guard pos < text.count, !name.isEmpty else { throw error("unterminated named submatch in regexp") }
            pos += 1
            var g = Group(kind: sym("submatch-named"), flags: flags)
            g.name = sym(String(name))
            stack.append(g)
        default:
            // (?imsx-imsx) or (?imsx-imsx: … )
            pos -= 1
            var on = true, nocase: Bool? = nil
            while pos < text.count, text[pos] != ")" && text[pos] != ":" {
                switch text[pos] {
                case "-": on = false
                case "i": nocase = on; if on { flags.insert(.caseInsensitive) } else { flags.remove(.caseInsensitive) }
                case "m": if on { flags.insert(.multiLine) } else { flags.remove(.multiLine) }
                case "s": if on { flags.insert(.singleLine) } else { flags.remove(.singleLine) }
                case "x": if on { flags.insert(.extended) } else { flags.remove(.extended) }
                case "u": break
                default: throw error("unknown regex cluster modifier")
                }
                pos += 1
            }
            guard pos < text.count else { throw error("unterminated parenthesis in regexp") }
            pos += 1
            if text[pos - 1] == ":" {
                let kind: Value? = nocase.map { sym($0 ? "w/nocase" : "w/case") }
                stack.append(Group(kind: kind, flags: flags))
            } else {
                stack[stack.count - 1].flags = flags
                if nocase == true, stack[stack.count - 1].nocaseFrom == nil {
                    stack[stack.count - 1].nocaseFrom = stack[stack.count - 1].items.count
                }
            }
        }
    }

    /// Applies a quantifier (and a following `?`, non-greedy) to the previous item.
    private mutating func quantify(_ bounds: (Int, Int?)) throws {
        guard let last = stack[stack.count - 1].items.popLast() else {
            throw error("nothing to repeat in regexp")
        }
        if bounds.1 == nil, RegexSyntax.matchesEmpty(last) {
            // irregex refuses these (`()*`, `a**`, `(a|)*`): they would repeat nothing.
            throw error("can't repeat empty pattern (e.g. ()*)")
        }
        var lazy = false
        if pos < text.count, text[pos] == "?" { lazy = true; pos += 1 }
        else if pos < text.count, text[pos] == "+" { pos += 1 }  // possessive: read as greedy
        let item: Value
        switch (bounds.0, bounds.1, lazy) {
        case (0, nil, false): item = list([sym("*"), last])
        case (1, nil, false): item = list([sym("+"), last])
        case (0, 1?, false): item = list([sym("?"), last])
        case (0, nil, true): item = list([sym("*?"), last])
        case (0, 1?, true): item = list([sym("??"), last])
        case (let n, let m?, false) where n == m: item = list([sym("="), .fixnum(n), last])
        case (let n, nil, false): item = list([sym(">="), .fixnum(n), last])
        case (let n, let m, _):
            item = list([sym(lazy ? "**?" : "**"), .fixnum(n), m.map { .fixnum($0) } ?? .false, last])
        }
        append(item)
    }

    /// `{n}`, `{n,}`, `{n,m}` after the `{`; nil (and nothing consumed) if it is not one.
    private mutating func braces() throws -> (Int, Int?)? {
        var k = pos
        var parts: [String] = [""]
        while k < text.count, text[k] != "}" {
            let d = text[k]
            if d == "," { parts.append("") } else if d.properties.numericType == .decimal && d.isASCII { parts[parts.count - 1].unicodeScalars.append(d) } else { return nil }
            k += 1
        }
        guard k < text.count, parts.count <= 2 else { return nil }
        guard let low = Int(parts[0]), low <= 65535 else { throw error("invalid {n} repetition syntax") }
        pos = k + 1
        if parts.count == 1 { return (low, low) }
        if parts[1].isEmpty { return (low, nil) }
        guard let high = Int(parts[1]), high <= 65535 else { throw error("invalid {n} repetition syntax") }
        return (low, high)
    }

    private mutating func escape() throws {
        guard pos < text.count else { throw error("bad escape at end of regexp") }
        let c = text[pos]
        pos += 1
        switch c {
        case "d": append(sym("numeric"))
        case "D": append(list([sym("~"), sym("numeric")]))
        case "w": append(list([sym("or"), sym("alphanumeric"), list([.string(MString("_"))])]))
        case "W": append(list([sym("~"), list([sym("or"), sym("alphanumeric"), list([.string(MString("_"))])])]))
        case "s": append(sym("space"))
        case "S": append(list([sym("~"), sym("space")]))
        case "b": append(list([sym("or"), sym("bow"), sym("eow")]))
        case "B": append(sym("nwb"))
        case "A": append(sym("bos"))
        case "z": append(sym("eos"))
        case "Z": append(list([sym("?"), .char("\n")])); append(sym("eos"))
        case "1"..."9":
            var n = Int(c.value - 48)
            while pos < text.count, text[pos].isASCII, text[pos].properties.numericType == .decimal, n < 1000 {
                n = n * 10 + Int(text[pos].value - 48); pos += 1
            }
            append(list([sym("backref"), .fixnum(n)]))
        case "k":
            guard pos < text.count, text[pos] == "<" else { append(.char("k")); return }
            var name = String.UnicodeScalarView()
            pos += 1
            while pos < text.count, text[pos] != ">" { name.append(text[pos]); pos += 1 }
            pos += 1
            append(list([sym("backref"), sym(String(name))]))
        case "Q":
            while pos < text.count {
                if text[pos] == "\\", pos + 1 < text.count, text[pos + 1] == "E" { pos += 2; break }
                append(.char(text[pos])); pos += 1
            }
        default: append(.char(try escapedChar(c)))
        }
    }

    /// The character an escape outside `\d`-style classes stands for (`\n`, `\x41`, `\.`).
    private mutating func escapedChar(_ c: Unicode.Scalar) throws -> Unicode.Scalar {
        switch c {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "f": return "\u{0C}"
        case "e": return "\u{1B}"
        case "a": return "\u{07}"
        case "x":
            var hex = ""
            if pos < text.count, text[pos] == "{" {
                pos += 1
                while pos < text.count, text[pos] != "}" { hex.unicodeScalars.append(text[pos]); pos += 1 }
                pos += 1
            } else {
                while pos < text.count, hex.count < 2, text[pos].properties.isASCIIHexDigit { hex.unicodeScalars.append(text[pos]); pos += 1 }
            }
            guard let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) else { throw error("invalid \\x escape in regexp") }
            return s
        default: return c
        }
    }

    /// `[...]` after the `[`: a set as an SRE (`(~ …)` when negated).
    private mutating func charClass() throws -> Value {
        var negated = false
        if pos < text.count, text[pos] == "^" { negated = true; pos += 1 }
        var parts: [Value] = []
        var chars: [Unicode.Scalar] = []
        var first = true
        while true {
            guard pos < text.count else { throw error("unterminated character class in regexp") }
            var c = text[pos]
            pos += 1
            if c == "]" && !first { break }
            first = false
            if c == "[", pos < text.count, text[pos] == ":" {
                guard let end = (pos..<text.count).first(where: { text[$0] == "]" && text[$0 - 1] == ":" }) else {
                    throw error("unterminated character class in regexp")
                }
                var name = String.UnicodeScalarView(); name.append(contentsOf: text[(pos + 1)..<(end - 1)])
                guard CharSet.named(String(name)) != nil else { throw error("unknown POSIX class in regexp") }
                parts.append(sym(String(name)))
                pos = end + 1
                continue
            }
            if c == "\\" {
                guard pos < text.count else { throw error("unterminated character class in regexp") }
                let e = text[pos]; pos += 1
                switch e {
                case "d": parts.append(sym("numeric")); continue
                case "w": parts.append(sym("alphanumeric")); chars.append("_"); continue
                case "s": parts.append(sym("space")); continue
                case "D", "W", "S":
                    let base: Value = e == "D" ? sym("numeric") : e == "S" ? sym("space")
                        : list([sym("or"), sym("alphanumeric"), list([.string(MString("_"))])])
                    parts.append(list([sym("~"), base])); continue
                default: c = try escapedChar(e)
                }
            }
            if pos + 1 < text.count, text[pos] == "-", text[pos + 1] != "]" {
                pos += 1
                var high = text[pos]; pos += 1
                if high == "\\", pos < text.count { high = try escapedChar(text[pos]); pos += 1 }
                guard high.value >= c.value else { throw error("invalid character range in regexp") }
                parts.append(list([sym("/"), .char(c), .char(high)]))
            } else {
                chars.append(c)
            }
        }
        if !chars.isEmpty { parts.insert(list([.string(MString(chars))]), at: 0) }
        let set: Value = parts.count == 1 ? parts[0] : list([sym("or")] + parts)
        return negated ? list([sym("~"), set]) : set
    }

    /// Whether `sre` (as this parser writes them) can match the empty string. Nesting deeper
    /// than the translator accepts counts as not: that SRE is refused there anyway.
    static func matchesEmpty(_ sre: Value, depth: Int = 0) -> Bool {
        if depth > SRETranslator.maxDepth { return false }
        switch sre {
        case .string(let s): return s.count == 0
        case .symbol(let s):
            return ["bos", "eos", "bol", "eol", "bow", "eow", "nwb", "epsilon"].contains(s.name)
        case .pair(let p):
            guard case .symbol(let op) = p.car else { return false }
            let args = p.cdr.listToArray() ?? []
            func all(_ items: ArraySlice<Value>) -> Bool { items.allSatisfy { matchesEmpty($0, depth: depth + 1) } }
            switch op.name {
            case "seq", ":", "submatch", "atomic", "w/nocase", "w/case": return all(args[...])
            case "submatch-named": return all(args.dropFirst())
            case "or": return args.contains { matchesEmpty($0, depth: depth + 1) }
            case "*", "?", "*?", "??", "look-ahead", "neg-look-ahead", "look-behind", "neg-look-behind", "backref": return true
            case "+": return all(args[...])
            case "=", ">=": if case .fixnum(0)? = args.first { return true }; return all(args.dropFirst())
            case "**", "**?": if case .fixnum(0)? = args.first { return true }; return all(args.dropFirst(2))
            default: return false
            }
        default: return false
        }
    }

    /// Adjacent characters become one string, as irregex reads them: `(seq "GET" …)` rather
    /// than `(seq #\G #\E #\T …)` (a repeated character stays a character: `(* #\a)`).
    static func mergeStrings(_ items: [Value]) -> [Value] {
        var out: [Value] = []
        var run: [Unicode.Scalar] = []
        func flush() {
            if !run.isEmpty { out.append(.string(MString(run))) }
            run = []
        }
        for item in items {
            if case .char(let c) = item { run.append(c) } else { flush(); out.append(item) }
        }
        flush()
        return out
    }
}
