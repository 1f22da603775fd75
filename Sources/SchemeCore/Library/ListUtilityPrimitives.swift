/// The list utilities of `(chicken base)`: `butlast`, `chop`, `compress`, `flatten`,
/// `intersperse`, `tail?`, and `rassoc` and `alist-update` under `eq?`, `eqv?` or `equal?`.
/// As loops of the prelude they took 6 to 19 times csi's time (csi's library is compiled).
///
/// Results are CHICKEN's, down to the pairs they share with their argument (`chop`'s last
/// chunk is the list's own tail, `intersperse` ends in the list's last pair), and so are the
/// errors. Where csi walks a circular list without end, these stop: each walk visits every
/// pair once and then refuses the list (see `BorrowedList.firstPair`).
extension Interpreter {
    func listUtilityPrimitives() -> [Primitive] {
        [
            prim("butlast") { l in try ListUtility.butlast(l) },
            prim("intersperse") { l, x in try ListUtility.intersperse(l, x) },
            prim("chop") { l, n in try ListUtility.chop(l, n) },
            prim("compress") { flags, l in try ListUtility.compress(flags, l) },
            prim("flatten", .atLeast(0)) { args in try ListUtility.flatten(args) },
            prim("tail?") { x, l in try ListUtility.isTail(x, l) },
            // A test of the program's own is called by the prelude's loop.
            prim("rassoc", .range(2, 3)) { [unowned(unsafe) self] args in
                guard let match = ListUtility.standardMatch(args.optional(2)) else {
                    throw try self.handOver(args, to: "%rassoc/test")
                }
                return try ListUtility.rassoc(args[0], args[1], match)
            },
            prim("alist-update", .range(3, 4)) { [unowned(unsafe) self] args in
                guard let match = ListUtility.standardMatch(args.optional(3)) else {
                    throw try self.handOver(args, to: "%alist-update/test")
                }
                return try ListUtility.alistUpdate(args[0], args[1], args[2], match)
            },
        ]
    }

    /// The call, handed to the prelude's procedure `helper` with the same arguments.
    private func handOver(_ args: Arguments, to helper: String) throws -> SchemeError {
        guard let h = global(helper) else {
            // Only if a program undefined the helper: as the VM reports an unbound name.
            throw SchemeError.exn(kinds: ["runtime"], message: "unbound variable",
                                  irritants: [.symbol(symbols.intern(helper))], location: nil)
        }
        return SchemeError.callInstead(procedure: h, arguments: args.array)
    }
}

enum ListUtility {
    /// The comparison a test argument stands for when it is the built-in `eq?`, `eqv?` or
    /// `equal?` (absent means `eqv?`); nil for any other procedure or value. The built-ins
    /// are told by being leaf primitives, which a host's procedure never is.
    static func standardMatch(_ test: Value?) -> BorrowedList.Match? {
        guard let test else { return .eqv }
        guard case .procedure(let p) = test, let prim = p as? Primitive, prim.isLeaf else { return nil }
        switch prim.primName {
        case "eq?": return .eq
        case "eqv?": return .eqv
        case "equal?": return .equal
        default: return nil
        }
    }

    static func notProperList(_ who: String, _ v: Value) -> SchemeError {
        .typeMsg(who, "bad argument type - not a proper list", v)
    }

    /// `##sys#check-list`: a pair or the empty list.
    static func checkListStart(_ l: Value, _ who: String) throws {
        guard l.isPair || l.isNull else { throw SchemeError.typeMsg(who, "bad argument type - not a list", l) }
    }

    /// Every element but the last; a dotted end is dropped with it.
    static func butlast(_ l: Value) throws -> Value {
        guard l.isPair else { throw SchemeError.typeMsg("butlast", "bad argument type - not a pair", l) }
        return try withUnsafePointer(to: l) { list in
            guard let r = BorrowedList.withPairs(of: list, { pairs, _ in
                BorrowedList.list(carsOf: pairs.prefix(pairs.count - 1), tail: .null)
            }) else { throw notProperList("butlast", l) }
            return r
        }
    }

