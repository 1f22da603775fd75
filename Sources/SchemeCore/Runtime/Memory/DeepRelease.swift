/// Frees nested objects without recursing in Swift.
///
/// ARC frees an object's children from its `deinit`, so dropping a 1,000,000-deep list or
/// vector nest would run a million nested `deinit`s and overflow the native stack. Instead,
/// a container whose `deinit` finds children it may own hands them to `DeepRelease.drain`,
/// which keeps them on an explicit work list: a child held only by the list is emptied in
/// turn (its children join the list) before it is dropped, so its own `deinit` finds
/// nothing left to free. Children that someone else still holds are just let go.
enum DeepRelease {
    /// The work list: values whose object's last known reference may be this list. The first
    /// `capacity` entries live in a buffer on the native stack, so freeing a small tree
    /// (the common case) allocates nothing; the rest spill into an array. Values are moved
    /// in and out, never copied: a copy would cost a retain and a release per object.
    struct Work {
        fileprivate let buffer: UnsafeMutablePointer<Value>
        fileprivate let capacity: Int
        fileprivate var count = 0
        fileprivate var spill: [Value] = []

        /// Moves `v`, if its object can hold others, onto the list and leaves `v` empty.
        @inline(__always) mutating func take(_ v: inout Value) {
            guard v.mayOwnObjects else { return }
            withUnsafeMutablePointer(to: &v) { source in
                if count < capacity {
                    (buffer + count).moveInitialize(from: source, count: 1)
                    count += 1
                } else {
                    spill.append(source.move())
                }
                source.initialize(to: .null)
            }
        }

        /// Empties a block of closure captures the caller gave up, if nothing else holds it.
        @inline(__always) mutating func take(_ captures: inout Captures) {
            guard captures !== Captures.empty, isKnownUniquelyReferenced(&captures) else { return }
            captures.surrenderChildren(to: &self)
        }

        /// Moves every object among `values` onto the list and empties the array (an array
        /// shared with another holder is copied first, so the other holder keeps its own).
        mutating func takeAll(_ values: inout [Value]) {
            while var v = values.popLast() { take(&v) }
        }

        /// Moves the last entry into `slot` (uninitialized memory); false if there is none.
        /// The entry goes straight from the list to the slot: a local variable in between
        /// could still hold a reference (unoptimized builds keep temporaries) when
        /// `emptyIfUnique` asks whether the entry is the only one.
        @inline(__always) fileprivate mutating func pop(into slot: UnsafeMutablePointer<Value>) -> Bool {
            if !spill.isEmpty {
                slot.initialize(to: spill.removeLast())
                return true
            }
            guard count > 0 else { return false }
            count -= 1
            slot.moveInitialize(from: buffer + count, count: 1)
            return true
        }
    }

    /// Empties `first` (a container in its `deinit`) and everything only it held.
    static func drain(_ first: (inout Work) -> Void) {
        withUnsafeTemporaryAllocation(of: Value.self, capacity: 33) { storage in
            guard let base = storage.baseAddress, storage.count > 1 else { return }
            let current = base + storage.count - 1
            var work = Work(buffer: base, capacity: storage.count - 1)
            first(&work)
            while work.pop(into: current) {
                emptyIfUnique(current, into: &work)
                // Frees the object if the list held the last reference; by then the object
                // holds nothing that could recurse.
                current.deinitialize(count: 1)
            }
        }
    }

    /// Moves the children of the object in `slot` onto `work`, if `slot` holds its only
    /// reference.
    @inline(__always) private static func emptyIfUnique(_ slot: UnsafeMutablePointer<Value>, into work: inout Work) {
        let kind = Container(slot)
        guard kind != .none, Value.isUniquelyReferenced(at: slot) else { return }
        // The slot keeps the object alive: it is used without a reference of its own.
        let object = Value.unretainedObject(at: slot)
        switch kind {
        case .pair:
            Unmanaged<Pair>.fromOpaque(object)._withUnsafeGuaranteedRef { p in
                work.take(&p.car)
                work.take(&p.cdr)
                _ = PairPool.keep(p, from: slot)
            }
        case .vector:
            Unmanaged<SVector>.fromOpaque(object)._withUnsafeGuaranteedRef { work.takeAll(&$0.items) }
        case .procedure:
            Unmanaged<Procedure>.fromOpaque(object)._withUnsafeGuaranteedRef { $0.surrenderChildren(to: &work) }
        case .object:
            Unmanaged<SchemeObject>.fromOpaque(object)._withUnsafeGuaranteedRef { $0.surrenderChildren(to: &work) }
        case .none:
            return
        }
    }

    /// The kind of container a slot holds, read apart from the uniqueness check: switching
    /// over the slot itself may copy its value for the duration of the switch.
    private enum Container {
        case pair, vector, procedure, object, none

        @inline(__always) init(_ slot: UnsafePointer<Value>) {
            switch slot.pointee {
            case .pair: self = .pair
            case .vector: self = .vector
            case .procedure: self = .procedure
            case .object: self = .object
            default: self = .none
            }
        }
    }
}

extension Value {
    /// Whether this value is an object whose release might free further objects.
    @inline(__always) var mayOwnObjects: Bool {
        switch self {
        case .pair, .vector, .object: return true
        case .procedure(let p): return p.kind != .primitive
        default: return false
        }
    }
}

extension Array where Element == Value {
    /// Whether any element might own further objects (then its release goes through
    /// `DeepRelease`).
    var mayOwnObjects: Bool {
        for v in self where v.mayOwnObjects { return true }
        return false
    }
}
