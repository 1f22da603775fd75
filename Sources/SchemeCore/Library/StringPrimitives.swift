/// Characters, strings and symbols (R7RS core; CHICKEN's string utilities come with the
/// standard-library issue).
extension Interpreter {
    func charPrimitives() -> [Primitive] {
        func charCompare(_ name: String, fold: Bool, _ test: @escaping (UInt32, UInt32) -> Bool) -> Primitive {
            prim(name, .atLeast(1)) { args in
                var prev = try Check.char(args[0], name)
                var ok = true
                for i in 1..<max(args.count, 1) {
                    let c = try Check.char(args[i], name)
                    let a = fold ? Interpreter.foldChar(prev) : prev, b = fold ? Interpreter.foldChar(c) : c
                    if !test(a.value, b.value) { ok = false }
                    prev = c
                }
                return .bool(ok)
            }
        }
        func charPredicate(_ name: String, _ f: @escaping (Unicode.Scalar) -> Bool) -> Primitive {
            prim(name) { v in .bool(f(try Check.char(v, name))) }
        }
        return [
            prim("char?") { v in if case .char = v { return .true }; return .false },
            charCompare("char=?", fold: false, ==), charCompare("char<?", fold: false, <),
            charCompare("char>?", fold: false, >), charCompare("char<=?", fold: false, <=),
            charCompare("char>=?", fold: false, >=),
            charCompare("char-ci=?", fold: true, ==), charCompare("char-ci<?", fold: true, <),
            charCompare("char-ci>?", fold: true, >), charCompare("char-ci<=?", fold: true, <=),
            charCompare("char-ci>=?", fold: true, >=),
            charPredicate("char-alphabetic?") { $0.properties.isAlphabetic },
            charPredicate("char-numeric?") { $0.properties.numericType == .decimal },
            charPredicate("char-whitespace?") { $0.properties.isWhitespace },
            charPredicate("char-upper-case?") { $0.properties.isUppercase },
            charPredicate("char-lower-case?") { $0.properties.isLowercase },
            prim("char->integer") { v in .fixnum(Int(try Check.char(v, "char->integer").value)) },
            prim("integer->char") { v in
                let i = try Check.int(v, "integer->char")
                guard let u = UInt32(exactly: i), let c = Unicode.Scalar(u) else { throw SchemeError.bounds("integer->char", [v]) }
                return .char(c)
            },
            prim("char-upcase") { v in .char(Interpreter.upcase(try Check.char(v, "char-upcase"))) },
            prim("char-downcase") { v in .char(Interpreter.foldChar(try Check.char(v, "char-downcase"))) },
            prim("char-foldcase") { v in .char(Interpreter.foldChar(try Check.char(v, "char-foldcase"))) },
            prim("digit-value") { v in
                let c = try Check.char(v, "digit-value")
                guard c.properties.numericType == .decimal, let d = c.properties.numericValue else { return .false }
                return .fixnum(Int(d))
            },
        ]
    }

    static func foldChar(_ c: Unicode.Scalar) -> Unicode.Scalar {
        let m = c.properties.lowercaseMapping.unicodeScalars
        return m.count == 1 ? m.first! : c
    }

    static func upcase(_ c: Unicode.Scalar) -> Unicode.Scalar {
        let m = c.properties.uppercaseMapping.unicodeScalars
        return m.count == 1 ? m.first! : c
    }

