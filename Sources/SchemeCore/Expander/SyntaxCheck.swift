/// CHICKEN's check of a form's shape (`##sys#check-syntax`): a malformed special form or
/// built-in macro use is refused in CHICKEN's words, `(if)` as "in `if' - pair expected".
///
/// A shape is a datum, written as CHICKEN writes them:
/// - `_` anything; `pair`, `variable`, `symbol`, `list` (a proper list), `number`, `string`,
///   `lambda-list`: a value of that kind; any other symbol: that keyword;
/// - an immediate (`()`, a fixnum, a character, a boolean): that very value;
/// - a pair: its car's shape and its cdr's shape;
/// - a vector `#(SHAPE MIN MAX)`: a proper list of MIN to MAX items of SHAPE (`#(SHAPE)`: at
///   most one, `#(SHAPE MIN)`: at least MIN).
///
/// The walk keeps its own work list (a shape nests as deep as a program writes it), and a
/// circular form is "not a proper list" rather than a walk without end.
enum SyntaxCheck {
    private enum Task {
        case walk(Value, Value)
        /// The items of a `#(…)` shape still to see, `seen` of them already seen.
        case items(Value, shape: Value, seen: Int, min: Int, max: Int)
    }

    /// Why `x` does not have `shape`, in CHICKEN's words, or nil when it does.
    static func violation(_ x: Value, _ shape: Value) -> String? {
        var work: [Task] = [.walk(x, shape)]
        while let task = work.popLast() {
            switch task {
            case .walk(let x, let shape):
                switch shape {
                case .vector(let v):
                    guard let (element, min, max) = repetition(v.items) else { return "incomplete form" }
                    if case .pair = x, withUnsafePointer(to: x, { BorrowedList.spine($0) }) == nil { return "not a proper list" }
                    work.append(.items(x, shape: element, seen: 0, min: min, max: max))
                case .symbol(let s):
                    if let problem = kindViolation(x, s.name) { return problem }
                case .pair(let p):
                    guard case .pair(let xp) = x else { return "pair expected" }
                    work.append(.walk(xp.cdr, p.cdr))
                    work.append(.walk(xp.car, p.car))
                case .null, .bool, .fixnum, .char, .eof, .unspecified, .defaultObject:
                    if !Value.eq(x, shape) { return "unexpected object" }
                default:
                    return "incomplete form"
                }
            case .items(let x, let element, let seen, let min, let max):
                if x.isNull {
                    if seen < min { return "not enough arguments" }
                    continue
                }
                if seen >= max { return "too many arguments" }
                guard case .pair(let p) = x else { return "not a proper list" }
                work.append(.items(p.cdr, shape: element, seen: seen + 1, min: min, max: max))
                work.append(.walk(p.car, element))
            }
        }
        return nil
    }

    /// The element shape and the bounds of a `#(SHAPE MIN MAX)` shape.
    private static func repetition(_ items: [Value]) -> (Value, Int, Int)? {
        guard let element = items.first else { return nil }
        var bounds: [Int] = []
        for b in items.dropFirst() {
            guard case .fixnum(let n) = b else { return nil }
            bounds.append(n)
        }
        switch bounds.count {
        case 0: return (element, 0, 1)
        case 1: return (element, bounds[0], Int.max)
        default: return (element, bounds[0], bounds[1])
        }
    }

    /// Why `x` is not of the kind a symbol shape names.
    private static func kindViolation(_ x: Value, _ kind: String) -> String? {
        switch kind {
        case "_": return nil
        case "pair": if case .pair = x { return nil }; return "pair expected"
        case "variable": return isIdentifier(x) ? nil : "identifier expected"
        case "symbol": return isIdentifier(x) ? nil : "symbol expected"
        case "list": return withUnsafePointer(to: x, { BorrowedList.properLength($0) }) != nil ? nil : "proper list expected"
        case "number": return x.isNumber ? nil : "number expected"
        case "string": if case .string = x { return nil }; return "string expected"
        case "lambda-list": return isLambdaList(x) ? nil : "lambda-list expected"
        default: return baseSymbol(x)?.name == kind ? nil : "missing keyword"
        }
    }

    /// CHICKEN's `lambda-list?`: identifiers in a proper or dotted list, or a lambda list
    /// with `#!optional`, `#!rest` or `#!key` (whose parts the lambda itself checks).
    static func isLambdaList(_ x: Value) -> Bool {
        guard let (count, end) = withUnsafePointer(to: x, { BorrowedList.spine($0) }) else { return false }
        var rest = x
        var extended = false, plain = true
        for _ in 0..<count {
            guard case .pair(let p) = rest else { break }
            if let name = baseSymbol(p.car)?.name, name.hasPrefix("#!") { extended = true } else if !isIdentifier(p.car) { plain = false }
            rest = p.cdr
        }
        return extended || (plain && (end.isNull || isIdentifier(end)))
    }

