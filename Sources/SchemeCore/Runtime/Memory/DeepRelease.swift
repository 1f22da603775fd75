/// Frees nested objects without recursing in Swift.
///
/// ARC frees an object's children from its `deinit`, so dropping a 1,000,000-deep list or
/// vector nest would run a million nested `deinit`s and overflow the native stack. Instead,
/// a container whose `deinit` finds children it may own hands them to `DeepRelease.drain`,
/// which keeps them on an explicit work list: a child held only by the list is emptied in
/// turn (its children join the list) before it is dropped, so its own `deinit` finds
/// nothing left to free. Children that someone else still holds are just let go.
enum DeepRelease {
    /// The work list: objects whose last known reference may be this list. The first
    /// `capacity` entries live in a buffer on the native stack, so freeing a small tree
    /// (the common case) allocates nothing; the rest spill into an array.
    struct Work {
        fileprivate let buffer: UnsafeMutablePointer<Unmanaged<AnyObject>>
        fileprivate let capacity: Int
        fileprivate var count = 0
        fileprivate var spill: [AnyObject] = []

        /// Moves `v`'s object, if it is one that can hold others, onto the list and leaves
        /// `v` empty.
        @inline(__always) mutating func take(_ v: inout Value) {
            switch v {
            case .pair(let p): push(p)
            case .vector(let x): push(x)
            case .procedure(let p) where p.kind != .primitive: push(p)
            case .object(let o): push(o)
            default: return
            }
            v = .null
        }

        /// Puts a closure's captured values on the list (the closure gives up its reference).
        @inline(__always) mutating func take(_ captures: Captures) {
            if captures !== Captures.empty { push(captures) }
        }

        /// Moves every object among `values` onto the list and empties the array (an array
        /// shared with another holder is copied first, so the other holder keeps its own).
        mutating func takeAll(_ values: inout [Value]) {
            while var v = values.popLast() { take(&v) }
        }

        @inline(__always) fileprivate mutating func push(_ o: AnyObject) {
            if count < capacity {
                buffer[count] = Unmanaged.passRetained(o)
                count += 1
            } else {
                spill.append(o)
            }
        }

        @inline(__always) fileprivate mutating func pop() -> AnyObject? {
            if let o = spill.popLast() { return o }
            guard count > 0 else { return nil }
            count -= 1
            return buffer[count].takeRetainedValue()
        }
    }

    /// Empties `first` (a container in its `deinit`) and everything only it held.
    static func drain(_ first: (inout Work) -> Void) {
        withUnsafeTemporaryAllocation(of: Unmanaged<AnyObject>.self, capacity: 32) { storage in
            guard let base = storage.baseAddress else { return }
            var work = Work(buffer: base, capacity: storage.count)
            first(&work)
            while var o = work.pop() {
                guard isKnownUniquelyReferenced(&o) else { continue }
                switch o {
                case let p as Pair:
                    work.take(&p.car)
                    work.take(&p.cdr)
                case let v as SVector:
                    work.takeAll(&v.items)
                case let p as Procedure:
                    p.surrenderChildren(to: &work)
                case let c as Captures:
                    c.surrenderChildren(to: &work)
                case let s as SchemeObject:
                    s.surrenderChildren(to: &work)
                default:
                    break
                }
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
