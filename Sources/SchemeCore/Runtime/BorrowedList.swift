/// Walking a list without reference counting, for the list primitives that search it.
///
/// Binding each pair of a list with a pattern (`case .pair(let p)`) retains and releases
/// it, and reading its car for a comparison does the same to the element: four atomic
/// operations a step, most of what `memq`, `assq` or `length` cost (120 million steps of
/// them took 5.4 times csi's time). Here each pair is read unretained out of the slot that
/// names it, the previous pair's cdr. That is sound because the caller's argument holds the
/// first pair, each pair holds the next, and nothing runs during the walk that could change
/// the list: no Scheme code, no collection.
enum BorrowedList {
    /// How a search compares its key with an element.
    enum Match { case eq, eqv, equal }

    /// Whether the element in `slot` matches the key in `key`. The bytes of the two slots
    /// decide where they can (every `eq?` but procedures and the payload-less constants, and
    /// `eqv?`/`equal?` of a key they compare as `eq?`); otherwise the values are compared as
    /// copies.
    @inline(__always)
    static func matches(_ key: UnsafePointer<Value>, _ slot: UnsafeMutablePointer<Value>, _ match: Match,
                        decidedByBytes: Bool) -> Bool {
        if let same = Value.identical(key, slot), same || decidedByBytes { return same }
        switch match {
        case .eq: return Value.eq(key.pointee, slot.pointee)
        case .eqv: return eqvValues(key.pointee, slot.pointee)
        case .equal: return equalValues(key.pointee, slot.pointee)
        }
    }

    /// Whether `identical` answering false settles the comparison for this key: always for
    /// `eq?`; for `eqv?` unless the key is a flonum or a number object (compared by value);
    /// for `equal?` when the key is a boolean, fixnum, character or symbol.
    static func decidedByBytes(_ key: UnsafePointer<Value>, _ match: Match) -> Bool {
        let tag = Value.tag(at: key)
        switch match {
        case .eq: return true
        case .eqv: return tag != 2 && tag != 9  // flonum, object
        case .equal: return tag == 0 || tag == 1 || tag == 3 || tag == 5  // bool, fixnum, char, symbol
        }
    }

    /// The cdr slot of an unretained pair.
    @inline(__always) static func next(_ p: Unmanaged<Pair>) -> Unmanaged<Pair>? {
        p._withUnsafeGuaranteedRef { pair in withUnsafeMutablePointer(to: &pair.cdr) { Value.unretainedPair(at: $0) } }
    }

    /// The first pair of the list in `list` whose car `test` accepts (nil if none), and the
    /// value that ended the walk (the empty list for a proper list); `test` gets the car's slot.
    static func first(in list: UnsafePointer<Value>,
                      where test: (UnsafeMutablePointer<Value>) throws -> Bool) rethrows -> (found: Value?, end: Value) {
        var cur = Value.unretainedPair(at: list)
        var last: Unmanaged<Pair>? = nil
        while let p = cur {
            if try p._withUnsafeGuaranteedRef({ pair in try withUnsafeMutablePointer(to: &pair.car) { try test($0) } }) {
                return (.pair(p.takeUnretainedValue()), .null)
            }
            last = p
            cur = next(p)
        }
        return (nil, last.map { $0.takeUnretainedValue().cdr } ?? list.pointee)
    }

    /// Calls `body` with the slot of each element of the list in `list`, in order (as many
    /// as the list has pairs: the caller bounds a list that may be circular).
    static func forEachElement(of list: UnsafePointer<Value>, _ body: (UnsafeMutablePointer<Value>) throws -> Void) rethrows {
        var cur = Value.unretainedPair(at: list)
        while let p = cur {
            try p._withUnsafeGuaranteedRef { pair in try withUnsafeMutablePointer(to: &pair.car) { try body($0) } }
            cur = next(p)
        }
    }

    /// Copies the elements of the list in `list` into the initialized slots from `to` on
    /// (as many as the list has pairs), retaining only the elements.
    static func copyElements(of list: UnsafePointer<Value>, to destination: UnsafeMutablePointer<Value>) {
        var cur = Value.unretainedPair(at: list)
        var slot = destination
        while let p = cur {
            p._withUnsafeGuaranteedRef { pair in withUnsafeMutablePointer(to: &pair.car) { Value.copy(from: $0, to: slot) } }
            slot += 1
            cur = next(p)
        }
    }

    /// The first `count` elements of the list in `list` (which has at least that many
    /// pairs), in an array; only the elements are retained.
    static func elements(of list: UnsafePointer<Value>, count: Int) -> [Value] {
        var out = [Value].filled(with: .null, count: count)
        out.withUnsafeMutableBufferPointer { slots in
            if let first = slots.baseAddress { copyElements(of: list, to: first) }
        }
        return out
    }