    func stringPrimitives() -> [Primitive] {
        func stringCompare(_ name: String, fold: Bool, _ test: @escaping (Int) -> Bool) -> Primitive {
            prim(name, .atLeast(1)) { args in
                var ok = true
                var prev = try Check.string(args[0], name).chars
                if fold { prev = prev.map(Interpreter.foldChar) }
                for i in 1..<max(args.count, 1) {
                    var cur = try Check.string(args[i], name).chars
                    if fold { cur = cur.map(Interpreter.foldChar) }
                    if !test(Interpreter.compareScalars(prev, cur)) { ok = false }
                    prev = cur
                }
                return .bool(ok)
            }
        }
        return [
            prim("string?") { v in if case .string = v { return .true }; return .false },
            prim("make-string", .range(1, 2)) { args in
                let n = try Check.size(args[0], "make-string")
                let c = args.count > 1 ? try Check.char(args[1], "make-string") : " "
                return .string(MString(repeating: c, count: n))
            },
            prim("string", .atLeast(0)) { args in
                var chars: [Unicode.Scalar] = []
                for i in 0..<args.count { chars.append(try Check.char(args[i], "string")) }
                return .string(MString(chars))
            },
            prim("string-length") { v in .fixnum(try Check.string(v, "string-length").count) },
            prim("string-ref") { s, k in
                let str = try Check.string(s, "string-ref")
                return .char(str[try Check.index(k, str.count, "string-ref", s)])
            },
            prim("string-set!") { s, k, c in
                let str = try Check.string(s, "string-set!")
                let ch = try Check.char(c, "string-set!")
                str[try Check.index(k, str.count, "string-set!", s)] = ch
                return .unspecified
            },
            prim("substring", .range(2, 3)) { args in
                let s = try Check.string(args[0], "substring")
                let (a, b) = try Check.range(args, from: 1, count: s.count, "substring")
                return .string(s.slice(a, b))
            },
            prim("string-append", .atLeast(0)) { args in
                // The common case, all ASCII: one pass to size, one to copy, no temporaries.
                var total = 0
                var ascii = true
                for i in 0..<args.count {
                    guard case .string(let s) = args[i] else { throw SchemeError.typeMsg("string-append", "bad argument type - not a string", args[i]) }
                    total += s.count
                    if !s.isASCII { ascii = false }
                }
                if ascii {
                    var out: [UInt8] = []
                    out.reserveCapacity(total)
                    for i in 0..<args.count { if case .string(let s) = args[i] { s.appendUTF8(to: &out) } }
                    return .string(MString(ascii: out))
                }
                var parts: [MString] = []
                parts.reserveCapacity(args.count)
                for i in 0..<args.count { parts.append(try Check.string(args[i], "string-append")) }
                return .string(MString.concatenate(parts))
            },
            prim("string-copy", .range(1, 3)) { args in
                let s = try Check.string(args[0], "string-copy")
                let (a, b) = try Check.range(args, from: 1, count: s.count, "string-copy")
                return .string(s.slice(a, b))
            },
            prim("string-copy!", .range(3, 5)) { args in
                let to = try Check.string(args[0], "string-copy!")
                let at = try Check.int(args[1], "string-copy!")
                let from = try Check.string(args[2], "string-copy!")
                let (a, b) = try Check.range(args, from: 3, count: from.count, "string-copy!")
                guard at >= 0, at + (b - a) <= to.count else { throw SchemeError.bounds("string-copy!", [args[1]]) }
                to.copy(from: from, a, b, at: at)
                return .unspecified
            },
            prim("string-fill!", .range(2, 4)) { args in
                let s = try Check.string(args[0], "string-fill!")
                let c = try Check.char(args[1], "string-fill!")
                let (a, b) = try Check.range(args, from: 2, count: s.count, "string-fill!")
                s.fill(c, a, b)
                return .unspecified
            },
            prim("string->list", .range(1, 3)) { args in
                let s = try Check.string(args[0], "string->list")
                let (a, b) = try Check.range(args, from: 1, count: s.count, "string->list")
                return Value.list(s.scalars(a, b).map { .char($0) })
            },
            prim("list->string") { v in
                var chars: [Unicode.Scalar] = []
                for item in try Check.list(v, "list->string") { chars.append(try Check.char(item, "list->string")) }
                return .string(MString(chars))
            },
            prim("string->symbol") { [unowned(unsafe) self] v in .symbol(self.symbols.intern(try Check.string(v, "string->symbol").string)) },
            prim("symbol->string") { v in .string(try Check.symbol(v, "symbol->string").nameString()) },
            prim("symbol?") { v in .bool(v.isSymbol) },
            prim("keyword?") { v in if case .symbol(let s) = v { return .bool(s.isKeyword) }; return .false },
            prim("keyword->string") { v in
                guard case .symbol(let s) = v, s.isKeyword else { throw SchemeError.type("keyword->string", v) }
                return .string(MString(s.name))
            },
            prim("string->keyword") { [unowned(unsafe) self] v in
                .symbol(self.symbols.keyword(try Check.string(v, "string->keyword").string))
            },
            prim("symbol=?", .atLeast(1)) { args in
                let first = try Check.symbol(args[0], "symbol=?")
                for i in 1..<args.count where try Check.symbol(args[i], "symbol=?") !== first { return .false }
                return .true
            },
            prim("symbol-append", .atLeast(0)) { [unowned(unsafe) self] args in
                var name = ""
                for i in 0..<args.count { name += try Check.symbol(args[i], "symbol-append").name }
                return .symbol(self.symbols.intern(name))
            },
            prim("string-upcase") { v in .string(MString(try Check.string(v, "string-upcase").chars.map(Interpreter.upcase))) },
            prim("string-downcase") { v in .string(MString(try Check.string(v, "string-downcase").chars.map(Interpreter.foldChar))) },
            prim("string-foldcase") { v in .string(MString(try Check.string(v, "string-foldcase").chars.map(Interpreter.foldChar))) },
            stringCompare("string=?", fold: false) { $0 == 0 }, stringCompare("string<?", fold: false) { $0 < 0 },
            stringCompare("string>?", fold: false) { $0 > 0 }, stringCompare("string<=?", fold: false) { $0 <= 0 },
            stringCompare("string>=?", fold: false) { $0 >= 0 },
            stringCompare("string-ci=?", fold: true) { $0 == 0 }, stringCompare("string-ci<?", fold: true) { $0 < 0 },
            stringCompare("string-ci>?", fold: true) { $0 > 0 }, stringCompare("string-ci<=?", fold: true) { $0 <= 0 },
            stringCompare("string-ci>=?", fold: true) { $0 >= 0 },
            prim("string->utf8", .range(1, 3)) { args in
                let s = try Check.string(args[0], "string->utf8")
                let (a, b) = try Check.range(args, from: 1, count: s.count, "string->utf8")
                return .object(Bytevector(Array(s.slice(a, b).string.utf8)))
            },
            prim("utf8->string", .range(1, 3)) { args in
                let bv = try Check.bytevector(args[0], "utf8->string")
                let (a, b) = try Check.range(args, from: 1, count: bv.bytes.count, "utf8->string")
                return .string(MString(String(decoding: bv.bytes[a..<b], as: UTF8.self)))
            },
        ]
    }

    static func compareScalars(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        let n = min(a.count, b.count)
        for i in 0..<n where a[i] != b[i] { return a[i].value < b[i].value ? -1 : 1 }
        return a.count < b.count ? -1 : (a.count == b.count ? 0 : 1)
    }
}