    /// Whether a shape is a finite tree (a program may hand `##sys#check-syntax` any datum).
    /// A depth-first walk: a pair met again while it is being walked is a cycle; one met
    /// again after (shared structure) is not walked twice.
    static func isFinite(_ shape: Value) -> Bool {
        var onPath = Set<ObjectIdentifier>(), done = Set<ObjectIdentifier>()
        var work: [(Value, leaving: Bool)] = [(shape, false)]
        while let (v, leaving) = work.popLast() {
            let id: ObjectIdentifier
            let children: [Value]
            switch v {
            case .pair(let p): id = ObjectIdentifier(p); children = [p.car, p.cdr]
            case .vector(let vec): id = ObjectIdentifier(vec); children = vec.items
            default: continue
            }
            if leaving { onPath.remove(id); done.insert(id); continue }
            if done.contains(id) { continue }
            guard onPath.insert(id).inserted else { return false }
            work.append((v, true))
            for c in children { work.append((c, false)) }
        }
        return true
    }

    /// The shapes of the special forms and built-in macros, by name, as CHICKEN checks them.
    /// (`define`, named `let` and `receive` take a second shape once the first says which
    /// kind of form it is: see their expansion.)
    static let builtin: [String: String] = [
        "quote": "(_ _)", "quasiquote": "(_ _)", "delay": "(_ _)", "delay-force": "(_ _)",
        "lambda": "(_ lambda-list . #(_ 1))", "named-lambda": "(_ (variable . lambda-list) . #(_ 1))",
        "if": "(_ _ _ . #(_))", "begin": "(_ . #(_ 0))", "begin-for-syntax": "(_ . #(_ 0))",
        "set!": "(_ _ _)", "define": "(_ . #(_ 1))", "define-syntax": "(_ variable _)",
        "define-constant": "(_ variable _)", "nth-value": "(_ _ _)",
        "let": "(_ #((variable _) 0) . #(_ 1))", "let*": "(_ #((variable _) 0) . #(_ 1))",
        "letrec": "(_ #((variable _) 0) . #(_ 1))", "letrec*": "(_ #((variable _) 0) . #(_ 1))",
        "let-syntax": "(_ #((variable _) 0) . #(_ 1))", "letrec-syntax": "(_ #((variable _) 0) . #(_ 1))",
        "do": "(_ #((variable _ . #(_)) 0) . #(_ 1))", "fluid-let": "(_ #((variable _) 0) . _)",
        "case": "(_ _ . #(_ 0))", "receive": "(_ _ . #(_ 0))",
        "when": "#(_ 2)", "unless": "#(_ 2)", "parameterize": "#(_ 2)",
        "define-values": "(_ lambda-list _)", "set!-values": "(_ lambda-list _)",
        "let-values": "(_ list . _)", "let*-values": "(_ list . _)", "letrec-values": "(_ list . _)",
        "and-let*": "(_ #(_ 0) . _)", "define-record-type": "(_ _ _ _ . _)", "define-record": "(_ variable . _)",
        "include": "(_ string . #(string 0))", "module": "(_ _ _ . #(_ 0))",
    ]
}

extension Expander {
    /// Refuses `x` (a form, or a part such as a `case` clause) unless it has the shape the
    /// table gives `name`, or `shape`: "during expansion of (if ...) - in `if' - pair
    /// expected: (if)", as CHICKEN says it.
    func checkShape(_ x: Value, _ name: String, _ shape: String? = nil) throws {
        guard let text = shape ?? SyntaxCheck.builtin[name] else { return }
        let datum: Value
        if let known = shapes[text] {
            datum = known
        } else {
            let reader = Reader(text: text, file: "<shape>", symbols: interp.symbols)
            guard let read = try reader.read() else { return }
            shapes[text] = read
            datum = read
        }
        if let problem = SyntaxCheck.violation(x, datum) {
            throw syntaxError("during expansion of (\(name) ...) - in `\(name)' - \(problem)", x)
        }
    }

    /// CHICKEN's words for a macro or special form used in a dotted or circular list.
    func checkProperForm(_ form: Value) throws {
        if withUnsafePointer(to: form, { BorrowedList.properLength($0) }) == nil {
            throw syntaxError("invalid syntax in macro form", form)
        }
    }
}

extension Expander {
    /// The checks CHICKEN makes of a use of built-in macro `name` before expanding it: the
    /// form's shape, then each clause of `cond` and `case`, and `receive`'s second shape.
    func checkBuiltinMacroUse(_ form: Value, _ name: String) throws {
        try checkShape(form, name)
        guard case .pair(let p) = form else { return }
        var clauses: Value?
        switch name {
        case "cond": clauses = p.cdr
        case "case": if case .pair(let rest) = p.cdr { clauses = rest.cdr }
        case "receive":
            if case .pair(let rest) = p.cdr, !rest.cdr.isNull { try checkShape(form, name, "(_ lambda-list _ . #(_ 1))") }
        default: break
        }
        while case .pair(let c)? = clauses {
            try checkShape(c.car, name, "#(_ 1)")
            clauses = c.cdr
        }
    }
}
