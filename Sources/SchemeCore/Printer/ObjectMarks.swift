/// A mark (a small number, 0 for none) per object, for the printer's cycle search: an
/// open-addressing table keyed by the object's address with a multiplicative hash. The
/// search visits every pair and vector of the datum; a `Set<ObjectIdentifier>` hashed each
/// with SipHash made a `write` of plain data spend most of its time there.
///
/// The first 64 slots are on the caller's stack (`withTable`): most data written are
/// small, and two heap arrays made and freed per `write` were a third of the search.
struct ObjectMarks {
    private var keys: UnsafeMutableBufferPointer<UInt>
    private var marks: UnsafeMutableBufferPointer<UInt8>
    private var capacity: Int { keys.count }
    /// Whether the slots are on the heap (after a growth), to be freed here.
    private var onHeap = false
    private var used = 0
    private var shift: UInt

    /// Calls `body` with an empty table whose first slots live on the stack.
    static func withTable<R>(_ body: (inout ObjectMarks) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt.self, capacity: 64) { k in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { m in
                k.initialize(repeating: 0)
                m.initialize(repeating: 0)
                var table = ObjectMarks(keys: k, marks: m, shift: UInt(64 - 6))
                defer { table.freeHeapSlots() }
                return body(&table)
            }
        }
    }

    private init(keys: UnsafeMutableBufferPointer<UInt>, marks: UnsafeMutableBufferPointer<UInt8>, shift: UInt) {
        self.keys = keys
        self.marks = marks
        self.shift = shift
    }

    subscript(_ id: ObjectIdentifier) -> UInt8 {
        get { marks[find(UInt(bitPattern: id))] }
        set {
            let k = UInt(bitPattern: id)
            var i = find(k)
            if keys[i] == 0 {
                if (used + 1) * 2 > capacity { grow(); i = find(k) }
                keys[i] = k
                used += 1
            }
            marks[i] = newValue
        }
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func find(_ key: UInt) -> Int {
        let mask = capacity - 1
        var i = Int(truncatingIfNeeded: ((key >> 4) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
        return i
    }

    /// Doubles the table, on the heap.
    private mutating func grow() {
        let (oldKeys, oldMarks, oldOnHeap) = (keys, marks, onHeap)
        keys = .allocate(capacity: oldKeys.count * 2)
        keys.initialize(repeating: 0)
        marks = .allocate(capacity: oldKeys.count * 2)
        marks.initialize(repeating: 0)
        onHeap = true
        shift -= 1
        for j in 0..<oldKeys.count where oldKeys[j] != 0 {
            let i = find(oldKeys[j])
            keys[i] = oldKeys[j]
            marks[i] = oldMarks[j]
        }
        if oldOnHeap {
            oldKeys.deallocate()
            oldMarks.deallocate()
        }
    }

    private func freeHeapSlots() {
        guard onHeap else { return }
        keys.deallocate()
        marks.deallocate()
    }
}
