/// `eqv?`: like `eq?`, but numbers of the same exactness and value are the same.
func eqvValues(_ a: Value, _ b: Value) -> Bool {
    if Value.eq(a, b) { return true }
    if case .object(let x) = a, case .object(let y) = b {
        if let p = x as? Bignum, let q = y as? Bignum { return p.value == q.value }
        if let p = x as? Ratnum, let q = y as? Ratnum { return p.num == q.num && p.den == q.den }
    }
    return false
}

/// `equal?`: structural equality. Iterates along list spines so long lists do not recurse.
func equalValues(_ a: Value, _ b: Value) -> Bool {
    var x = a, y = b
    while true {
        if eqvValues(x, y) { return true }
        switch (x, y) {
        case let (.pair(p), .pair(q)):
            if !equalValues(p.car, q.car) { return false }
            x = p.cdr
            y = q.cdr
        case let (.string(s), .string(t)): return s.sameCharacters(as: t)
        case let (.vector(v), .vector(w)):
            guard v.items.count == w.items.count else { return false }
            for i in 0..<v.items.count where !equalValues(v.items[i], w.items[i]) { return false }
            return true
        case let (.object(o1 as Bytevector), .object(o2 as Bytevector)): return o1.bytes == o2.bytes
        case let (.object(o1 as Record), .object(o2 as Record)):
            guard o1.type === o2.type, o1.fields.count == o2.fields.count else { return false }
            for i in 0..<o1.fields.count where !equalValues(o1.fields[i], o2.fields[i]) { return false }
            return true
        default: return false
        }
    }
}