    /// `x` between the elements of `l`; the result ends in `l`'s last pair. A dotted end is
    /// `cdr`'s error, as the walk in CHICKEN takes the cdr of it.
    static func intersperse(_ l: Value, _ x: Value) throws -> Value {
        try withUnsafePointer(to: l) { list in
            guard let r = try BorrowedList.withPairs(of: list, { pairs, end -> Value in
                guard end.isNull else { throw SchemeError.type("cdr", end) }
                guard let last = pairs.last else { return .null }
                var r: Value = .pair(last.takeUnretainedValue())
                for p in pairs.dropLast().reversed() { r = Value.cons(p.car, Value.cons(x, r)) }
                return r
            }) else { throw notProperList("intersperse", l) }
            return r
        }
    }

    /// The list in chunks of `n` elements; a shorter last chunk is the list's own tail.
    static func chop(_ l: Value, _ n: Value) throws -> Value {
        guard case .fixnum(let size) = n else { throw SchemeError.typeMsg("chop", "bad argument type - not a fixnum", n) }
        guard size > 0 else {
            throw SchemeError.exn(kinds: [], message: "invalid numeric argument", irritants: [n], location: "chop")
        }
        return try withUnsafePointer(to: l) { list in
            guard let r = BorrowedList.withPairs(of: list, { pairs, end -> Value? in
                guard end.isNull else { return nil }
                let whole = pairs.count / size
                var r: Value = whole * size < pairs.count ? Value.cons(.pair(pairs[whole * size].takeUnretainedValue()), .null) : .null
                for c in stride(from: whole - 1, through: 0, by: -1) {
                    r = Value.cons(BorrowedList.list(carsOf: pairs[c * size ..< c * size + size], tail: .null), r)
                }
                return r
            }), let chunks = r else { throw notProperList("length", l) }
            return chunks
        }
    }

    /// The elements of `l` whose flag (the same place in `flags`) is true. Elements past
    /// the last flag are ignored; a flag without an element is an error.
    static func compress(_ flags: Value, _ l: Value) throws -> Value {
        try checkListStart(l, "compress")
        return try withUnsafePointer(to: flags) { flagList in
            try withUnsafePointer(to: l) { list in
                // One of the two must end, or the walk would not.
                guard BorrowedList.spine(flagList) != nil || BorrowedList.spine(list) != nil else {
                    throw notProperList("compress", flags)
                }
                var kept: [Value] = []
                var f = Value.unretainedPair(at: flagList), e = Value.unretainedPair(at: list)
                var fEnd = flags, eEnd = l
                while true {
                    guard let fp = f else {
                        if fEnd.isNull { return Value.list(kept) }
                        throw notProperList("compress", fEnd)
                    }
                    guard let ep = e else { throw notProperList("compress", eEnd) }
                    if fp._withUnsafeGuaranteedRef({ $0.car.isTrue }) { kept.append(ep.car) }
                    f = BorrowedList.next(fp); e = BorrowedList.next(ep)
                    if f == nil { fEnd = fp.cdr }
                    if e == nil { eEnd = ep.cdr }
                }
            }
        }
    }

    /// Whether `x` is `l` or one of its tails (the empty list is a tail of every list).
    static func isTail(_ x: Value, _ l: Value) throws -> Value {
        try checkListStart(l, "tail?")
        if x.isNull { return .true }
        return withUnsafePointer(to: x) { key in
            withUnsafePointer(to: l) { list in
                if BorrowedList.matches(key, UnsafeMutablePointer(mutating: list), .eq, decidedByBytes: true) { return .true }
                let found = BorrowedList.firstPair(in: list) { p in
                    p._withUnsafeGuaranteedRef { pair in
                        withUnsafeMutablePointer(to: &pair.cdr) { BorrowedList.matches(key, $0, .eq, decidedByBytes: true) }
                    }
                }.found
                return .bool(found != nil)
            }
        }
    }

    /// The elements of the lists among `args`, and of the lists among those, depth first;
    /// anything but a proper list (a dotted or circular one too) is an element. A list that
    /// holds itself would have csi recurse until its memory runs out: it is refused.
    static func flatten(_ args: Arguments) throws -> Value {
        var walk = Flattening()
        for i in 0..<args.count {
            try walk.take(args.base + i)
            while let top = walk.cursors.last {
                guard let p = top else { walk.close(); continue }
                walk.cursors[walk.cursors.count - 1] = BorrowedList.next(p)
                try p._withUnsafeGuaranteedRef { pair in try withUnsafeMutablePointer(to: &pair.car) { try walk.take($0) } }
            }
        }
        return Value.list(walk.out)
    }

