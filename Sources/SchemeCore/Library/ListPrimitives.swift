/// Pairs and lists: the R7RS core. Procedures taking procedure arguments live in the prelude.
extension Interpreter {
    func listPrimitives() -> [Primitive] {
        var prims: [Primitive] = [
            prim("cons") { a, b in Value.cons(a, b) },
            prim("car") { v in try Check.pair(v, "car").car },
            prim("cdr") { v in try Check.pair(v, "cdr").cdr },
            prim("set-car!") { [unowned(unsafe) self] p, v in
                let pair = try Check.pair(p, "set-car!")
                pair.car = v
                self.collector.stored(v, into: pair)
                return .unspecified
            },
            prim("set-cdr!") { [unowned(unsafe) self] p, v in
                let pair = try Check.pair(p, "set-cdr!")
                pair.cdr = v
                self.collector.stored(v, into: pair)
                return .unspecified
            },
            prim("pair?") { v in .bool(v.isPair) },
            prim("null?") { v in .bool(v.isNull) },
            prim("list?") { v in .bool(v.properListLength != nil) },
            prim("list", .atLeast(0)) { args in
                var r: Value = .null
                for i in stride(from: args.count - 1, through: 0, by: -1) { r = Value.cons(args[i], r) }
                return r
            },
            prim("cons*", .atLeast(1)) { args in
                var r = args[args.count - 1]
                for i in stride(from: args.count - 2, through: 0, by: -1) { r = Value.cons(args[i], r) }
                return r
            },
            prim("length") { v in
                guard let n = v.properListLength else { throw SchemeError.typeMsg("length", "bad argument type - not a proper list", v) }
                return .fixnum(n)
            },
            prim("append", .atLeast(0)) { args in try Interpreter.append(args, "append") },
            prim("%qq-append", .atLeast(0)) { args in try Interpreter.append(args, "append") },
            prim("%qq-cons") { a, b in Value.cons(a, b) },
            prim("%qq-list", .atLeast(0)) { args in Value.list(args.array) },
            prim("%qq-list->vector") { v in .vector(SVector(try Check.list(v, "list->vector"))) },
            prim("reverse") { v in
                // Measured first: a circular list would have grown the result without end.
                try withUnsafePointer(to: v) { list in
                    guard BorrowedList.properLength(list) != nil else {
                        throw SchemeError.typeMsg("reverse", "bad argument type - not a proper list", v)
                    }
                    var r: Value = .null
                    var cur = Value.unretainedPair(at: list)
                    while let p = cur { r = Value.cons(p._withUnsafeGuaranteedRef { $0.car }, r); cur = BorrowedList.next(p) }
                    return r
                }
            },
            prim("reverse!") { v in
                // Reverses the spine in place. No cycle can form (each cdr points to an earlier
                // pair of an acyclic list), so the stores need no cycle-collector registration.
                var prev: Value = .null
                var cur = v
                while case .pair(let p) = cur {
                    let next = p.cdr
                    p.cdr = prev
                    prev = cur
                    cur = next
                }
                if !cur.isNull {
                    // A dotted list is refused as it was: the pairs turned so far turn back (a
                    // leaf primitive changes nothing it refuses, see Primitive.isLeaf).
                    var back = cur, node = prev
                    while case .pair(let p) = node {
                        let next = p.cdr
                        p.cdr = back
                        back = node
                        node = next
                    }
                    throw SchemeError.typeMsg("reverse!", "bad argument type - not a proper list", v)
                }
                return prev
            },
            prim("list-tail") { l, k in try Interpreter.listTail(l, k) },
            prim("list-ref") { l, k in
                // As csi 5.3's, the car of list-tail: its errors are list-tail's, then car's.
                let n = try Interpreter.checkListTail(l, k)
                return try withUnsafePointer(to: l) { list in
                    var cur = Value.unretainedPair(at: list)
                    var i = 0
                    while let p = cur, i < n { cur = BorrowedList.next(p); i += 1 }
                    guard let p = cur else { throw SchemeError.type("car", try Interpreter.listTail(l, k)) }
                    return p.takeUnretainedValue().car
                }
            },
            prim("memq") { x, l in try Interpreter.memberBy(x, l, .eq, "memq") },
            prim("memv") { x, l in try Interpreter.memberBy(x, l, .eqv, "memv") },
            prim("%member") { x, l in try Interpreter.memberBy(x, l, .equal, "member") },
            // (%plist-tail prop plist): the tail of a property list (prop value prop value ...)
            // that starts at `prop`, or #f. `get` and `put!` walk the list here: as a Scheme
            // loop, 20,000 `put!`s on one symbol took 25 s against csi's 1 s.
            prim("%plist-tail") { prop, l in Interpreter.plistTail(prop, l) },
            prim("assq") { x, l in try Interpreter.assocBy(x, l, .eq, "assq") },
            prim("assv") { x, l in try Interpreter.assocBy(x, l, .eqv, "assv") },
            prim("%assoc") { x, l in try Interpreter.assocBy(x, l, .equal, "assoc") },
            prim("list-copy") { v in
                // The spine up to its end, which a dotted list keeps; a circular one has none.
                try withUnsafePointer(to: v) { list in
                    guard let (count, end) = BorrowedList.spine(list) else {
                        throw SchemeError.typeMsg("list-copy", "bad argument type - not a proper list", v)
                    }
                    return Value.list(BorrowedList.elements(of: list, count: count), tail: end)
                }
            },
            prim("last-pair") { v in
                var p = try Check.pair(v, "last-pair")
                while case .pair(let q) = p.cdr { p = q }
                return .pair(p)
            },
            prim("make-list", .range(1, 2)) { args in
                let n = try Check.size(args[0], "make-list")
                let fill = args.count > 1 ? args[1] : .unspecified
                var r: Value = .null
                for _ in 0..<n { r = Value.cons(fill, r) }
                return r
            },
            prim("iota", .range(1, 3)) { args in
                let n = try Check.size(args[0], "iota")
                let start = args.count > 1 ? args[1] : .fixnum(0)
                let step = args.count > 2 ? args[2] : .fixnum(1)
                var items: [Value] = []
                items.reserveCapacity(n)
                for i in 0..<n { items.append(try Arith.add(start, try Arith.mul(.fixnum(i), step))) }
                return Value.list(items)
            },
            // The step of the prelude's walks over several lists at once (`map`, `for-each`,
            // `fold`, `any` …).
            prim("%split-row", .range(2, 3)) { args in
                // (%split-row ls who [tail]): the cars (then `tail`) and the cdrs of the lists,
                // as a pair, or #f once one is empty. A dotted end also ends the walk if `who`
                // is #f; else it is `who`'s error.
                try Interpreter.splitRow(args[0], who: args[1], tail: args.count > 2 ? args[2] : .null)
            },
            prim("eq?") { a, b in .bool(Value.eq(a, b)) },
            prim("eqv?") { a, b in .bool(eqvValues(a, b)) },
            prim("equal?") { a, b in .bool(equalValues(a, b)) },
            prim("not") { v in .bool(v.isFalse) },
            prim("boolean?") { v in if case .bool = v { return .true }; return .false },
            prim("boolean=?", .atLeast(2)) { args in
                for i in 0..<args.count { guard case .bool = args[i] else { throw SchemeError.type("boolean=?", args[i]) } }
                for i in 1..<args.count where !Value.eq(args[0], args[i]) { return .false }
                return .true
            },
        ]
        // c[ad]{2,4}r
        for length in 2...4 {
            for bits in 0..<(1 << length) {
                var path = ""
                for k in 0..<length { path += (bits >> k) & 1 == 0 ? "a" : "d" }
                let name = "c" + path + "r"
                let ops = Array(path.reversed())
                prims.append(prim(name) { v in
                    var cur = v
                    for op in ops {
                        guard case .pair(let p) = cur else { throw SchemeError.type(name, v) }
                        cur = op == "a" ? p.car : p.cdr
                    }
                    return cur
                })
            }
        }
        return prims
    }

