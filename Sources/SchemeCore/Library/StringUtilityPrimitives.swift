/// `(chicken string)` and srfi-13 searching and splitting, on the characters of `MString`s.
extension Interpreter {
    func stringUtilityPrimitives() -> [Primitive] {
        func chars(_ v: Value, _ loc: String) throws -> [Unicode.Scalar] { try Check.string(v, loc).chars }
        func str(_ c: ArraySlice<Unicode.Scalar>) -> Value { .string(MString(Array(c))) }
        /// The first index at or after `from` where `needle` occurs in `hay`.
        func find(_ needle: [Unicode.Scalar], in hay: [Unicode.Scalar], from: Int, fold: Bool) -> Int? {
            if needle.isEmpty { return from <= hay.count ? from : nil }
            guard hay.count >= needle.count, from <= hay.count - needle.count else { return nil }
            let n = fold ? needle.map(foldCase) : needle
            outer: for i in from...(hay.count - needle.count) {
                for k in 0..<n.count where (fold ? foldCase(hay[i + k]) : hay[i + k]) != n[k] { continue outer }
                return i
            }
            return nil
        }
        func foldCase(_ c: Unicode.Scalar) -> Unicode.Scalar {
            let lower = c.properties.lowercaseMapping.unicodeScalars
            return lower.count == 1 ? lower.first ?? c : c
        }
        func charTest(_ v: Value, _ loc: String) throws -> (Unicode.Scalar) -> Bool {
            switch v {
            case .char(let c): return { $0 == c }
            case .string(let s): let set = Set(s.chars); return { set.contains($0) }
            default: throw SchemeError.type(loc, v)
            }
        }
        /// srfi-13's `(string-contains s1 s2 [start1 end1 start2 end2])`: where in `s1` the span
        /// of `s2` first occurs within the span of `s1`, or `#f`.
        func contains(_ args: Arguments, fold: Bool, _ loc: String) throws -> Value {
            let hay = try chars(args[0], loc), needle = try chars(args[1], loc)
            let (a1, b1) = try Check.range(args, from: 2, count: hay.count, loc)
            let (a2, b2) = try Check.range(args, from: 4, count: needle.count, loc)
            let found = find(Array(needle[a2..<b2]), in: Array(hay[..<b1]), from: a1, fold: fold)
            return found.map { .fixnum($0) } ?? .false
        }
        /// srfi-13's `(string-prefix? s1 s2 [start1 end1 start2 end2])` and its kin: whether the
        /// span of `s1` begins (or ends) the span of `s2`.
        func affix(_ args: Arguments, suffix: Bool, fold: Bool, _ loc: String) throws -> Value {
            let p = try chars(args[0], loc), s = try chars(args[1], loc)
            let (a1, b1) = try Check.range(args, from: 2, count: p.count, loc)
            let (a2, b2) = try Check.range(args, from: 4, count: s.count, loc)
            let n = b1 - a1
            guard n <= b2 - a2 else { return .false }
            let at = suffix ? b2 - n : a2
            for k in 0..<n {
                let x = p[a1 + k], y = s[at + k]
                if fold ? foldCase(x) != foldCase(y) : x != y { return .false }
            }
            return .true
        }
        /// `(substring-index which where [start])`: start must lie within `where`, as in CHICKEN.
        func substringIndex(_ name: String, fold: Bool) -> Primitive {
            prim(name, Signature(.string, .string, optional: [.fixnum])) { args in
                let pattern = try args.string(0).chars, text = try args.string(1).chars
                let start = args.count > 2 ? try args.int(2) : 0
                guard start >= 0, start <= text.count else { throw SchemeError.outOfRange([args[2], .fixnum(text.count)]) }
                return find(pattern, in: text, from: start, fold: fold).map { .fixnum($0) } ?? .false
            }
        }
        return [
            prim("string-split", .range(1, 3)) { args in
                if let pieces = try Interpreter.splitASCII(args) { return pieces }
                let s = try chars(args[0], "string-split")
                let delims = Set(args.count > 1 ? try chars(args[1], "string-split") : [" ", "\t", "\n"])
                let keepEmpty = args.count > 2 && args[2].isTrue
                var out: [Value] = []
                var start = 0
                for (i, c) in s.enumerated() where delims.contains(c) {
                    if keepEmpty || i > start { out.append(str(s[start..<i])) }
                    start = i + 1
                }
                if keepEmpty || s.count > start { out.append(str(s[start...])) }
                return .list(out)
            },
            prim("string-intersperse", .range(1, 2)) { args in try Interpreter.intersperse(args) },
            prim("string-chop") { s, n in
                // As CHICKEN checks: the string, then the length (where csi loops forever on a
                // length below 1, this is an error).
                guard case .string(let str) = s else { throw SchemeError.typeMsg("string-chop", "bad argument type - not a string", s) }
                guard case .fixnum(let size) = n else { throw SchemeError.typeMsg("string-chop", "bad argument type - not a fixnum", n) }
                guard size > 0 else { throw SchemeError.exn(kinds: [], message: "invalid length", irritants: [n], location: "string-chop") }
                var pieces: [Value] = []
                var at = 0
                while at < str.count {
                    let end = str.count - at > size ? at + size : str.count
                    pieces.append(.string(str.slice(at, end)))
                    at = end
                }
                return .list(pieces)
            },
            prim("conc", .atLeast(0)) { [unowned(unsafe) self] args in
                // Strings, symbols, characters and numbers are joined here; anything else
                // (a list, a record with its own printer) is displayed by the prelude.
                guard let parts = Interpreter.concParts(args) else {
                    if let general = self.global("%conc/display") {
                        throw SchemeError.callInstead(procedure: general, arguments: args.array)
                    }
                    // Only if a program undefined the helper: no record printers then.
                    return .string(MString.concatenate(args.array.map { MString($0.displayed) }))
                }
                return .string(MString.concatenate(parts))
            },
            prim("string-translate*") { s, map in try Interpreter.translateAll(s, map) },
            prim("string-translate", .range(2, 3)) { args in
                let s = try chars(args[0], "string-translate")
                let from: [Unicode.Scalar]
                if case .char(let c) = args[1] { from = [c] } else { from = try chars(args[1], "string-translate") }
                var to: [Unicode.Scalar]? = nil
                if args.count > 2 {
                    if case .char(let c) = args[2] { to = [c] } else { to = try chars(args[2], "string-translate") }
                }
                var out: [Unicode.Scalar] = []
                for c in s {
                    if let i = from.firstIndex(of: c) {
                        if let to, i < to.count { out.append(to[i]) }
                    } else {
                        out.append(c)
                    }
                }
                return .string(MString(out))
            },
            prim("substring=?", .range(2, 5)) { args in .bool(try Interpreter.substringEqual(args, fold: false, "substring=?")) },
            prim("substring-ci=?", .range(2, 5)) { args in .bool(try Interpreter.substringEqual(args, fold: true, "substring-ci=?")) },
            substringIndex("substring-index", fold: false),
            substringIndex("substring-index-ci", fold: true),
            prim("string-contains", .range(2, 6)) { args in try contains(args, fold: false, "string-contains") },
            prim("string-contains-ci", .range(2, 6)) { args in try contains(args, fold: true, "string-contains-ci") },
            prim("string-prefix?", .range(2, 6)) { args in try affix(args, suffix: false, fold: false, "string-prefix?") },
            prim("string-suffix?", .range(2, 6)) { args in try affix(args, suffix: true, fold: false, "string-suffix?") },
            prim("string-prefix-ci?", .range(2, 6)) { args in try affix(args, suffix: false, fold: true, "string-prefix-ci?") },
            prim("string-suffix-ci?", .range(2, 6)) { args in try affix(args, suffix: true, fold: true, "string-suffix-ci?") },
            prim("string-index", .range(2, 4)) { [unowned(unsafe) self] args in
                try self.deferPredicate(args, to: "%string-index/pred")
                let s = try chars(args[0], "string-index")
                let test = try charTest(args[1], "string-index")
                let (a, b) = try Check.range(args, from: 2, count: s.count, "string-index")
                for i in a..<b where test(s[i]) { return .fixnum(i) }
                return .false
            },
            prim("string-rindex", .range(2, 4)) { [unowned(unsafe) self] args in
                try self.deferPredicate(args, to: "%string-rindex/pred")
                let s = try chars(args[0], "string-rindex")
                let test = try charTest(args[1], "string-rindex")
                let (a, b) = try Check.range(args, from: 2, count: s.count, "string-rindex")
                for i in (a..<b).reversed() where test(s[i]) { return .fixnum(i) }
                return .false
            },
        ]
    }

