/// A srfi-69 hash table. Keys are wrapped so that Swift's `Dictionary` hashes and compares
/// them with the table's equivalence: `eq?`, `eqv?`, `equal?` or `string=?` (a table made
/// with another test procedure uses `equal?`, which agrees with any sensible test on the
/// keys it accepts). A string key is hashed by its characters when it is inserted: mutating
/// it afterwards leaves the entry under the old hash (as in CHICKEN), so do not.
final class HashTable: SchemeObject, CustomPrintable, Traceable {
    enum Test { case eq, eqv, equal, string }

    struct Key: Hashable {
        let value: Value
        let test: Test

        static func == (a: Key, b: Key) -> Bool {
            switch a.test {
            case .eq: return Value.eq(a.value, b.value)
            case .eqv: return eqvValues(a.value, b.value)
            case .equal: return equalValues(a.value, b.value)
            case .string:
                if case .string(let s) = a.value, case .string(let t) = b.value { return s.sameCharacters(as: t) }
                return equalValues(a.value, b.value)
            }
        }

        func hash(into h: inout Hasher) {
            switch test {
            case .eq: HashTable.identityHash(value, into: &h)
            case .eqv, .equal, .string: HashTable.structuralHash(value, into: &h, depth: 0)
            }
        }
    }

    let test: Test
    /// The procedures the table was made with (reported by the srfi-69 accessors).
    let testProcedure: Value
    let hashProcedure: Value
    /// The entries in the order their keys were first set, nil where one was deleted: the
    /// table lists them in that order, the same in every run (Swift's dictionaries are
    /// seeded per process, and `eq?` keys hash by address). Changed only through `set`,
    /// `remove` and `clear`, which keep the cycle collector told.
    @exclusivity(unchecked) private var slots: [(key: Value, value: Value)?] = []
    /// Each key's slot.
    @exclusivity(unchecked) private var index: [Key: Int] = [:]
    var gcRegistered = false

    init(test: Test, testProcedure: Value, hashProcedure: Value) {
        self.test = test
        self.testProcedure = testProcedure
        self.hashProcedure = hashProcedure
    }

    /// A new `equal?` table holding `pairs` (made by the host from Swift values: it points
    /// only to objects older than itself, so no write barrier is needed).
    init(equalEntries pairs: [(Value, Value)]) {
        test = .equal
        testProcedure = .false
        hashProcedure = .false
        super.init()
        for (k, v) in pairs { store(k, v) }
    }

    /// A new table with `other`'s test and entries (it points only to older objects, so no
    /// write barrier is needed).
    init(copying other: HashTable) {
        test = other.test
        testProcedure = other.testProcedure
        hashProcedure = other.hashProcedure
        // The two arrays are shared until either table changes: no key is hashed again.
        slots = other.slots
        index = other.index
    }

    override var typeName: String { "hash-table" }
    deinit { if !index.isEmpty { DeepRelease.drain(surrenderChildren) } }
    override func surrenderChildren(to work: inout DeepRelease.Work) {
        index = [:]
        for case let (key, value)? in slots {
            var k = key, v = value
            work.take(&k)
            work.take(&v)
        }
        slots = []
    }
    var printedForm: String { "#<hash-table>" }

    func trace(_ visit: (Value) -> Void) {
        forEachEntry { visit($0); visit($1) }
        visit(testProcedure)
        visit(hashProcedure)
    }

    func key(_ v: Value) -> Key { Key(value: v, test: test) }

    /// How many entries the table has.
    var count: Int { index.count }

    /// The value stored under `key`, if any.
    func lookup(_ key: Value) -> Value? {
        guard let i = index[self.key(key)], let entry = slots[i] else { return nil }
        return entry.value
    }

    /// Calls `body` with each key and value, in the order the keys were first set.
    func forEachEntry(_ body: (Value, Value) -> Void) {
        for case let (key, value)? in slots { body(key, value) }
    }

    /// The entries, in the order the keys were first set.
    var entryList: [(key: Value, value: Value)] { slots.compactMap { $0 } }

    /// Associates `value` with `key` (the collector's write barrier included).
    func set(_ key: Value, _ value: Value, _ collector: CycleCollector) {
        store(key, value)
        collector.stored(key, into: self)
        collector.stored(value, into: self)
    }

    /// A key set again keeps its place, and its first key object (as in CHICKEN). One probe
    /// of the index finds the slot or makes it: each probe compares keys with the table's
    /// test, which may be `equal?`.
    private func store(_ key: Value, _ value: Value) {
        let next = slots.count
        let i = HashTable.slot(&index[self.key(key), default: -1], next)
        if i == next {
            slots.append((key, value))
        } else {
            slots[i] = (slots[i]?.key ?? key, value)
        }
    }

    /// The slot an index entry names, set to `next` if the entry is new (`-1`).
    private static func slot(_ entry: inout Int, _ next: Int) -> Int {
        if entry < 0 { entry = next }
        return entry
    }

    /// Removes `key`'s entry. The slots are compacted once most are empty.
    func remove(_ key: Value) {
        guard let i = index.removeValue(forKey: self.key(key)) else { return }
        slots[i] = nil
        if slots.count > 32 && index.count < slots.count / 2 { compact() }
    }

    private func compact() {
        let live = entryList
        slots = []
        slots.reserveCapacity(live.count)
        index = [:]
        for (k, v) in live { store(k, v) }
    }

    /// Removes every entry (also how the collector breaks a dead cycle).
    func clear() {
        index = [:]
        slots = []
    }

    /// Hashes by identity (for `eq?` tables); numbers and characters by value.
    static func identityHash(_ v: Value, into h: inout Hasher) {
        switch v {
        case .fixnum(let i): h.combine(i)
        case .flonum(let d): h.combine(d.bitPattern)
        case .char(let c): h.combine(c.value)
        case .bool(let b): h.combine(b)
        case .pair(let p): h.combine(ObjectIdentifier(p))
        case .symbol(let s): h.combine(ObjectIdentifier(s))
        case .string(let s): h.combine(ObjectIdentifier(s))
        case .vector(let x): h.combine(ObjectIdentifier(x))
        case .procedure(let p): h.combine(ObjectIdentifier(p))
        case .object(let o): h.combine(ObjectIdentifier(o))
        default: h.combine(0)
        }
    }

    /// Hashes by contents (for `eqv?`, `equal?` and `string=?`), to a bounded depth so that
    /// huge or circular structures hash in bounded time; equal values hash equally.
    static func structuralHash(_ v: Value, into h: inout Hasher, depth: Int) {
        switch v {
        case .string(let s): h.combine(1); s.hashCharacters(into: &h)
        case .pair(let p):
            h.combine(2)
            if depth < 4 { structuralHash(p.car, into: &h, depth: depth + 1); structuralHash(p.cdr, into: &h, depth: depth + 1) }
        case .vector(let x):
            h.combine(3)
            h.combine(x.items.count)
            if depth < 4 { for item in x.items.prefix(4) { structuralHash(item, into: &h, depth: depth + 1) } }
        case .object(let o as Bignum): h.combine(o.value)
        case .object(let o as Ratnum): h.combine(o.num); h.combine(o.den)
        case .object(let o as Cplxnum):
            structuralHash(o.real, into: &h, depth: depth + 1)
            structuralHash(o.imag, into: &h, depth: depth + 1)
        case .object(is Bytevector), .object(is Record), .object(is NumberVector): h.combine(4)
        default: identityHash(v, into: &h)
        }
    }
}
