/// Characters, strings and symbols (R7RS core; CHICKEN's string utilities come with the
/// standard-library issue).
extension Interpreter {
    func charPrimitives() -> [Primitive] {
        func charCompare(_ name: String, fold: Bool, _ test: @escaping (UInt32, UInt32) -> Bool) -> Primitive {
            prim(name, Signature(.char, rest: .char)) { args in
                var ok = true
                for i in 1..<max(args.count, 1) {
                    var a = try args.char(i - 1), b = try args.char(i)
                    if fold { (a, b) = (Interpreter.foldChar(a), Interpreter.foldChar(b)) }
                    if !test(a.value, b.value) { ok = false }
                }
                return .bool(ok)
            }
        }
        func charPredicate(_ name: String, _ f: @escaping (Unicode.Scalar) -> Bool) -> Primitive {
            prim(name, Signature(.char)) { args in .bool(f(try args.char(0))) }
        }
        func charMap(_ name: String, _ f: @escaping (Unicode.Scalar) -> Unicode.Scalar) -> Primitive {
            prim(name, Signature(.char)) { args in .char(f(try args.char(0))) }
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
            prim("char->integer", Signature(.char)) { args in .fixnum(Int(try args.char(0).value)) },
            prim("integer->char", Signature(.fixnum)) { args in
                guard let u = UInt32(exactly: try args.int(0)), let c = Unicode.Scalar(u) else { throw SchemeError.outOfRange([args[0]]) }
                return .char(c)
            },
            charMap("char-upcase", Interpreter.upcase),
            charMap("char-downcase", Interpreter.foldChar),
            charMap("char-foldcase", Interpreter.foldChar),
            prim("digit-value", Signature(.char)) { args in
                let c = try args.char(0)
                guard c.properties.numericType == .decimal, let d = c.properties.numericValue else { return .false }
                return .fixnum(Int(d))
            },
        ]
    }

    // ASCII is mapped directly: the Unicode mappings build a String per character (about
    // 40 times the cost, `string-upcase` and `char-upcase` over text are mostly ASCII).
    static func foldChar(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c.value < 128 { return c.value &- 65 < 26 ? Unicode.Scalar(UInt8(c.value | 0x20)) : c }
        let m = c.properties.lowercaseMapping.unicodeScalars
        return m.count == 1 ? m.first ?? c : c
    }

    static func upcase(_ c: Unicode.Scalar) -> Unicode.Scalar {
        if c.value < 128 { return c.value &- 97 < 26 ? Unicode.Scalar(UInt8(c.value & ~0x20)) : c }
        let m = c.properties.uppercaseMapping.unicodeScalars
        return m.count == 1 ? m.first ?? c : c
    }

