/// `eqv?`: like `eq?`, but numbers of the same exactness and value are the same.
/// NaN is never `eqv?` to NaN: in CHICKEN two NaNs are distinct objects, and flonums
/// here have no identity to tell one NaN from another.
func eqvValues(_ a: Value, _ b: Value) -> Bool {
    if case .flonum(let x) = a, case .flonum(let y) = b { return x.bitPattern == y.bitPattern && !x.isNaN }
    if Value.eq(a, b) { return true }
    if case .object(let x) = a, case .object(let y) = b {
        if let p = x as? Bignum, let q = y as? Bignum { return p.value == q.value }
        if let p = x as? Ratnum, let q = y as? Ratnum { return p.num == q.num && p.den == q.den }
        if let p = x as? Cplxnum, let q = y as? Cplxnum { return eqvValues(p.real, q.real) && eqvValues(p.imag, q.imag) }
    }
    return false
}

/// `equal?`: structural equality.
///
/// Works through an explicit list of pending comparisons, so depth costs heap, not Swift
/// stack. It terminates on circular structure, as R7RS asks: after a budget of container
/// visits (enough for every acyclic datum of ordinary size) it remembers each pair of
/// containers it has started to compare and treats a pair met again as equal, which decides
/// equality of the infinite trees the structures unfold to.
func equalValues(_ a: Value, _ b: Value) -> Bool {
    // Atoms and strings need no work list: the common case of hash-table keys, `member`
    // and `assoc`, where allocating one per comparison cost more than comparing.
    switch (a, b) {
    case (.pair, .pair), (.vector, .vector), (.object, .object): break
    case let (.string(s), .string(t)): return s.sameCharacters(as: t)
    default: return eqvValues(a, b)
    }
    var comparison = StructuralComparison()
    return comparison.run(a, b)
}

private struct StructuralComparison {
    private enum Pending {
        case values(Value, Value)
        case vectorItems(SVector, SVector, Int)
        case recordFields(Record, Record, Int)
    }

    private struct Visit: Hashable {
        let a: ObjectIdentifier
        let b: ObjectIdentifier
    }

    private var work: [Pending] = []
    private var visits: Set<Visit> = []
    /// Container visits left before `visits` starts recording.
    private var budget = 10_000

    mutating func run(_ a: Value, _ b: Value) -> Bool {
        work.append(.values(a, b))
        while let next = work.popLast() {
            switch next {
            case .values(let x, let y):
                if !compare(x, y) { return false }
            case .vectorItems(let v, let w, let i):
                guard i < v.items.count, i < w.items.count else { continue }
                work.append(.vectorItems(v, w, i + 1))
                work.append(.values(v.items[i], w.items[i]))
            case .recordFields(let r, let s, let i):
                guard i < r.fields.count, i < s.fields.count else { continue }
                work.append(.recordFields(r, s, i + 1))
                work.append(.values(r.fields[i], s.fields[i]))
            }
        }
        return true
    }

    /// Compares `x` and `y` as far as it can without descending; queues their parts.
    private mutating func compare(_ x: Value, _ y: Value) -> Bool {
        if eqvValues(x, y) { return true }
        switch (x, y) {
        case let (.pair(p), .pair(q)):
            if seenBefore(ObjectIdentifier(p), ObjectIdentifier(q)) { return true }
            work.append(.values(p.cdr, q.cdr))
            work.append(.values(p.car, q.car))
            return true
        case let (.string(s), .string(t)): return s.sameCharacters(as: t)
        case let (.vector(v), .vector(w)):
            guard v.items.count == w.items.count else { return false }
            if seenBefore(ObjectIdentifier(v), ObjectIdentifier(w)) { return true }
            work.append(.vectorItems(v, w, 0))
            return true
        case let (.object(o1 as Bytevector), .object(o2 as Bytevector)): return o1.isBlob == o2.isBlob && o1.bytes == o2.bytes
        case let (.object(o1 as NumberVector), .object(o2 as NumberVector)):
            return o1.kind == o2.kind && o1.items.count == o2.items.count && zip(o1.items, o2.items).allSatisfy { eqvValues($0, $1) }
        case let (.object(o1 as Record), .object(o2 as Record)):
            guard o1.type === o2.type, o1.fields.count == o2.fields.count else { return false }
            if seenBefore(ObjectIdentifier(o1), ObjectIdentifier(o2)) { return true }
            work.append(.recordFields(o1, o2, 0))
            return true
        default: return false
        }
    }

    /// Whether this pair of containers is already being compared (only tracked once the
    /// budget is spent, so ordinary comparisons pay nothing for cycle detection).
    private mutating func seenBefore(_ a: ObjectIdentifier, _ b: ObjectIdentifier) -> Bool {
        if budget > 0 { budget -= 1; return false }
        return !visits.insert(Visit(a: a, b: b)).inserted
    }
}
