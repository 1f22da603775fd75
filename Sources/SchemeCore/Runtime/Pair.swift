/// A mutable cons cell.
public final class Pair {
    @exclusivity(unchecked) public var car: Value
    @exclusivity(unchecked) public var cdr: Value
    /// Registered with the cycle collector (see CycleCollector).
    @exclusivity(unchecked) var gcRegistered = false

    @inline(__always) public init(_ car: Value, _ cdr: Value) {
        self.car = car
        self.cdr = cdr
    }

    // Freeing a long or deep list recursively would overflow the Swift stack (one `deinit`
    // per element): see DeepRelease.
    deinit {
        if car.mayOwnObjects {
            DeepRelease.drain { $0.take(&car); $0.take(&cdr) }
            return
        }
        // The common case, a spine of atoms, is unlinked in place without a work list.
        guard case .pair(var next) = cdr else { return }
        cdr = .null
        // Each pair unlinked here goes to the pool for reuse (see PairPool).
        while isKnownUniquelyReferenced(&next) {
            if next.car.mayOwnObjects {
                DeepRelease.drain { $0.take(&next.car); $0.take(&next.cdr) }
                PairPool.offer(next)
                return
            }
            guard case .pair(let after) = next.cdr else { PairPool.offer(next); return }
            next.cdr = .null
            PairPool.offer(next)
            next = after
        }
    }
}

extension Value {
    /// A proper list of `items` (or an improper one ending in `tail`). Its pairs come from
    /// the pair pool: the library's lists (`string->list`, `map`, `iota` …) are freed into
    /// the pool like the VM's, and taking from it spares `malloc`, whose slow path freeing
    /// and consolidating thousands of pairs cost ~500 instructions a pair.
    public static func list(_ items: [Value], tail: Value = .null) -> Value {
        var result = tail
        for item in items.reversed() { result = .pair(PairPool.pair(item, result)) }
        return result
    }

    static func list(_ items: Value...) -> Value { list(items) }

    static func cons(_ a: Value, _ b: Value) -> Value { .pair(PairPool.pair(a, b)) }

    /// The elements of a proper list; nil for anything else (dotted or circular). Measured
    /// first, then copied into an array of that size, the pairs read unretained (see
    /// BorrowedList): only the elements are retained.
    public func listToArray() -> [Value]? {
        withUnsafePointer(to: self) { list in
            guard let count = BorrowedList.properLength(list) else { return nil }
            return BorrowedList.elements(of: list, count: count)
        }
    }

    /// Length of a proper list, nil otherwise (see BorrowedList).
    var properListLength: Int? {
        withUnsafePointer(to: self) { BorrowedList.properLength($0) }
    }
}
