/// Writes an SRE (irregex's s-expression regex: `(: "GET " (submatch (+ (~ space))))`) as a
/// PCRE2 pattern. Submatches become numbered groups; their names stay here, since irregex
/// names may be any symbol and may repeat, which PCRE2 names may not.
///
/// SREs nest, so the translation recurses, but never deeper than `maxDepth`: PCRE2 refuses
/// more than 250 nested parentheses anyway, and a deeper SRE gets a clean error.
struct SRETranslator {
    /// The submatch names in the order their groups open.
    private(set) var names: [(name: Value, index: Int)] = []
    private(set) var submatches = 0
    /// An alternation of sequences: where Perl's first-alternative rule and irregex's
    /// leftmost-longest rule can give different extents.
    private(set) var alternates = false
    /// Lazy repetition, back references or look-around, which irregex matches by
    /// backtracking, as PCRE2 does.
    private(set) var backtracks = false
    private let symbols: SymbolTable
    private var depth = 0
    static let maxDepth = 200

    init(symbols: SymbolTable) { self.symbols = symbols }

    /// The pattern for `sre`.
    mutating func translate(_ sre: Value) throws -> String {
        depth += 1
        defer { depth -= 1 }
        if depth > SRETranslator.maxDepth { throw SchemeError.simple("regular expression nested too deeply", location: "irregex") }
        switch sre {
        case .string(let s): return SRETranslator.literal(s.chars)
        case .char(let c): return SRETranslator.literal([c])
        case .symbol(let s): return try symbol(s.name, sre)
        case .pair(let p):
            guard case .symbol(let op) = p.car else {
                // `("abc")`: a set of the string's characters.
                if case .string = p.car, case .null = p.cdr, let set = try charSet(sre) { return set.pattern }
                throw unknown(sre)
            }
            return try form(op.name, p.cdr.listToArray() ?? [], sre)
        default:
            throw unknown(sre)
        }
    }

    private mutating func symbol(_ name: String, _ sre: Value) throws -> String {
        switch name {
        case "bos": return "\\A"
        case "eos": return "\\z"
        // Multi-line anchors (compiled with PCRE2_ALT_CIRCUMFLEX, so `^` also matches after
        // a final newline, as irregex's bol does); PCRE2 optimizes a search for them.
        case "bol": return "(?m:^)"
        case "eol": return "(?m:$)"
        // irregex's word boundaries are between alphanumerics and the rest (`_` is not part
        // of a word there, unlike PCRE2's \b).
        case "bow": return SRETranslator.bow
        case "eow": return SRETranslator.eow
        case "nwb": return SRETranslator.nwb
        case "epsilon": return "(?:)"
        case "word": return try translate(parse("(: bow (+ (or alnum #\\_)) eow)"))
        default:
            if let set = CharSet.named(name) { return set.pattern }
            if let source = SRETranslator.utilities[name] { return try translate(parse(source)) }
            throw unknown(sre)
        }
    }

    /// What irregex counts as part of a word, and the boundaries around one.
    private static let wordChar = "[0-9A-Za-z]"
    private static let bow = "(?<!\(wordChar))(?=\(wordChar))"
    private static let eow = "(?<=\(wordChar))(?!\(wordChar))"
    private static let nwb = "(?:(?<=\(wordChar))(?=\(wordChar))|(?<!\(wordChar))(?!\(wordChar)))"