    /// `%split-row`: the lists' pairs are read unretained (see BorrowedList) into a buffer,
    /// and the two new lists built back to front from it: no arrays.
    static func splitRow(_ ls: Value, who: Value, tail: Value) throws -> Value {
        try withUnsafePointer(to: ls) { list in
            guard let n = BorrowedList.properLength(list) else { throw SchemeError.typeMsg(nil, "bad argument type - not a proper list", ls) }
            return try withUnsafeTemporaryAllocation(of: Unmanaged<Pair>.self, capacity: max(n, 1)) { pairs in
                var k = 0
                var ended = false
                try BorrowedList.forEachElement(of: list) { slot in
                    if ended { return }
                    guard let p = Value.unretainedPair(at: slot) else {
                        guard !slot.pointee.isNull, case .symbol(let s) = who else { ended = true; return }
                        throw SchemeError.typeMsg(s.name, "bad argument type - not a proper list", slot.pointee)
                    }
                    pairs[k] = p
                    k += 1
                }
                if ended { return .false }
                var cars = tail, cdrs: Value = .null
                for i in stride(from: n - 1, through: 0, by: -1) {
                    pairs[i]._withUnsafeGuaranteedRef { p in
                        cars = Value.cons(p.car, cars)
                        cdrs = Value.cons(p.cdr, cdrs)
                    }
                }
                return Value.cons(cars, cdrs)
            }
        }
    }