    /// A search whose test (the second argument) is a procedure is answered by the Scheme
    /// helper `helper` (srfi-13.scm), which calls the test on each character: a native loop
    /// cannot call back into Scheme.
    func deferPredicate(_ args: Arguments, to helper: String) throws {
        guard case .procedure = args[1], let h = global(helper) else { return }
        throw SchemeError.callInstead(procedure: h, arguments: args.array)
    }

    /// `string-split` of an ASCII string by ASCII delimiters, cut from its bytes in place
    /// (most lines a program splits are ASCII); nil for any other string or delimiters.
    static func splitASCII(_ args: Arguments) throws -> Value? {
        let s = try Check.string(args[0], "string-split")
        var delimiters: (UInt64, UInt64) = (1 << 32 | 1 << 9 | 1 << 10, 0)  // space, tab, newline
        if args.count > 1 {
            let d = try Check.string(args[1], "string-split")
            guard let set = d.withASCIIBytes({ bytes in
                bytes.reduce(into: (UInt64(0), UInt64(0))) { set, b in
                    if b < 64 { set.0 |= 1 << UInt64(b) } else { set.1 |= 1 << UInt64(b - 64) }
                }
            }) else { return nil }
            delimiters = set
        }
        let keepEmpty = args.count > 2 && args[2].isTrue
        return s.withASCIIBytes { bytes -> Value in
            var pieces: [Value] = []
            var start = 0
            func piece(_ end: Int) {
                if keepEmpty || end > start { pieces.append(.string(MString(ascii: UnsafeBufferPointer(rebasing: bytes[start..<end])))) }
            }
            for (i, b) in bytes.enumerated() {
                let isDelimiter = b < 64 ? delimiters.0 & (1 << UInt64(b)) != 0 : delimiters.1 & (1 << UInt64(b - 64)) != 0
                if isDelimiter {
                    piece(i)
                    start = i + 1
                }
            }
            piece(bytes.count)
            return .list(pieces)
        }
    }

