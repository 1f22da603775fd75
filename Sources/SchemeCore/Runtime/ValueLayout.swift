/// Reading a value's object without retaining it, for the VM's hottest paths.
///
/// Binding a payload (`case .procedure(let p)`) retains the object and releases it again,
/// two atomic operations that cost more than the rest of a procedure call. The VM reads the
/// pointer straight from the stack slot instead, and relies on the slot to keep the object
/// alive while it uses it. This depends on how Swift lays out `Value` (the payload word
/// first, the case in the byte after it), which `layoutIsAsExpected` checks when an
/// interpreter is made.
extension Value {
    /// The object of the heap-case value at `slot` (pair, symbol, string, vector, procedure
    /// or object), not retained. `slot` must hold such a value, and keep it while the
    /// object is used.
    @inline(__always) static func unretainedObject(at slot: UnsafePointer<Value>) -> UnsafeRawPointer {
        UnsafeRawPointer(slot).load(as: UnsafeRawPointer.self)
    }

    /// The pair in `slot`, not retained, or nil when it holds something else; `slot` must
    /// keep the pair while it is used. (`pair` is case 4: see `layoutIsAsExpected`.)
    @inline(__always) static func unretainedPair(at slot: UnsafePointer<Value>) -> Unmanaged<Pair>? {
        tag(at: slot) == 4 ? Unmanaged<Pair>.fromOpaque(unretainedObject(at: slot)) : nil
    }

    /// The string in `slot`, not retained, or nil when it holds something else; `slot` must
    /// keep the string while it is used. (`string` is case 6.)
    @inline(__always) static func unretainedString(at slot: UnsafePointer<Value>) -> Unmanaged<MString>? {
        tag(at: slot) == 6 ? Unmanaged<MString>.fromOpaque(unretainedObject(at: slot)) : nil
    }

    /// Whether the slot holds the only reference to its object; `slot` must hold a heap-case
    /// value. Binding the payload with a pattern would add a reference and defeat the check.
    @inline(__always) static func isUniquelyReferenced(at slot: UnsafeMutablePointer<Value>) -> Bool {
        isKnownUniquelyReferenced(&UnsafeMutableRawPointer(slot).assumingMemoryBound(to: AnyObject.self).pointee)
    }

    /// Whether the slot holds a value with no object (a fixnum, flonum, character, boolean
    /// or one of the constants): copying or overwriting it needs no reference counting. Read
    /// from the case byte: Swift numbers the cases with a payload in declaration order
    /// (`bool` 0 to `object` 9, the heap cases 4 to 9) and gives the rest one more number.
    @inline(__always) static func isTrivial(at slot: UnsafePointer<Value>) -> Bool {
        UnsafeRawPointer(slot).load(fromByteOffset: 8, as: UInt8.self) &- 4 > 5
    }

    /// The case byte: the cases with a payload are numbered in declaration order, `bool` 0
    /// to `object` 9 (see `layoutIsAsExpected`); the cases without one share 10.
    @inline(__always) static func tag(at slot: UnsafePointer<Value>) -> UInt8 {
        UnsafeRawPointer(slot).load(fromByteOffset: 8, as: UInt8.self)
    }

    /// `eq?` of the values in two slots, read from their bytes without copying them; nil
    /// where the bytes alone cannot tell (procedures, and the cases without a payload).
    @inline(__always) static func identical(_ a: UnsafePointer<Value>, _ b: UnsafePointer<Value>) -> Bool? {
        let ta = tag(at: a)
        guard ta == tag(at: b) else { return false }  // different cases are never `eq?`
        let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
        switch ta {
        case 0: return x.load(as: UInt8.self) == y.load(as: UInt8.self)  // bool
        case 3: return x.load(as: UInt32.self) == y.load(as: UInt32.self)  // char
        case 1, 2, 4, 5, 6, 7, 9: return x.load(as: UInt64.self) == y.load(as: UInt64.self)  // a number's bits, an object
        default: return nil
        }
    }