    /// The number of pairs in the list in `list` and the value that ends it (the empty list
    /// for a proper list), or nil for a circular list (a second cursor moving at half speed
    /// meets the first inside a cycle).
    static func spine(_ list: UnsafePointer<Value>) -> (count: Int, end: Value)? {
        var fast = Value.unretainedPair(at: list)
        var slow = fast
        var n = 0
        var last: Unmanaged<Pair>? = nil
        while let p = fast {
            n += 1
            last = p
            fast = next(p)
            if n & 1 == 0 {
                slow = slow.flatMap(next)
                if let f = fast, let s = slow, f.toOpaque() == s.toOpaque() { return nil }
            }
        }
        return (n, last.map { $0.takeUnretainedValue().cdr } ?? list.pointee)
    }

    /// Calls `visit` on each pair of the list in `list` until it answers true. Answers that
    /// pair, or nil and the value that ended the list, nil too for a circular list: that
    /// walk stops once every pair was visited (the second cursor, at half speed, meets the
    /// first only after it has gone round the cycle).
    static func firstPair(in list: UnsafePointer<Value>,
                          where visit: (Unmanaged<Pair>) throws -> Bool) rethrows -> (found: Unmanaged<Pair>?, end: Value?) {
        var fast = Value.unretainedPair(at: list)
        var slow = fast
        var n = 0
        var last: Unmanaged<Pair>? = nil
        while let p = fast {
            if try visit(p) { return (p, nil) }
            n += 1
            last = p
            fast = next(p)
            if n & 1 == 0 {
                slow = slow.flatMap(next)
                if let f = fast, let s = slow, f.toOpaque() == s.toOpaque() { return (nil, nil) }
            }
        }
        return (nil, last.map { $0.takeUnretainedValue().cdr } ?? list.pointee)
    }

    /// Calls `body` with the pairs of the list in `list`, read unretained into a temporary
    /// buffer, and the value that ends the list; nil, without calling `body`, for a
    /// circular list.
    static func withPairs<R>(of list: UnsafePointer<Value>,
                             _ body: (UnsafeMutableBufferPointer<Unmanaged<Pair>>, Value) throws -> R) rethrows -> R? {
        guard let (count, end) = spine(list) else { return nil }
        return try withUnsafeTemporaryAllocation(of: Unmanaged<Pair>.self, capacity: max(count, 1)) { buffer in
            var cur = Value.unretainedPair(at: list)
            for k in 0..<count {
                guard let p = cur else { break }
                buffer.initializeElement(at: k, to: p)
                cur = next(p)
            }
            return try body(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]), end)
        }
    }

    /// The cars of `pairs`, in order, as a new list ending in `tail`.
    static func list(carsOf pairs: some BidirectionalCollection<Unmanaged<Pair>>, tail: Value) -> Value {
        var r = tail
        for p in pairs.reversed() { r = Value.cons(p.car, r) }
        return r
    }

    /// For a circular list, the number of pairs before its cycle and the cycle's length
    /// (Floyd's two cursors); nil for a list that ends.
    static func cycle(_ list: UnsafePointer<Value>) -> (lead: Int, length: Int)? {
        var slow = Value.unretainedPair(at: list), fast = slow
        repeat {
            slow = slow.flatMap(next)
            fast = fast.flatMap(next).flatMap(next)
            guard let s = slow, let f = fast else { return nil }
            if s.toOpaque() == f.toOpaque() { break }
        } while true
        // The cycle starts where a cursor from the head meets one from the meeting point.
        var lead = 0
        var a = Value.unretainedPair(at: list)
        while let x = a, let y = slow, x.toOpaque() != y.toOpaque() { a = next(x); slow = next(y); lead += 1 }
        var length = 1
        var c = a.flatMap(next)
        while let x = c, let start = a, x.toOpaque() != start.toOpaque() { c = next(x); length += 1 }
        return (lead, length)
    }

    /// The number of pairs in a proper list, or nil for an improper or circular one.
    static func properLength(_ list: UnsafePointer<Value>) -> Int? {
        guard let (count, end) = spine(list), end.isNull else { return nil }
        return count
    }
}

extension Unmanaged where Instance == Pair {
    /// The car of an unretained pair (retained, as a copy).
    @inline(__always) var car: Value { _withUnsafeGuaranteedRef { $0.car } }
    /// The cdr of an unretained pair (retained, as a copy).
    @inline(__always) var cdr: Value { _withUnsafeGuaranteedRef { $0.cdr } }
}