    private mutating func form(_ op: String, _ args: [Value], _ sre: Value) throws -> String {
        if ["look-ahead", "neg-look-ahead", "look-behind", "neg-look-behind", "atomic"].contains(op) { backtracks = true }
        switch op {
        case ":", "seq": return try sequence(args)
        case "or", "|":
            if args.isEmpty { return "(*FAIL)" }
            if let set = try? charSet(sre) { return set.pattern }
            if args.count > 1 { alternates = true }
            return "(?:" + (try args.map { try translate($0) }).joined(separator: "|") + ")"
        case "*", "+", "?", "*?", "??":
            if op.count == 2 { backtracks = true }
            let suffix = ["*": "*", "+": "+", "?": "?", "*?": "*?", "??": "??"][op] ?? ""
            return "(?:" + (try sequence(args)) + ")" + suffix
        case "=", ">=", "**", "**?":
            return try repeated(op, args, sre)
        case "submatch", "$":
            submatches += 1
            return "(" + (try sequence(args)) + ")"
        case "submatch-named", "=>":
            guard let name = args.first else { throw unknown(sre) }
            submatches += 1
            names.append((name, submatches))
            return "(" + (try sequence(Array(args.dropFirst()))) + ")"
        case "backref":
            backtracks = true
            return try backref(args, sre)
        case "look-ahead": return "(?=" + (try sequence(args)) + ")"
        case "neg-look-ahead": return "(?!" + (try sequence(args)) + ")"
        case "look-behind": return "(?<=" + (try sequence(args)) + ")"
        case "neg-look-behind": return "(?<!" + (try sequence(args)) + ")"
        case "atomic": return "(?>" + (try sequence(args)) + ")"
        case "w/nocase": return "(?i:" + (try sequence(args)) + ")"
        case "w/case": return "(?-i:" + (try sequence(args)) + ")"
        case "w/utf8", "w/noutf8": return try sequence(args)
        case "word": return SRETranslator.bow + (try sequence(args)) + SRETranslator.eow
        case "posix-string":
            guard args.count == 1, case .string(let s) = args[0] else { throw unknown(sre) }
            var syntax = RegexSyntax(s.string, flags: [], symbols: symbols)
            return try translate(syntax.parse())
        default:
            if let set = try charSet(sre) { return set.pattern }
            throw unknown(sre)
        }
    }

    private mutating func sequence(_ items: [Value]) throws -> String {
        try items.map { try translate($0) }.joined()
    }

    private mutating func repeated(_ op: String, _ args: [Value], _ sre: Value) throws -> String {
        func count(_ v: Value?) throws -> Int? {
            guard let v else { throw unknown(sre) }
            if case .fixnum(let n) = v, n >= 0, n <= 65535 { return n }
            if v.isFalse && (op == "**" || op == "**?") { return nil }
            throw SchemeError.simple("invalid repetition count in regular expression", [v], location: "irregex")
        }
        let low = try count(args.first) ?? 0
        switch op {
        case "=": return "(?:" + (try sequence(Array(args.dropFirst()))) + "){\(low)}"
        case ">=": return "(?:" + (try sequence(Array(args.dropFirst()))) + "){\(low),}"
        default:
            guard args.count >= 2 else { throw unknown(sre) }
            let high = try count(args[1])
            if let high, high < low { return "(*FAIL)" }
            let bounds = high.map { "{\(low),\($0)}" } ?? "{\(low),}"
            if op == "**?" { backtracks = true }
            return "(?:" + (try sequence(Array(args.dropFirst(2)))) + ")" + bounds + (op == "**?" ? "?" : "")
        }
    }

    private func backref(_ args: [Value], _ sre: Value) throws -> String {
        guard args.count == 1 else { throw unknown(sre) }
        if case .fixnum(let n) = args[0], n >= 1, n <= submatches { return "\\g{\(n)}" }
        if let group = names.last(where: { eqvValues($0.name, args[0]) }) { return "\\g{\(group.index)}" }
        throw SchemeError.simple("invalid back reference in regular expression", args, location: "irregex")
    }

    /// The set `sre` denotes, or nil if it is not a character set. `depth` counts the set
    /// operations around it: bounded as `translate`'s, since the SRE is a program's data.
    func charSet(_ sre: Value, depth: Int = 0) throws -> CharSet? {
        if depth > SRETranslator.maxDepth { throw SchemeError.simple("regular expression nested too deeply", location: "irregex") }
        switch sre {
        case .char(let c): return CharSet(chars: [c])
        case .string(let s): return s.count == 1 ? CharSet(chars: s.chars) : nil
        case .symbol(let s): return CharSet.named(s.name)
        case .pair(let p):
            let args = p.cdr.listToArray() ?? []
            if case .string(let s) = p.car, case .null = p.cdr { return CharSet(chars: s.chars) }
            guard case .symbol(let op) = p.car else { return nil }
            func sets(_ items: [Value]) throws -> [CharSet]? {
                var out: [CharSet] = []
                for item in items {
                    // In a set operation a string stands for its characters.
                    if case .string(let s) = item { out.append(CharSet(chars: s.chars)); continue }
                    guard let set = try charSet(item, depth: depth + 1) else { return nil }
                    out.append(set)
                }
                return out
            }
            switch op.name {
            case "/": return try rangeSet(args, sre)
            case "or", "|":
                // Here a string of several characters is a sequence, so not a set.
                var union = CharSet()
                for item in args {
                    guard let set = try charSet(item, depth: depth + 1) else { return nil }
                    union = union.union(set)
                }
                return union
            case "~": return try sets(args)?.reduce(CharSet()) { $0.union($1) }.complement
            case "-":
                guard let all = try sets(args), let first = all.first else { return nil }
                return all.dropFirst().reduce(first) { $0.subtracting($1) }
            case "&":
                guard let all = try sets(args), let first = all.first else { return nil }
                return all.dropFirst().reduce(first) { $0.intersection($1) }
            default: return nil
            }
        default: return nil
        }
    }