    /// `destination.pointee = source.pointee`, the VM's most frequent move (a local or a
    /// constant onto the stack): the bytes are copied and the two objects, if any, retained
    /// and released directly, with no out-of-line copy and destroy that switch over the case.
    @inline(__always) static func copy(from source: UnsafePointer<Value>, to destination: UnsafeMutablePointer<Value>) {
        if !isTrivial(at: source) { _ = Unmanaged<AnyObject>.fromOpaque(unretainedObject(at: source)).retain() }
        let old = isTrivial(at: destination) ? nil : unretainedObject(at: destination)
        UnsafeMutableRawPointer(destination).copyMemory(from: source, byteCount: MemoryLayout<Value>.stride)
        // As an assignment does: the old object goes once the slot no longer names it.
        if let old { Unmanaged<AnyObject>.fromOpaque(old).release() }
    }

    /// `destination.pointee = source.pointee` with the source left empty (`.null`): the
    /// object, if any, changes slots without reference counting. The slots must differ (the
    /// VM moves from above the stack top into a frame); debug builds check.
    @inline(__always) static func move(from source: UnsafeMutablePointer<Value>, to destination: UnsafeMutablePointer<Value>) {
        assert(source != destination, "a value moved onto its own slot")
        let old = isTrivial(at: destination) ? nil : unretainedObject(at: destination)
        UnsafeMutableRawPointer(destination).copyMemory(from: source, byteCount: MemoryLayout<Value>.stride)
        source.initialize(to: .null)  // over the moved bytes: nothing to release
        if let old { Unmanaged<AnyObject>.fromOpaque(old).release() }
    }

    /// `slot.pointee = value` for a value with no object, the same way.
    @inline(__always) static func store(trivial value: Value, to slot: UnsafeMutablePointer<Value>) {
        let old = isTrivial(at: slot) ? nil : unretainedObject(at: slot)
        slot.initialize(to: value)
        if let old { Unmanaged<AnyObject>.fromOpaque(old).release() }
    }

    /// Whether `unretainedObject` finds the object a pattern match binds, for every heap case.
    static let layoutIsAsExpected: Bool = {
        let pair = Pair(.null, .null)
        let symbol = Symbol("layout-check", interned: false)
        let string = MString("x")
        let vector = SVector([])
        let procedure = Closure(code: Code(CodeBuilder(name: nil)), captures: .empty)
        let object = SchemeObject()
        let cases: [(Value, AnyObject)] = [(.pair(pair), pair), (.symbol(symbol), symbol), (.string(string), string),
                                           (.vector(vector), vector), (.procedure(procedure), procedure),
                                           (.object(object), object)]
        guard MemoryLayout<Value>.size == 9, MemoryLayout<Value>.stride == 16 else { return false }
        // `SchemeThread.repeatedWait(in:)` takes an error's box address from its bits.
        guard MemoryLayout<any Error>.size == MemoryLayout<UInt>.size else { return false }
        let trivial: [Value] = [.null, .bool(true), .fixnum(-1), .flonum(1.5), .char("x"), .unspecified, .eof,
                                .defaultObject, .undefined]
        guard trivial.allSatisfy({ v in withUnsafePointer(to: v) { isTrivial(at: $0) } }) else { return false }
        // The case numbers `tag` and `identical` rely on, in declaration order.
        let numbered: [Value] = [.bool(true), .fixnum(1), .flonum(1), .char("x"), .pair(pair), .symbol(symbol),
                                 .string(string), .vector(vector), .procedure(procedure), .object(object), .null, .eof]
        let expected: [UInt8] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]
        guard zip(numbered, expected).allSatisfy({ v, n in withUnsafePointer(to: v) { tag(at: $0) == n } }) else { return false }
        let samples: [Value] = [.bool(true), .bool(false), .fixnum(7), .fixnum(-7), .flonum(0), .flonum(-0.0), .char("a"),
                                .char("b"), .pair(pair), .pair(Pair(.null, .null)), .symbol(symbol), .null]
        for a in samples {
            for b in samples {
                let fast = withUnsafePointer(to: a) { x in withUnsafePointer(to: b) { y in identical(x, y) } }
                if let fast, fast != eq(a, b) { return false }
            }
        }
        return cases.allSatisfy { value, object in
            withUnsafePointer(to: value) {
                !isTrivial(at: $0) && unretainedObject(at: $0) == UnsafeRawPointer(Unmanaged.passUnretained(object).toOpaque())
            }
        }
    }()
}
