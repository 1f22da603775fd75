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

    /// Whether the slot holds the only reference to its object; `slot` must hold a heap-case
    /// value. Binding the payload with a pattern would add a reference and defeat the check.
    @inline(__always) static func isUniquelyReferenced(at slot: UnsafeMutablePointer<Value>) -> Bool {
        isKnownUniquelyReferenced(&UnsafeMutableRawPointer(slot).assumingMemoryBound(to: AnyObject.self).pointee)
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
        guard MemoryLayout<Value>.size == 9 else { return false }
        return cases.allSatisfy { value, object in
            withUnsafePointer(to: value) { unretainedObject(at: $0) == UnsafeRawPointer(Unmanaged.passUnretained(object).toOpaque()) }
        }
    }()
}