    func stringPrimitives() -> [Primitive] {
        // CHICKEN's `string=?` and `string-ci=?` are inlined accessors: their message is terse.
        func stringCompare(_ name: String, fold: Bool, _ test: @escaping (Int) -> Bool) -> Primitive {
            prim(name, Signature(.string, rest: .string, terse: name == "string=?" || name == "string-ci=?")) { args in
                var ok = true
                var prev = try args.string(0)
                for i in 1..<max(args.count, 1) {
                    let cur = try args.string(i)
                    if !test(prev.compare(to: cur, folded: fold)) { ok = false }
                    prev = cur
                }
                return .bool(ok)
            }
        }
        let sliceArgs = Signature(.string, optional: [.fixnum, .fixnum])
        return [
            prim("string?") { v in if case .string = v { return .true }; return .false },
            prim("make-string", Signature(.fixnum, optional: [.char])) { args in
                let n = try args.size(0)
                return .string(MString(repeating: args.count > 1 ? try args.char(1) : " ", count: n))
            },
            prim("string", Signature(rest: .char)) { args in
                .string(MString(try (0..<args.count).map { try args.char($0) }))
            },
            prim("string-length", Signature(.string, terse: true)) { args in .fixnum(try args.string(0).count) },
            prim("string-ref", Signature(.string, .fixnum, terse: true)) { args in
                let str = try args.string(0)
                return .char(str[try args.index(1, below: str.count, of: args[0])])
            },
            prim("string-set!", Signature(.string, .fixnum, .char, terse: true)) { args in
                let str = try args.string(0)
                str[try args.index(1, below: str.count, of: args[0])] = try args.char(2)
                return .unspecified
            },
            prim("substring", Signature(.string, .fixnum, optional: [.fixnum])) { args in
                let s = try args.string(0)
                let (a, b) = try args.range(from: 1, count: s.count)
                return .string(s.slice(a, b))
            },
            prim("string-append", Signature(rest: .string)) { args in
                // The common case, all ASCII: one pass to size, one to copy, no temporaries.
                // The signature admitted only strings, so the slots are read in place (they keep
                // the strings) instead of being checked again in each pass: a line server
                // appends on every request.
                var total = 0
                var ascii = true
                for i in 0..<args.count {
                    guard let s = Value.unretainedString(at: args.base + i) else { throw SchemeError.badArgument(args[i], .string) }
                    s._withUnsafeGuaranteedRef {
                        total += $0.count
                        if !$0.isASCII { ascii = false }
                    }
                }
                if ascii {
                    return .string(MString(asciiCount: total) { out in
                        var at = 0
                        for i in 0..<args.count {
                            // Checked above: every slot holds a string.
                            if let s = Value.unretainedString(at: args.base + i) {
                                at += s._withUnsafeGuaranteedRef { $0.copyASCII(into: out, at: at) }
                            }
                        }
                    })
                }
                return .string(MString.concatenate(try (0..<args.count).map { try args.string($0) }))
            },
            prim("string-copy", sliceArgs) { args in
                let s = try args.string(0)
                let (a, b) = try args.range(from: 1, count: s.count)
                return .string(s.slice(a, b))
            },
            prim("string-copy!", Signature(.string, .fixnum, .string, optional: [.fixnum, .fixnum])) { args in
                let to = try args.string(0), at = try args.int(1), from = try args.string(2)
                let (a, b) = try args.range(from: 3, count: from.count)
                guard at >= 0, at <= to.count - (b - a) else { throw SchemeError.outOfRange([args[1]]) }
                to.copy(from: from, a, b, at: at)
                return .unspecified
            },
            prim("string-fill!", Signature(.string, .char, optional: [.fixnum, .fixnum])) { args in
                let s = try args.string(0)
                let (a, b) = try args.range(from: 2, count: s.count)
                s.fill(try args.char(1), a, b)
                return .unspecified
            },
            prim("string->list", sliceArgs) { args in
                let s = try args.string(0)
                let (a, b) = try args.range(from: 1, count: s.count)
                // Built from the end straight into pooled pairs: no arrays in between.
                var list: Value = .null
                for i in stride(from: b - 1, through: a, by: -1) { list = Value.cons(.char(s[i]), list) }
                return list
            },
            prim("list->string", Signature(.any)) { args in
                // The list is read in place (see BorrowedList), measured first: a circular
                // one is refused as before.
                try withUnsafePointer(to: args[0]) { list in
                    guard let n = BorrowedList.properLength(list) else { throw SchemeError.badArgument(args[0], .list) }
                    var ascii = true
                    try BorrowedList.forEachElement(of: list) { slot in
                        guard case .char(let c) = slot.pointee else { throw SchemeError.badArgument(slot.pointee, .char) }
                        if c.value >= 128 { ascii = false }
                    }
                    if ascii {
                        return .string(MString(asciiCount: n) { out in
                            var k = 0
                            BorrowedList.forEachElement(of: list) { slot in
                                if case .char(let c) = slot.pointee { out[k] = UInt8(truncatingIfNeeded: c.value) }
                                k += 1
                            }
                        })
                    }
                    var chars: [Unicode.Scalar] = []
                    chars.reserveCapacity(n)
                    BorrowedList.forEachElement(of: list) { slot in if case .char(let c) = slot.pointee { chars.append(c) } }
                    return .string(MString(chars))
                }
            },
            prim("string->symbol", Signature(.string)) { [unowned(unsafe) self] args in
                .symbol(self.symbols.intern(try args.string(0).string))
            },
            prim("symbol->string", Signature(.symbol)) { args in .string(try args.symbol(0).nameString()) },
            // CHICKEN 5's keywords are not symbols, though they share the representation.
            prim("symbol?") { v in if case .symbol(let s) = v { return .bool(!s.isKeyword) }; return .false },
            prim("keyword?") { v in if case .symbol(let s) = v { return .bool(s.isKeyword) }; return .false },
            prim("keyword->string", Signature(.keyword)) { args in .string(MString(try args.symbol(0).name)) },
            prim("string->keyword", Signature(.string)) { [unowned(unsafe) self] args in
                .symbol(self.symbols.keyword(try args.string(0).string))
            },
            prim("symbol=?", Signature(.symbol, rest: .symbol)) { args in
                let first = try args.symbol(0)
                for i in 1..<args.count where try args.symbol(i) !== first { return .false }
                return .true
            },
            prim("symbol-append", Signature(rest: .symbol)) { [unowned(unsafe) self] args in
                .symbol(self.symbols.intern(try (0..<args.count).map { try args.symbol($0).name }.joined()))
            },
            prim("string-upcase", Signature(.string)) { args in .string(MString(try args.string(0).chars.map(Interpreter.upcase))) },
            prim("string-downcase", Signature(.string)) { args in .string(MString(try args.string(0).chars.map(Interpreter.foldChar))) },
            prim("string-foldcase", Signature(.string)) { args in .string(MString(try args.string(0).chars.map(Interpreter.foldChar))) },
            stringCompare("string=?", fold: false) { $0 == 0 }, stringCompare("string<?", fold: false) { $0 < 0 },
            stringCompare("string>?", fold: false) { $0 > 0 }, stringCompare("string<=?", fold: false) { $0 <= 0 },
            stringCompare("string>=?", fold: false) { $0 >= 0 },
            stringCompare("string-ci=?", fold: true) { $0 == 0 }, stringCompare("string-ci<?", fold: true) { $0 < 0 },
            stringCompare("string-ci>?", fold: true) { $0 > 0 }, stringCompare("string-ci<=?", fold: true) { $0 <= 0 },
            stringCompare("string-ci>=?", fold: true) { $0 >= 0 },
            prim("string->utf8", sliceArgs) { args in
                let s = try args.string(0)
                let (a, b) = try args.range(from: 1, count: s.count)
                return .object(Bytevector(Array(s.slice(a, b).string.utf8)))
            },
            prim("utf8->string", Signature(.bytevector, optional: [.fixnum, .fixnum])) { args in
                let bv = try args.bytevector(0)
                let (a, b) = try args.range(from: 1, count: bv.bytes.count)
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