    /// `(string-translate* s ((from . to) ...))`: at each position the first `from` found
    /// there is replaced by its `to`. The characters are copied out once per call, where the
    /// prelude's loop copied both strings at each position and for each pair (16 times csi's
    /// time). Errors are csi's: a non-string, a non-list, an entry that is not a pair (`car`),
    /// a `from` that is not a string, and a `to` that is not one when it is used (`string-length`).
    static func translateAll(_ s: Value, _ map: Value) throws -> Value {
        let loc = "string-translate*"
        guard case .string(let str) = s else { throw SchemeError.typeMsg(loc, "bad argument type - not a string", s) }
        guard let entries = map.listToArray() else { throw SchemeError.typeMsg(loc, "bad argument type - not a list", map) }
        var pairs: [(from: [Unicode.Scalar], to: Value)] = []
        for entry in entries {
            guard case .pair(let p) = entry else { throw SchemeError.type("car", entry) }
            guard case .string(let from) = p.car else { throw SchemeError.type("string-length", p.car) }
            pairs.append((from.chars, p.cdr))
        }
        let text = str.chars
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.count)
        var i = 0
        scan: while i < text.count {
            for (from, to) in pairs where from.count <= text.count - i && text[i..<(i + from.count)].elementsEqual(from) {
                guard case .string(let replacement) = to else { throw SchemeError.type("string-length", to) }
                out.append(contentsOf: replacement.chars)
                // An empty `from` replaces the character it stands before, as the prelude's loop did
                // (csi's would never end).
                i += max(1, from.count)
                continue scan
            }
            out.append(text[i])
            i += 1
        }
        return .string(MString(out))
    }

    /// `(string-intersperse strings [separator])`, with csi's errors: the separator is
    /// checked first, then each element in order; a dotted or circular list is refused whole.
    /// The list is walked unretained (see BorrowedList): once to check and measure, once to copy.
    static func intersperse(_ args: Arguments) throws -> Value {
        let loc = "string-intersperse"
        var separator = MString(" ")
        if args.count > 1 {
            guard case .string(let s) = args[1] else { throw SchemeError.typeMsg(loc, "bad argument type - not a string", args[1]) }
            separator = s
        }
        let list = args[0]
        guard list.isPair || list.isNull else { throw SchemeError.typeMsg(loc, "bad argument type - not a list", list) }
        return try withUnsafePointer(to: list) { items in
            guard let n = BorrowedList.properLength(items) else {
                throw SchemeError.exn(kinds: ["type"], message: "bad argument type - not a proper list", irritants: [list], location: nil)
            }
            let (separators, overflow) = max(0, n - 1).multipliedReportingOverflow(by: separator.count)
            guard !overflow else {
                throw SchemeError.exn(kinds: ["runtime", "limit"], message: "out of memory - cannot allocate object of this size",
                                      irritants: [], location: loc)
            }
            var total = separators
            var ascii = separator.isASCII
            try BorrowedList.forEachElement(of: items) { slot in
                guard let s = Value.unretainedString(at: slot) else {
                    throw SchemeError.typeMsg(loc, "bad argument type - not a string", slot.pointee)
                }
                s._withUnsafeGuaranteedRef { total += $0.count; ascii = ascii && $0.isASCII }
            }
            guard ascii else {
                var parts: [MString] = []
                BorrowedList.forEachElement(of: items) { slot in
                    if !parts.isEmpty { parts.append(separator) }
                    if case .string(let s) = slot.pointee { parts.append(s) }
                }
                return .string(MString.concatenate(parts))
            }
            return .string(MString(asciiCount: total) { out in
                var at = 0, first = true
                BorrowedList.forEachElement(of: items) { slot in
                    if !first { at += separator.copyASCII(into: out, at: at) }
                    first = false
                    if let s = Value.unretainedString(at: slot) { at += s._withUnsafeGuaranteedRef { $0.copyASCII(into: out, at: at) } }
                }
            })
        }
    }

    /// The strings `conc` joins for `args`, as `->string` makes them; nil if one of them is
    /// not a string, symbol, character or number.
    static func concParts(_ args: Arguments) -> [MString]? {
        var parts: [MString] = []
        parts.reserveCapacity(args.count)
        for i in 0..<args.count {
            switch args[i] {
            case .string(let s): parts.append(s)
            case .symbol(let s) where !s.isKeyword: parts.append(s.nameString())
            case .char(let c): parts.append(MString([c]))
            case .fixnum(let n): parts.append(MString(String(n)))
            case let v where v.isNumber: parts.append(MString(NumberFormat.format(v, radix: 10)))
            default: return nil
            }
        }
        return parts
    }

    /// `(substring=? s1 s2 [start1 start2 len])`.
    static func substringEqual(_ args: Arguments, fold: Bool, _ loc: String) throws -> Bool {
        let a = try Check.string(args[0], loc).chars, b = try Check.string(args[1], loc).chars
        let s1 = args.count > 2 ? try Check.natural(args[2], loc) : 0
        let s2 = args.count > 3 ? try Check.natural(args[3], loc) : 0
        // Out-of-range starts or lengths compare unequal, as in CHICKEN.
        guard s1 <= a.count, s2 <= b.count else { return false }
        let len = args.count > 4 ? try Check.natural(args[4], loc) : min(a.count - s1, b.count - s2)
        guard len <= a.count - s1, len <= b.count - s2 else { return false }
        for k in 0..<len {
            var x = a[s1 + k], y = b[s2 + k]
            if fold { x = Unicode.Scalar(String(x).lowercased()) ?? x; y = Unicode.Scalar(String(y).lowercased()) ?? y }
            if x != y { return false }
        }
        return true
    }
}