    /// `(/ #\a #\z "09")`: the characters taken two by two as inclusive ranges.
    private func rangeSet(_ args: [Value], _ sre: Value) throws -> CharSet {
        var chars: [Unicode.Scalar] = []
        for a in args {
            switch a {
            case .char(let c): chars.append(c)
            case .string(let s): chars += s.chars
            default: throw unknown(sre)
            }
        }
        guard chars.count % 2 == 0 else { throw SchemeError.simple("odd number of characters in range", [sre], location: "irregex") }
        var ranges: [ClosedRange<UInt32>] = []
        for i in stride(from: 0, to: chars.count, by: 2) {
            let (a, b) = (chars[i].value, chars[i + 1].value)
            ranges.append(min(a, b)...max(a, b))
        }
        return CharSet(ranges)
    }

    private static func literal(_ chars: [Unicode.Scalar]) -> String {
        var s = ""
        for c in chars {
            let v = c.value
            let alnum = (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
            if alnum { s.unicodeScalars.append(c) }
            else if v >= 33 && v < 127 { s += "\\"; s.unicodeScalars.append(c) }
            else { s += "\\x{" + String(v, radix: 16) + "}" }
        }
        return s
    }

    private func parse(_ source: String) throws -> Value {
        let reader = Reader(text: source, file: "<irregex>", symbols: symbols)
        reader.recordPositions = false
        return try reader.read() ?? .null
    }

    private func unknown(_ sre: Value) -> SchemeError {
        if case .pair = sre { return .simple("unknown sre operator", [sre], location: "irregex") }
        return .simple("unknown sre", [sre], location: "irregex")
    }

    /// irregex's named utility patterns (approximations of its definitions, checked against
    /// `csi` on typical inputs).
    static let utilities: [String: String] = [
        "newline": "(or (: (? #\\return) #\\newline) #\\return)",
        "integer": "(: (? (or #\\+ #\\-)) (+ numeric))",
        "real": "(: (? (or #\\+ #\\-)) (+ numeric) (? #\\. (* numeric)) (? (or #\\e #\\E) (? (or #\\+ #\\-)) (+ numeric)))",
        "string": "(: #\\\" (* (or (~ (\"\\\"\\\\\")) (: #\\\\ any))) #\\\")",
        "escape": "(: #\\\\ any)",
        "ipv4-digit": "(or (: \"25\" (/ \"05\")) (: #\\2 (/ \"04\") numeric) (: (/ \"01\") numeric numeric) (: numeric numeric) numeric)",
        "ipv4-address": "(: ipv4-digit (= 3 #\\. ipv4-digit))",
        "ipv6-address": "(: (** 0 4 hex-digit) (** 1 7 #\\: (** 0 4 hex-digit)))",
        "ip-address": "(or ipv4-address ipv6-address)",
        "domain-atom": "(+ (or alphanumeric #\\_ #\\-))",
        "domain": "(: domain-atom (+ #\\. domain-atom))",
        "email": "(: (+ (or alphanumeric #\\_ #\\- #\\. #\\+)) #\\@ domain)",
        "http-url": "(: (w/nocase \"http\" (? \"s\") \"://\") (or domain ipv4-address) (? #\\: (+ numeric)) (? #\\/ (* (or alphanumeric (\"-_.!~*'();/?:@&=+$,%#\")))))",
    ]
}