    /// `(list-tail l k)`, with csi's errors (all located at list-tail): `l` not a list, `k` not
    /// a fixnum, `k` negative or beyond the list's pairs.
    static func listTail(_ l: Value, _ k: Value) throws -> Value {
        var cur = l
        for _ in 0..<(try checkListTail(l, k)) {
            guard case .pair(let p) = cur else { throw SchemeError.bounds("list-tail", [l, k]) }
            cur = p.cdr
        }
        return cur
    }

    /// `list-tail`'s checks of its arguments; the count of pairs to step over. On a circular
    /// list a count past the first lap is taken modulo the cycle, so that a huge index does
    /// not spin through the cycle (uninterruptibly) for as many steps.
    static func checkListTail(_ l: Value, _ k: Value) throws -> Int {
        guard l.isPair || l.isNull else { throw SchemeError.type("list-tail", l) }
        guard case .fixnum(let n) = k else { throw SchemeError.type("list-tail", k) }
        guard n >= 0 else { throw SchemeError.bounds("list-tail", [l, k]) }
        guard n > 4096, let (lead, length) = withUnsafePointer(to: l, { BorrowedList.cycle($0) }), n >= lead + length else { return n }
        return lead + (n - lead) % length
    }

    /// Each list but the last is copied onto the ones after it, back to front from its
    /// pairs read unretained (see BorrowedList): no array of its elements in between.
    static func append(_ args: Arguments, _ name: String) throws -> Value {
        if args.count == 0 { return .null }
        var result = args[args.count - 1]
        for i in stride(from: args.count - 2, through: 0, by: -1) {
            let copied = withUnsafePointer(to: args[i]) { list in
                BorrowedList.withPairs(of: list) { pairs, end -> Bool in
                    guard end.isNull else { return false }
                    result = BorrowedList.list(carsOf: pairs, tail: result)
                    return true
                }
            }
            guard copied == true else { throw SchemeError.typeMsg(name, "bad argument type - not a proper list", args[i]) }
        }
        return result
    }

    /// The tail of the property list `list` that starts at `prop`, or #f; the walk steps two
    /// pairs at a time and stops at anything but a pair. `list` holds every pair visited and
    /// nothing runs meanwhile, so none is retained on the way (binding each pair cost four
    /// reference-count operations a step, most of `get`'s time).
    static func plistTail(_ prop: Value, _ list: Value) -> Value {
        withUnsafePointer(to: prop) { key in
            withUnsafePointer(to: list) { listSlot in
                var cur = Value.unretainedPair(at: listSlot)
                while let p = cur {
                    let same = p._withUnsafeGuaranteedRef { pair in
                        withUnsafeMutablePointer(to: &pair.car) { BorrowedList.matches(key, $0, .eq, decidedByBytes: true) }
                    }
                    if same { return .pair(p.takeUnretainedValue()) }
                    guard let valuePair = BorrowedList.next(p) else { return .false }
                    cur = BorrowedList.next(valuePair)
                }
                return .false
            }
        }
    }

    /// `memq` and kin. As in CHICKEN, a list that ends in something other than `()` is an
    /// error when the search reaches the end.
    static func memberBy(_ x: Value, _ l: Value, _ match: BorrowedList.Match, _ name: String) throws -> Value {
        try withUnsafePointer(to: x) { key in
            try withUnsafePointer(to: l) { list in
                let exact = BorrowedList.decidedByBytes(key, match)
                let (found, end) = BorrowedList.first(in: list) { BorrowedList.matches(key, $0, match, decidedByBytes: exact) }
                if let found { return found }
                guard end.isNull else { throw SchemeError.type(name, end) }
                return .false
            }
        }
    }

    /// `assq` and kin: the first element whose car matches; each element must be a pair.
    static func assocBy(_ x: Value, _ l: Value, _ match: BorrowedList.Match, _ name: String) throws -> Value {
        try withUnsafePointer(to: x) { key in
            try withUnsafePointer(to: l) { list in
                let exact = BorrowedList.decidedByBytes(key, match)
                let (found, end) = try BorrowedList.first(in: list) { slot in
                    guard let entry = Value.unretainedPair(at: slot) else { throw SchemeError.type(name, slot.pointee) }
                    return entry._withUnsafeGuaranteedRef { e in
                        withUnsafeMutablePointer(to: &e.car) { BorrowedList.matches(key, $0, match, decidedByBytes: exact) }
                    }
                }
                if case .pair(let p)? = found { return p.car }
                guard end.isNull else { throw SchemeError.type(name, end) }
                return .false
            }
        }
    }
}