    /// `flatten`'s state. (A nested function capturing these as local variables made Swift
    /// check exclusive access dynamically at each use: a fifth of the time.)
    private struct Flattening {
        var out: [Value] = []
        /// The next pair of each list being walked (nil once its last element is out), and
        /// its first pair, which marks it open until then.
        var cursors: [Unmanaged<Pair>?] = []
        var starts: [UnsafeMutableRawPointer] = []
        var open = Set<UnsafeMutableRawPointer>()

        /// Takes the value in `slot`: a proper list opens, anything else is an element.
        mutating func take(_ slot: UnsafeMutablePointer<Value>) throws {
            guard let first = Value.unretainedPair(at: slot), BorrowedList.properLength(slot) != nil else {
                if !slot.pointee.isNull { out.append(slot.pointee) }
                return
            }
            guard open.insert(first.toOpaque()).inserted else {
                throw SchemeError.typeMsg("flatten", "bad argument type - list contains itself", slot.pointee)
            }
            cursors.append(first)
            starts.append(first.toOpaque())
        }

        /// Ends the walk of the innermost open list.
        mutating func close() {
            cursors.removeLast()
            open.remove(starts.removeLast())
        }
    }

    /// The first entry of the alist `al` whose cdr matches `x`, or #f.
    static func rassoc(_ x: Value, _ al: Value, _ match: BorrowedList.Match) throws -> Value {
        try checkListStart(al, "rassoc")
        return try withUnsafePointer(to: x) { key in
            try withUnsafePointer(to: al) { list in
                let exact = BorrowedList.decidedByBytes(key, match)
                let (found, _) = try BorrowedList.firstPair(in: list) { p in
                    try p._withUnsafeGuaranteedRef { pair in
                        guard let entry = withUnsafeMutablePointer(to: &pair.car, { Value.unretainedPair(at: $0) }) else {
                            throw SchemeError.typeMsg("rassoc", "bad argument type - not a pair", pair.car)
                        }
                        return entry._withUnsafeGuaranteedRef { e in
                            withUnsafeMutablePointer(to: &e.cdr) { BorrowedList.matches(key, $0, match, decidedByBytes: exact) }
                        }
                    }
                }
                return found.map { $0.car } ?? .false
            }
        }
    }

    /// A copy of the alist `al` with the entry for `key` (the first whose car matches) made
    /// `(key . value)`, or that entry added at the end. As CHICKEN's, the entries before it
    /// are copied and the pairs after it shared.
    static func alistUpdate(_ key: Value, _ value: Value, _ al: Value, _ match: BorrowedList.Match) throws -> Value {
        try withUnsafePointer(to: key) { k in
            try withUnsafePointer(to: al) { list in
                let exact = BorrowedList.decidedByBytes(k, match)
                var before: [Unmanaged<Pair>] = []
                let (found, end) = try BorrowedList.firstPair(in: list) { p in
                    try p._withUnsafeGuaranteedRef { pair in
                        guard let entry = withUnsafeMutablePointer(to: &pair.car, { Value.unretainedPair(at: $0) }) else {
                            throw SchemeError.exn(kinds: [], message: "bad argument type", irritants: [pair.car], location: "alist-update")
                        }
                        if entry._withUnsafeGuaranteedRef({ e in withUnsafeMutablePointer(to: &e.car) { BorrowedList.matches(k, $0, match, decidedByBytes: exact) } }) {
                            return true
                        }
                        before.append(entry)
                        return false
                    }
                }
                let fresh = Value.cons(key, value)
                var r: Value
                if let found {
                    r = Value.cons(fresh, found.cdr)
                } else {
                    guard let end, end.isNull else {
                        throw SchemeError.exn(kinds: [], message: "bad argument type", irritants: [end ?? al], location: "alist-update")
                    }
                    r = Value.cons(fresh, .null)
                }
                for e in before.reversed() { r = e._withUnsafeGuaranteedRef { Value.cons(Value.cons($0.car, $0.cdr), r) } }
                return r
            }
        }
    }
}
