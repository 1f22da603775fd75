/// A mark (a small number, 0 for none) per object, for the printer's cycle search: an
/// open-addressing table keyed by the object's address with a multiplicative hash. The
/// search visits every pair and vector of the datum; a `Set<ObjectIdentifier>` hashed each
/// with SipHash made a `write` of plain data spend most of its time there.
struct ObjectMarks {
    private var keys: [UInt]
    private var marks: [UInt8]
    private var used = 0
    private var shift: UInt

    init() {
        keys = .filled(with: 0, count: 64)
        marks = .filled(with: 0, count: 64)
        shift = UInt(64 - 6)
    }

    subscript(_ id: ObjectIdentifier) -> UInt8 {
        get { marks[find(UInt(bitPattern: id))] }
        set {
            let k = UInt(bitPattern: id)
            var i = find(k)
            if keys[i] == 0 {
                if (used + 1) * 2 > keys.count { grow(); i = find(k) }
                keys[i] = k
                used += 1
            }
            marks[i] = newValue
        }
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func find(_ key: UInt) -> Int {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: ((key >> 4) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
        return i
    }

    private mutating func grow() {
        let oldKeys = keys, oldMarks = marks
        keys = .filled(with: 0, count: oldKeys.count * 2)
        marks = .filled(with: 0, count: oldKeys.count * 2)
        shift -= 1
        for (k, m) in zip(oldKeys, oldMarks) where k != 0 {
            let i = find(k)
            keys[i] = k
            marks[i] = m
        }
    }
}
